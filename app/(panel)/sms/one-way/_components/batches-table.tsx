"use client";
import { useMemo } from "react";
import Link from "next/link";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { DateTime } from "@/components/ui/date-time";
import type { SmsStatus } from "@/lib/domains/sms/schemas";
import { BatchProgress } from "../../_components/batch-progress";
import { batchHref } from "./paths";

export type BatchRow = { id: number; sender: string; total: number; counts: Record<SmsStatus, number>; /** ISO string. */ createdAt: string };

export function BatchesTable({ rows, total, params }: { rows: BatchRow[]; total: number; params: ListParams }) {
  const columns = useMemo<DataTableColumn<BatchRow>[]>(
    () => [
      {
        accessorKey: "id",
        header: "Batch",
        enableSorting: false,
        cell: ({ row }) => (
          <Link href={batchHref(row.original.id)} className="font-medium text-brand-700 hover:underline">
            #{row.original.id}
          </Link>
        ),
      },
      { accessorKey: "createdAt", header: "Sent", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
      { accessorKey: "sender", header: "Sender", enableSorting: false },
      { accessorKey: "total", header: "Destinations", enableSorting: false, meta: { className: "tabular-nums" } },
      {
        id: "progress",
        header: "Progress",
        enableSorting: false,
        cell: ({ row }) => <BatchProgress counts={row.original.counts} total={row.original.total} label={`Progress of batch #${row.original.id}`} />,
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
      filterLabel="Filter by sender"
      filterPlaceholder="Sender contains…"
      caption="One-way SMS batches"
      emptyMessage="No batches sent yet: the form above sends the first one."
    />
  );
}
