import Link from "next/link";
import type { Route } from "next";
import { CheckCircle2, Circle } from "lucide-react";
import type { SectionId } from "@/lib/access/matrix";
import type { ChecklistStep } from "@/lib/domains/dashboard/queries";
import { appTabHref } from "@/lib/nav";
import { sectionHref } from "@/lib/routes";

/**
 * Where each getting-started step is done: a page section's own page; a per-application one in
 * the first application (or the list, to make one); an action section on the page of its button.
 */
export function stepHref(section: SectionId, firstAppId: number | null): Route {
  if (section === "application.users") return firstAppId ? appTabHref(firstAppId, section) : sectionHref("applications");
  if (section === "subusers.create") return sectionHref("subusers");
  if (section === "numbers.purchase") return sectionHref("numbers.available");
  return sectionHref(section);
}

/** The getting-started steps (lib/domains/dashboard/checklist.ts), done or to do, each a link to where it is done. */
export function Checklist({ steps, firstAppId }: { steps: ChecklistStep[]; firstAppId: number | null }) {
  return (
    <ol className="mt-3 divide-y divide-slate-100">
      {steps.map((s) => (
        <li key={s.id} className="flex items-start gap-3 py-3" data-step={s.id} data-done={s.done}>
          {s.done ? (
            <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-label="Done" />
          ) : (
            <Circle className="mt-0.5 size-5 shrink-0 text-slate-600" aria-label="To do" />
          )}
          <div className="min-w-0 flex-1">
            {s.done ? (
              <p className="text-sm font-medium text-slate-700 line-through decoration-slate-400">{s.title}</p>
            ) : (
              <Link href={stepHref(s.section, firstAppId)} className="text-sm font-medium text-brand-700 hover:underline">
                {s.title}
              </Link>
            )}
            <p className="text-sm text-slate-600">{s.text}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
