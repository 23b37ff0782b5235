// A call list's rows by status: links (?status=…, kept with the number filter and page size; the
// page starts again at 1), each with its count from the list's own counters (no count query).
import Link from "next/link";
import type { Route } from "next";
import { cn } from "@/lib/core/cn";
import { DEFAULT_PAGE_SIZE, type ListParams } from "@/components/data-table/search-params";
import { ROW_STATUSES, ROW_STATUS_LABELS, type RowStatus } from "@/lib/domains/call-lists/client-safe";
import type { CallListDto } from "@/lib/domains/call-lists/queries";

type Counts = Pick<CallListDto, "total" | "pending" | "inProgress" | "succeeded" | "failed" | "cancelled">;

/** How many of the list's rows have `status` (undefined: all of them). */
export function rowCount(list: Counts, status: RowStatus | undefined): number {
  switch (status) {
    case undefined:
      return list.total;
    case "in_progress":
      return list.inProgress;
    default:
      return list[status];
  }
}

/** The list's page `base` showing rows of `status` (undefined: all), with the number filter and page size of `p` kept, from page 1. */
export function rowStatusHref(base: Route, p: Pick<ListParams, "q" | "size">, status: RowStatus | undefined): Route {
  const q = new URLSearchParams();
  if (p.q) q.set("q", p.q);
  if (p.size !== DEFAULT_PAGE_SIZE) q.set("size", String(p.size));
  if (status) q.set("status", status);
  const qs = q.toString();
  return (qs ? `${base}?${qs}` : base) as Route;
}

/** The links, the current one marked; `base` and `params`: the page's URL and list state (rowStatusHref). */
export function RowStatusFilter({ list, current, base, params }: { list: Counts; current: RowStatus | undefined; base: Route; params: Pick<ListParams, "q" | "size"> }) {
  const choices: (RowStatus | undefined)[] = [undefined, ...ROW_STATUSES];
  return (
    <nav aria-label="Rows by status" className="flex flex-wrap gap-1.5" data-testid="row-status-filter">
      {choices.map((s) => {
        const active = s === current;
        return (
          <Link
            key={s ?? "all"}
            href={rowStatusHref(base, params, s)}
            aria-current={active ? "page" : undefined}
            data-status={s ?? "all"}
            scroll={false}
            className={cn(
              "rounded-full px-3 py-1 text-sm ring-1",
              active ? "bg-brand-50 font-medium text-brand-700 ring-brand-300" : "text-slate-700 ring-slate-200 hover:bg-slate-50",
            )}
          >
            {s ? ROW_STATUS_LABELS[s] : "All rows"} <span className="tabular-nums text-slate-600">{rowCount(list, s)}</span>
          </Link>
        );
      })}
    </nav>
  );
}
