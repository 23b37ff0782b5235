"use client";
// The call history table (server mode: the page fetched one page of sessions; sort, page and page
// size live in the URL). Sortable columns are the indexed ones: start, duration, cost.
import Link from "next/link";
import type { Route } from "next";
import { useMemo } from "react";
import { Mic } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import type { CallStatus } from "@/lib/domains/calls/schemas";
import { StatusBadge } from "./status-badge";
import { formatDuration } from "./format";

export type HistoryRow = {
  id: number;
  href: string;
  applicationName: string;
  direction: "inbound" | "outbound";
  from: string;
  to: string;
  ruleName: string;
  userName: string | null;
  status: CallStatus;
  /** ISO. */
  startedAt: string;
  durationSeconds: number;
  cost: string;
  recordings: number;
};

export function HistoryTable({ rows, total, params, showApplication, caption, emptyMessage }: { rows: HistoryRow[]; total: number; params: ListParams; showApplication: boolean; caption: string; emptyMessage: React.ReactNode }) {
  const columns = useMemo<DataTableColumn<HistoryRow>[]>(
    () => [
      {
        accessorKey: "startedAt",
        header: "Started",
        cell: ({ row }) => (
          // The name starts with the visible time (WCAG 2.5.3, label in name), then says what opens.
          <Link href={row.original.href as Route} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            <DateTime value={row.original.startedAt} />
            <span className="sr-only">, call {row.original.id} details</span>
          </Link>
        ),
      },
      ...(showApplication ? [{ accessorKey: "applicationName", header: "Application", enableSorting: false } satisfies DataTableColumn<HistoryRow>] : []),
      {
        id: "direction",
        header: "Direction",
        enableSorting: false,
        cell: ({ row }) => <Badge tone={row.original.direction === "inbound" ? "blue" : "slate"}>{row.original.direction === "inbound" ? "Inbound" : "Outbound"}</Badge>,
      },
      { accessorKey: "from", header: "From", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.from}</span> },
      { accessorKey: "to", header: "To", enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.to || "—"}</span> },
      { accessorKey: "ruleName", header: "Rule", enableSorting: false, cell: ({ row }) => row.original.ruleName || <span className="text-slate-600">—</span> },
      { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { accessorKey: "durationSeconds", header: "Duration", cell: ({ row }) => <span className="tabular-nums">{formatDuration(row.original.durationSeconds)}</span> },
      { id: "costMinor", header: "Cost", cell: ({ row }) => <span className="tabular-nums">{row.original.cost}</span> },
      {
        id: "recordings",
        header: "Recordings",
        enableSorting: false,
        meta: { label: "Recordings" },
        cell: ({ row }) =>
          row.original.recordings > 0 ? (
            <span className="inline-flex items-center gap-1 text-slate-700">
              <Mic aria-hidden className="size-4" />
              {row.original.recordings}
            </span>
          ) : (
            <span className="text-slate-600">—</span>
          ),
      },
    ],
    [showApplication],
  );
  return (
    <DataTable
      mode="server"
      params={params}
      rowCount={total}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      filterLabel="Number or username"
      filterPlaceholder="+14155550123 or a username"
      caption={caption}
      emptyMessage={emptyMessage}
    />
  );
}
