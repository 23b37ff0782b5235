import Link from "next/link";
import type { Route } from "next";
import { ChevronRight } from "lucide-react";
import { cn } from "@/lib/core/cn";
import type { SectionId } from "@/lib/access/matrix";
import { sectionGroup, sectionTitle } from "@/lib/nav";

export type Crumb = { label: string; href?: Route };

/**
 * A page's heading: the breadcrumb (where the page sits), its title (the same words as its
 * sidebar entry and browser tab: lib/nav.ts's sectionTitle), a description and its actions.
 */
export function PageHeader({
  title,
  description,
  actions,
  crumbs = [],
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** The trail above this page; the page itself is added as the last, current crumb. */
  crumbs?: Crumb[];
}) {
  return (
    <div className="mb-6">
      {crumbs.length > 0 ? (
        <nav aria-label="Breadcrumb" className="mb-1">
          <ol className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            {crumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex min-w-0 items-center gap-1">
                {c.href ? (
                  <Link href={c.href} className="truncate hover:text-slate-900 hover:underline">
                    {c.label}
                  </Link>
                ) : (
                  <span className="truncate">{c.label}</span>
                )}
                <ChevronRight aria-hidden className="size-3 shrink-0" />
              </li>
            ))}
            <li aria-current="page" className="min-w-0 truncate font-medium text-slate-800" data-crumb-current>
              {title}
            </li>
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}

export function Card({ className, children, ...rest }: { className?: string; children: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={cn("rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200", className)} {...rest}>
      {children}
    </div>
  );
}

/** The panel's one empty state: what is not here yet, why, and (when the viewer may) the way to add it. */
export function EmptyState({ title, children, action, className }: { title: string; children?: React.ReactNode; action?: React.ReactNode; className?: string }) {
  return (
    <div className={cn("rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center", className)} data-empty-state>
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4 flex justify-center">{action}</div> : null}
    </div>
  );
}

export function Badge({ tone = "slate", children }: { tone?: "slate" | "green" | "red" | "blue" | "amber"; children: React.ReactNode }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    green: "bg-emerald-50 text-emerald-800",
    red: "bg-red-50 text-red-800",
    blue: "bg-brand-50 text-brand-700",
    amber: "bg-amber-50 text-amber-900",
  };
  return <span className={cn("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}

/** A section page's heading: its everyday title (lib/nav.ts) under its sidebar group, so sidebar, heading, tab title and breadcrumb agree. */
export function SectionHeader({ section, ...rest }: { section: SectionId; description?: React.ReactNode; actions?: React.ReactNode }) {
  const group = sectionGroup(section);
  return <PageHeader title={sectionTitle(section)} crumbs={group ? [{ label: group }] : []} {...rest} />;
}
