"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import type { AuditLogRow } from "@/lib/domains/audit-log/queries";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/page";
import { DownloadLink } from "@/components/ui/download-link";
import { AUDIT_OUTCOME_LABELS } from "@/lib/domains/audit-log/client-safe";

const OUTCOME_TONES: Record<string, "green" | "red" | "slate"> = { ok: "green", denied: "red", failed: "red" };

/**
 * `filtered`: the page's other filters (dates, outcome, kind) are set, so an empty page means no
 * match rather than an empty log. `exportHref`: the CSV of every row these filters match.
 */
export function AuditLogTable({ rows, total, params, filtered, exportHref }: { rows: AuditLogRow[]; total: number; params: ListParams; filtered: boolean; exportHref: string }) {
  const columns = useMemo<DataTableColumn<AuditLogRow>[]>(
    () => [
      {
        accessorKey: "createdAt",
        header: "When",
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: (c) => <DateTime value={c.row.original.createdAt} />,
      },
      {
        accessorKey: "action",
        header: "What happened",
        cell: (c) => {
          const { sentence, action, detail } = c.row.original;
          return (
            <div className="min-w-56 max-w-xl">
              <p className="text-slate-900" data-audit-sentence>
                {sentence}
              </p>
              <p className="mt-0.5 truncate text-xs text-slate-600" title={detail || undefined}>
                <code>{action}</code>
                {detail ? ` · ${detail}` : null}
              </p>
            </div>
          );
        },
      },
      { accessorKey: "actorName", header: "Who", cell: (c) => <span className="font-medium">{c.row.original.actorName}</span> },
      {
        accessorKey: "outcome",
        header: "Outcome",
        enableSorting: false,
        cell: (c) => {
          const outcome = c.row.original.outcome;
          // The Outcome filter's words (Succeeded, Denied, Failed); an unknown stored value as stored.
          return <Badge tone={OUTCOME_TONES[outcome] ?? "slate"}>{(AUDIT_OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome}</Badge>;
        },
      },
      {
        accessorKey: "ip",
        header: "IP",
        enableSorting: false,
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: (c) => c.row.original.ip || <span className="text-slate-600">—</span>,
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
      filterLabel="Filter by action, actor or target"
      filterPlaceholder="e.g. subuser.create, alice or sales"
      caption="Audit log"
      emptyMessage={filtered ? "No entries match these filters." : "Nothing has been logged yet."}
      toolbarActions={
        <DownloadLink href={exportHref} data-testid="export-audit-log">
          Export CSV
        </DownloadLink>
      }
    />
  );
}
