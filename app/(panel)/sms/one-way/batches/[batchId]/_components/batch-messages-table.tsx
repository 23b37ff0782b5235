"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { formatMoney } from "@/lib/domains/billing/money";
import { StatusSteps } from "../../../../_components/status-steps";
import type { SmsRow } from "../../../../_components/sms-row";

export function BatchMessagesTable({ rows, total, params, currency }: { rows: SmsRow[]; total: number; params: ListParams; currency: string }) {
  const columns = useMemo<DataTableColumn<SmsRow>[]>(
    () => [
      { accessorKey: "destination", header: "Destination", enableSorting: false, meta: { className: "tabular-nums font-medium" } },
      {
        id: "status",
        header: "Status",
        enableSorting: false,
        cell: ({ row }) => (
          <div className="space-y-0.5">
            <StatusSteps status={row.original.status} />
            {row.original.errorMessage ? <p className="text-xs text-red-700">{row.original.errorMessage}</p> : null}
          </div>
        ),
      },
      { accessorKey: "segments", header: "Segments", enableSorting: false, meta: { className: "tabular-nums" } },
      { accessorKey: "costMinor", header: "Cost", enableSorting: false, meta: { className: "tabular-nums" }, cell: ({ row }) => formatMoney(row.original.costMinor, currency) },
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
      filterLabel="Filter by destination"
      filterPlaceholder="Digits…"
      caption="Destinations of the batch"
      emptyMessage="This batch has no messages."
    />
  );
}
