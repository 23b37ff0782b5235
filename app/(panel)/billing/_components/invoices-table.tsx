"use client";
import { useMemo } from "react";
import { FileDown } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";

export type InvoiceRow = { month: number; period: string; number: string; inProgress: boolean };

/** At most one row per month, newest first: a client-side list. */
export function InvoicesTable({ rows }: { rows: InvoiceRow[] }) {
  const columns = useMemo<DataTableColumn<InvoiceRow>[]>(
    () => [
      {
        accessorKey: "period",
        header: "Month",
        enableSorting: false,
        cell: ({ row }) => (
          <span className="font-medium">
            {row.original.period}
            {row.original.inProgress ? (
              <span className="ml-2">
                <Badge tone="blue">In progress</Badge>
              </span>
            ) : null}
          </span>
        ),
      },
      { accessorKey: "number", header: "Invoice", enableSorting: false },
      {
        id: "pdf",
        header: "PDF",
        enableSorting: false,
        cell: ({ row }) => (
          <a
            href={`/billing/invoices/${row.original.month}`}
            download
            className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline"
            aria-label={`Download the invoice for ${row.original.period} (PDF)`}
            data-invoice={row.original.month}
          >
            <FileDown aria-hidden className="size-4" />
            Download
          </a>
        ),
      },
    ],
    [],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.month)}
      filterLabel="Filter invoices"
      caption="Monthly invoices"
      emptyMessage="No invoices yet."
    />
  );
}
