"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import type { LedgerEntryRow } from "@/lib/domains/billing/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { isLedgerKind, LEDGER_KIND_LABELS } from "@/lib/domains/billing/client-safe";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/page";
import { cn } from "@/lib/core/cn";
import { DownloadLink } from "@/components/ui/download-link";

export function LedgerTable({
  rows,
  total,
  params,
  currency,
  exportHref,
  filtered,
}: {
  rows: LedgerEntryRow[];
  total: number;
  params: ListParams;
  currency: string;
  exportHref: string;
  filtered: boolean;
}) {
  const columns = useMemo<DataTableColumn<LedgerEntryRow>[]>(
    () => [
      {
        accessorKey: "createdAt",
        header: "Date",
        meta: { className: "whitespace-nowrap tabular-nums" },
        cell: (c) => <DateTime value={c.row.original.createdAt} />,
      },
      {
        accessorKey: "kind",
        header: "Kind",
        enableSorting: false,
        cell: (c) => {
          const kind = c.row.original.kind;
          return (
            <span data-kind={kind}>
              <Badge tone={c.row.original.amountMinor >= 0 ? "green" : "slate"}>{isLedgerKind(kind) ? LEDGER_KIND_LABELS[kind] : kind}</Badge>
            </span>
          );
        },
      },
      { accessorKey: "memo", header: "Description", enableSorting: false, cell: (c) => c.row.original.memo || <span className="text-slate-600">—</span> },
      {
        accessorKey: "amountMinor",
        header: "Amount",
        meta: { className: "text-right whitespace-nowrap tabular-nums" },
        cell: (c) => {
          const amount = c.row.original.amountMinor;
          return <span className={cn(amount < 0 ? "text-red-700" : "text-emerald-700")}>{amount > 0 ? `+${formatMoney(amount, currency)}` : formatMoney(amount, currency)}</span>;
        },
      },
    ],
    [currency],
  );
  return (
    <DataTable
      mode="server"
      params={params}
      rowCount={total}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      filterLabel="Search descriptions and kinds"
      caption="Transactions"
      emptyMessage={filtered ? "No transactions match these filters." : "No transactions yet: top up the balance to make the first one."}
      toolbarActions={
        <DownloadLink href={exportHref} data-testid="export-transactions">
          Export CSV
        </DownloadLink>
      }
    />
  );
}
