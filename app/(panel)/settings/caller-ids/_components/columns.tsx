// The Caller IDs table's columns and the dialogs a row can open. The actions column is added by
// the view, which owns the dialogs.
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { formatUtc } from "@/lib/core/format";
import type { CallerIdRow } from "./row";

export type DialogState = { kind: "add" } | { kind: "code"; row: CallerIdRow } | { kind: "delete"; row: CallerIdRow } | null;

const tries = (n: number) => `${n} ${n === 1 ? "try" : "tries"} left`;

/** Verified (until when), verification expired, a code waiting (until when, tries left), or not verified. */
export function CallerIdStatus({ row }: { row: CallerIdRow }) {
  if (row.active) {
    return (
      <span className="flex flex-wrap items-center gap-2" data-caller-id-status="verified">
        <Badge tone="green">Verified</Badge>
        {row.verifiedUntil ? <span className="text-xs text-slate-600">until {formatUtc(row.verifiedUntil).slice(0, 10)}</span> : null}
      </span>
    );
  }
  if (row.codePending && row.codeExpiresAt) {
    return (
      <span className="flex flex-wrap items-center gap-2" data-caller-id-status="code-sent">
        <Badge tone="blue">Code sent</Badge>
        <span className="text-xs text-slate-600">
          expires {formatUtc(row.codeExpiresAt).slice(11)}, {tries(row.codeAttemptsLeft)}
        </span>
      </span>
    );
  }
  if (row.verifiedUntil) {
    return (
      <span data-caller-id-status="expired">
        <Badge tone="amber">Verification expired</Badge>
      </span>
    );
  }
  return (
    <span data-caller-id-status="unverified">
      <Badge tone="slate">Not verified</Badge>
    </span>
  );
}

export function callerIdColumns(): DataTableColumn<CallerIdRow>[] {
  return [
    { accessorKey: "number", header: "Number", cell: ({ row }) => <span className="font-medium tabular-nums">{row.original.number}</span> },
    { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <CallerIdStatus row={row.original} /> },
    {
      accessorKey: "verificationCallsLeft",
      header: "Verification calls left",
      meta: { className: "tabular-nums" },
      cell: ({ row }) => (row.original.active ? <span className="text-slate-600">—</span> : row.original.verificationCallsLeft),
    },
    { accessorKey: "createdAt", header: "Added", sortFn: "datetime", cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
  ];
}
