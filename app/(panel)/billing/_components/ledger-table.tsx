"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import type { LedgerEntryRow } from "@/lib/domains/billing/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/page";
import { cn } from "@/lib/core/cn";

export function LedgerTable({ rows, total, params }: { rows: LedgerEntryRow[]; total: number; params: ListParams }) {
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
        cell: (c) => <Badge tone={c.row.original.amountMinor >= 0 ? "green" : "slate"}>{c.row.original.kind}</Badge>,
      },
      { accessorKey: "memo", header: "Memo", enableSorting: false, cell: (c) => c.row.original.memo || <span className="text-slate-600">—</span> },
      {
        accessorKey: "amountMinor",
        header: "Amount",
        meta: { className: "text-right whitespace-nowrap tabular-nums" },
        cell: (c) => {
          const amount = c.row.original.amountMinor;
          return <span className={cn(amount < 0 ? "text-red-700" : "text-emerald-700")}>{amount > 0 ? `+${formatMoney(amount)}` : formatMoney(amount)}</span>;
        },
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
      filterLabel="Filter by kind or memo"
      caption="Ledger entries"
      emptyMessage="The ledger is empty: no credits or charges yet."
    />
  );
}
