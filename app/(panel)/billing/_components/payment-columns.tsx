// The Receipts table: its row (what the page sends, dates as ISO strings) and its columns, whose
// sortable ids are the page's sort keys (createdAt, amountMinor).
import { FileDown } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { DateTime } from "@/components/ui/date-time";
import { Badge } from "@/components/ui/page";
import { formatMoney } from "@/lib/domains/billing/money";
import type { PaymentStatus } from "@/lib/domains/billing/schemas";

export type PaymentTableRow = {
  id: number;
  amountMinor: number;
  currency: string;
  card: string;
  status: PaymentStatus;
  declineReason: string;
  receiptNumber: string | null;
  /** ISO string. */
  createdAt: string;
};

const STATUS: Record<PaymentStatus, { text: string; tone: "green" | "red" | "amber" | "slate" }> = {
  succeeded: { text: "Paid", tone: "green" },
  declined: { text: "Declined", tone: "red" },
  requires_confirmation: { text: "Waiting for confirmation", tone: "amber" },
  canceled: { text: "Cancelled", tone: "slate" },
};

export function paymentColumns(): DataTableColumn<PaymentTableRow>[] {
  return [
    { accessorKey: "createdAt", header: "Date", meta: { className: "whitespace-nowrap tabular-nums" }, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
    {
      accessorKey: "amountMinor",
      header: "Amount",
      meta: { className: "whitespace-nowrap text-right tabular-nums" },
      cell: ({ row }) => formatMoney(row.original.amountMinor, row.original.currency),
    },
    { id: "card", header: "Card", enableSorting: false, cell: ({ row }) => row.original.card },
    {
      id: "status",
      header: "Status",
      enableSorting: false,
      cell: ({ row }) => {
        const s = STATUS[row.original.status] ?? { text: row.original.status, tone: "slate" as const };
        return (
          <span data-payment-status={row.original.status}>
            <Badge tone={s.tone}>{s.text}</Badge>
            {row.original.declineReason ? <span className="ml-2 text-xs text-slate-600">{row.original.declineReason}</span> : null}
          </span>
        );
      },
    },
    {
      id: "receipt",
      header: "Receipt",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.receiptNumber ? (
          <a
            href={`/billing/receipts/${row.original.id}`}
            download
            className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline"
            aria-label={`Download receipt ${row.original.receiptNumber} (PDF)`}
          >
            <FileDown aria-hidden className="size-4" />
            {row.original.receiptNumber}
          </a>
        ) : (
          <span className="text-slate-600">—</span>
        ),
    },
  ];
}
