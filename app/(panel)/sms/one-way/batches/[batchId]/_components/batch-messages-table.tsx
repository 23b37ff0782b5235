"use client";
import { useMemo } from "react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { smsResultColumns } from "../../../../_components/result-columns";
import type { SmsRow } from "../../../../_components/sms-row";

export function BatchMessagesTable({ rows, total, params, currency }: { rows: SmsRow[]; total: number; params: ListParams; currency: string }) {
  const columns = useMemo<DataTableColumn<SmsRow>[]>(
    () => [
      { accessorKey: "destination", header: "Destination", enableSorting: false, meta: { className: "tabular-nums font-medium" } },
      ...smsResultColumns(currency),
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
