// The Call lists table: its row (what the page sends, dates as ISO strings, money formatted on the
// server in the account's currency), the dialogs a row can open, the progress bar and the columns.
import Link from "next/link";
import type { Route } from "next";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { CALL_LIST_STATUS_LABELS, hasCalledAnyone, type CallListStatus } from "@/lib/domains/call-lists/client-safe";

export type CallListRow = {
  id: number;
  name: string;
  ruleName: string;
  status: CallListStatus;
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  inProgress: number;
  pending: number;
  cost: string;
  maxSimultaneous: number;
  numAttempts: number;
  intervalSeconds: number;
  /** ISO strings. `startAt`: when the list could first call (its start, or its creation for a start typed in the past). */
  startAt: string;
  createdAt: string;
  href: Route;
  resultsHref: string;
};

/**
 * How the list's start time reads: "Starts" while it waits for it, "Started" once a row has been
 * called, and "Was to start" for a list stopped before calling anyone (it never started).
 */
export function startLabel(list: Pick<CallListRow, "status" | "succeeded" | "failed" | "inProgress">): "Starts" | "Started" | "Was to start" {
  if (list.status === "queued") return "Starts";
  return hasCalledAnyone(list) || list.status === "in_progress" ? "Started" : "Was to start";
}

export type DialogState = { kind: "create" } | { kind: "append" | "cancel" | "delete" | "edit"; row: CallListRow } | null;

const TONES: Record<CallListStatus, "slate" | "green" | "red" | "blue" | "amber"> = { queued: "slate", in_progress: "blue", paused: "amber", completed: "green", cancelled: "red" };

export const StatusBadge = ({ status }: { status: CallListStatus }) => <Badge tone={TONES[status]}>{CALL_LIST_STATUS_LABELS[status]}</Badge>;

/** Done (succeeded), calling, failed and cancelled rows as one bar, with the counts in words beside it. */
export function Progress({ row }: { row: Pick<CallListRow, "name" | "total" | "succeeded" | "failed" | "cancelled" | "inProgress"> }) {
  const pct = (n: number) => (row.total > 0 ? `${(n / row.total) * 100}%` : "0%");
  const finished = row.succeeded + row.failed + row.cancelled;
  return (
    <div className="min-w-40 space-y-1">
      <div
        role="progressbar"
        aria-label={`Progress of ${row.name}`}
        aria-valuemin={0}
        aria-valuemax={row.total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${row.total} finished`}
        className="flex h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="bg-green-600" style={{ width: pct(row.succeeded) }} />
        <div className="bg-red-600" style={{ width: pct(row.failed) }} />
        <div className="bg-blue-500" style={{ width: pct(row.inProgress) }} />
        <div className="bg-slate-500" style={{ width: pct(row.cancelled) }} />
      </div>
      <p className="text-xs text-slate-600" data-progress={`${row.succeeded}/${row.inProgress}/${row.failed}/${row.total}`}>
        {row.succeeded} done · {row.inProgress} calling · {row.failed} failed{row.cancelled ? ` · ${row.cancelled} cancelled` : ""} of {row.total}
      </p>
    </div>
  );
}

export function callListColumns(): DataTableColumn<CallListRow>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      enableSorting: false,
      cell: ({ row }) => (
        <Link href={row.original.href} className="font-medium text-brand-700 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { accessorKey: "ruleName", header: "Rule", enableSorting: false },
    { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "progress", header: "Progress", enableSorting: false, cell: ({ row }) => <Progress row={row.original} /> },
    { accessorKey: "cost", header: "Cost so far", enableSorting: false },
    { accessorKey: "createdAt", header: "Created", cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
  ];
}
