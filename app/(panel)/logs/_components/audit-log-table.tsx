"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import type { AuditLogRow } from "@/lib/domains/audit-log/queries";
import { formatUtc } from "@/lib/core/format";
import { Badge } from "@/components/ui/page";

const ACTOR_TYPE_LABELS: Record<string, string> = { owner: "Account owner", subuser: "Subuser", key: "API key", system: "System" };
const OUTCOME_TONES: Record<string, "green" | "red" | "slate"> = { ok: "green", denied: "red", failed: "red" };

export function AuditLogTable({ rows, total, params }: { rows: AuditLogRow[]; total: number; params: ListParams }) {
  const columns = useMemo<DataTableColumn<AuditLogRow>[]>(
    () => [
      {
        accessorKey: "createdAt",
        header: "When",
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: (c) => formatUtc(c.row.original.createdAt, true),
      },
      {
        accessorKey: "actorName",
        header: "Who",
        cell: (c) => (
          <div>
            <div className="font-medium">{c.row.original.actorName}</div>
            <div className="text-xs text-slate-500">{ACTOR_TYPE_LABELS[c.row.original.actorType] ?? c.row.original.actorType}</div>
          </div>
        ),
      },
      { accessorKey: "action", header: "Action", cell: (c) => <code className="text-xs text-slate-800">{c.row.original.action}</code> },
      {
        id: "target",
        header: "Target",
        enableSorting: false,
        cell: (c) => {
          const { targetType, targetId, detail } = c.row.original;
          return (
            <div className="max-w-md">
              <div>{targetType ? `${targetType}${targetId ? ` #${targetId}` : ""}` : <span className="text-slate-400">—</span>}</div>
              {detail ? <div className="truncate text-xs text-slate-500" title={detail}>{detail}</div> : null}
            </div>
          );
        },
      },
      {
        accessorKey: "outcome",
        header: "Outcome",
        enableSorting: false,
        cell: (c) => <Badge tone={OUTCOME_TONES[c.row.original.outcome] ?? "slate"}>{c.row.original.outcome}</Badge>,
      },
      {
        accessorKey: "ip",
        header: "IP",
        enableSorting: false,
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: (c) => c.row.original.ip || <span className="text-slate-400">—</span>,
      },
    ],
    [],
  );
  return (
    <DataTable
      mode="server"
      params={params}
      rowCount={total}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      filterLabel="Filter by action or actor"
      filterPlaceholder="e.g. subuser.create or alice"
      caption="Audit log"
      emptyMessage="Nothing has been logged yet."
    />
  );
}
