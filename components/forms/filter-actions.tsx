// The end of a list's GET filter form (call history, Billing's transactions, the SMS histories,
// Logs): "Apply filters", and "Clear" back to `clearHref` once a filter is set. The form itself is
// keyed by its filters (see each form), so Clear also empties its inputs.
import Link from "next/link";
import type { Route } from "next";
import { cn } from "@/lib/core/cn";
import { Button } from "@/components/ui/button";

export function FilterActions({ active, clearHref, className }: { active: boolean; clearHref: Route; className?: string }) {
  return (
    <div className={cn("flex gap-2", className)}>
      {/* The form is re-created by what it applies: the shell's RouteFocus gives this button the focus back by its key. */}
      <Button type="submit" variant="secondary" data-focus-key="apply-filters">
        Apply filters
      </Button>
      {active ? (
        <Link href={clearHref} className="inline-flex h-10 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Clear
        </Link>
      ) : null}
    </div>
  );
}

/** `<option>`s for each of `values`, labelled from `labels`, after an "any" option with an empty value. */
export function OptionsWithAny<T extends string>({ any, values, labels }: { any: string; values: readonly T[]; labels: Record<T, string> }) {
  return (
    <>
      <option value="">{any}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v]}
        </option>
      ))}
    </>
  );
}
