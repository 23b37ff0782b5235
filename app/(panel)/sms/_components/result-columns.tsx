"use client";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { formatMoney } from "@/lib/domains/billing/money";
import { StatusSteps } from "./status-steps";
import type { SmsRow } from "./sms-row";

/** What became of a message: its status steps (with the failure's reason), its segments and its cost in `currency`. */
export function smsResultColumns(currency: string): DataTableColumn<SmsRow>[] {
  return [
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
    { accessorKey: "costMinor", header: "Cost", enableSorting: false, meta: { className: "tabular-nums whitespace-nowrap" }, cell: ({ row }) => formatMoney(row.original.costMinor, currency) },
  ];
}
