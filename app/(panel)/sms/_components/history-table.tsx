"use client";
import { useMemo } from "react";
import Link from "next/link";
import type { Route } from "next";
import { ArrowDownLeft, ArrowUpRight } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { DateTime } from "@/components/ui/date-time";
import { SmsText } from "./sms-text";
import { smsResultColumns } from "./result-columns";
import type { SmsRow } from "./sms-row";
import type { HistoryKind } from "./history-params";

/** An SMS history: two-way (both directions) or one-way (by batch), server-side paged and sorted by time. */
export function HistoryTable({
  kind,
  rows,
  total,
  params,
  currency,
  batchBase,
  filtered,
}: {
  kind: HistoryKind;
  rows: SmsRow[];
  total: number;
  params: ListParams;
  currency: string;
  /** One-way: the path under which a batch's page is (/sms/one-way/batches), for those who hold the one-way page. */
  batchBase: string | null;
  filtered: boolean;
}) {
  const columns = useMemo<DataTableColumn<SmsRow>[]>(
    () => [
      { accessorKey: "createdAt", header: "Time", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
      ...(kind === "two_way"
        ? [
            {
              accessorKey: "direction",
              header: "Direction",
              enableSorting: false,
              cell: ({ row }) =>
                row.original.direction === "out" ? (
                  <span className="inline-flex items-center gap-1">
                    <ArrowUpRight aria-hidden className="size-4 text-slate-500" />
                    Sent
                  </span>
                ) : (
                  <span className="inline-flex items-center gap-1">
                    <ArrowDownLeft aria-hidden className="size-4 text-brand-700" />
                    Received
                  </span>
                ),
            } satisfies DataTableColumn<SmsRow>,
          ]
        : [
            {
              accessorKey: "batchId",
              header: "Batch",
              enableSorting: false,
              cell: ({ row }) => {
                const id = row.original.batchId;
                if (id === null) return null;
                return batchBase ? (
                  <Link href={`${batchBase}/${id}` as Route} className="font-medium text-brand-700 hover:underline">
                    #{id}
                  </Link>
                ) : (
                  `#${id}`
                );
              },
            } satisfies DataTableColumn<SmsRow>,
          ]),
      { accessorKey: "source", header: kind === "a2p" ? "Sender" : "From", enableSorting: false, meta: { className: "tabular-nums whitespace-nowrap" } },
      { accessorKey: "destination", header: "To", enableSorting: false, meta: { className: "tabular-nums whitespace-nowrap" } },
      {
        accessorKey: "text",
        header: "Text",
        enableSorting: false,
        cell: ({ row }) => (
          <div className="line-clamp-3 min-w-48 max-w-md">
            <SmsText text={row.original.text} hidden={row.original.textHidden} />
          </div>
        ),
      },
      ...smsResultColumns(currency),
    ],
    [kind, currency, batchBase],
  );
  return (
    <DataTable
      mode="server"
      params={params}
      rowCount={total}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      filterLabel={kind === "two_way" ? "Number contains" : "Destination contains"}
      filterPlaceholder="Digits…"
      caption={kind === "two_way" ? "Two-way SMS history" : "One-way SMS history"}
      emptyMessage={filtered ? "No message matches these filters." : "No messages yet."}
    />
  );
}
