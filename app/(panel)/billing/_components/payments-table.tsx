"use client";
import { useMemo } from "react";
import { DataTable, type ListParams } from "@/components/data-table/data-table";
import { paymentColumns, type PaymentTableRow } from "./payment-columns";

export function PaymentsTable({ rows, total, params }: { rows: PaymentTableRow[]; total: number; params: ListParams }) {
  const columns = useMemo(() => paymentColumns(), []);
  return (
    <DataTable
      mode="server"
      params={params}
      rowCount={total}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      filterLabel="Filter by receipt number or card's last 4 digits"
      caption="Payments and receipts"
      emptyMessage="No payments yet: top up the balance and its receipt appears here."
    />
  );
}
