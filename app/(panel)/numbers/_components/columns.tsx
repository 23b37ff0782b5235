// /numbers' table: its row (what the page sends: the number formatted for reading, money already
// in the account's currency, dates as ISO strings) and the data columns, whose sortable ids are
// the page's sort keys (number, countryCode, monthlyPriceMinor, nextRenewalAt). The selection,
// application and actions columns are added by the view, which owns the dialogs.
import Link from "next/link";
import type { Route } from "next";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";

export type NumberRow = {
  id: number;
  /** E.164. */
  number: string;
  /** For reading: "+1 212 555 0123". */
  display: string;
  label: string;
  countryCode: string;
  countryName: string;
  regionName: string;
  category: string;
  applicationId: number | null;
  applicationName: string | null;
  smsSupported: boolean;
  smsEnabled: boolean;
  monthlyPriceMinor: number;
  /** Formatted in the account's currency. */
  monthlyPrice: string;
  /** ISO string. */
  nextRenewalAt: string | null;
  autoRenew: boolean;
  status: "active" | "blocked";
  blockedReason: string | null;
};

export const settingsHref = (id: number) => `/numbers/${id}/settings` as Route;

export function NumberCell({ row, link }: { row: Pick<NumberRow, "id" | "number" | "display">; link: boolean }) {
  const text = (
    <span className="whitespace-nowrap font-medium tabular-nums" title={row.number} data-number={row.number}>
      {row.display}
    </span>
  );
  return link ? (
    <Link href={settingsHref(row.id)} className="text-brand-700 hover:underline" aria-label={`${row.display}: settings`}>
      {text}
    </Link>
  ) : (
    text
  );
}

export function StatusBadge({ status, blockedReason }: Pick<NumberRow, "status" | "blockedReason">) {
  if (status === "active") return <Badge tone="green">Active</Badge>;
  return <Badge tone="red">{blockedReason === "verification" ? "Blocked: verification" : "Blocked: unpaid rent"}</Badge>;
}

export function SmsCell({ row }: { row: Pick<NumberRow, "smsSupported" | "smsEnabled"> }) {
  if (!row.smsSupported) return <span className="text-slate-600">Not supported</span>;
  return row.smsEnabled ? <Badge tone="blue">On</Badge> : <span className="text-slate-600">Off</span>;
}

export function numberColumns(opts: { settingsLinks: boolean }): DataTableColumn<NumberRow>[] {
  return [
    { accessorKey: "number", header: "Number", cell: ({ row }) => <NumberCell row={row.original} link={opts.settingsLinks} /> },
    { accessorKey: "label", header: "Label", enableSorting: false, cell: ({ row }) => row.original.label || <span className="text-slate-600">—</span> },
    {
      accessorKey: "countryCode",
      header: "Country / region",
      cell: ({ row }) => (
        <span className="whitespace-nowrap">
          {row.original.countryName}
          <span className="block text-xs text-slate-600">{row.original.regionName}</span>
        </span>
      ),
    },
    { accessorKey: "category", header: "Category", enableSorting: false },
  ];
}

export function priceColumns(): DataTableColumn<NumberRow>[] {
  return [
    { id: "sms", header: "SMS", cell: ({ row }) => <SmsCell row={row.original} /> },
    { accessorKey: "monthlyPriceMinor", header: "Monthly", meta: { className: "text-right whitespace-nowrap tabular-nums" }, cell: ({ row }) => row.original.monthlyPrice },
    {
      accessorKey: "nextRenewalAt",
      header: "Next renewal",
      cell: ({ row }) =>
        row.original.nextRenewalAt ? (
          <span className="whitespace-nowrap">
            <DateTime value={row.original.nextRenewalAt} />
            {!row.original.autoRenew ? <span className="block text-xs text-slate-600">Released then (auto-renew off)</span> : null}
          </span>
        ) : (
          <span className="text-slate-600">—</span>
        ),
    },
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge {...row.original} /> },
  ];
}
