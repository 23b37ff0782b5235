// The Child accounts table: its row (what the page sends, dates as ISO strings, money already
// formatted), the dialog a row can open, and the data columns. The actions column is added by
// the table, which owns the dialogs.
import { Badge } from "@/components/ui/page";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { formatUtc } from "@/lib/core/format";

export type ChildAccountRow = {
  id: number;
  name: string;
  email: string;
  /** The child's role (seed 004); null for a child stored before roles existed (unrestricted). */
  role: string | null;
  active: boolean;
  /** The child's own ledger balance, minor units, and as shown. */
  balanceMinor: number;
  balance: string;
  /** ISO timestamp. */
  createdAt: string;
};

export type DialogState =
  | { kind: "create" }
  | { kind: "role"; row: ChildAccountRow }
  | { kind: "move"; row: ChildAccountRow }
  | { kind: "suspend"; row: ChildAccountRow }
  | null;

export function childAccountColumns(): DataTableColumn<ChildAccountRow>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => (
        <span className="font-medium text-slate-900" data-child-name={row.original.name}>
          {row.original.name}
        </span>
      ),
    },
    { accessorKey: "email", header: "Email", cell: ({ row }) => <span className="text-slate-600">{row.original.email}</span> },
    {
      id: "role",
      header: "Role",
      accessorFn: (r) => r.role ?? "—",
      cell: ({ row }) => (row.original.role ? <Badge tone="blue">{row.original.role}</Badge> : <span className="text-slate-400">—</span>),
    },
    {
      id: "status",
      header: "Status",
      accessorFn: (r) => (r.active ? "Active" : "Suspended"),
      cell: ({ row }) => <Badge tone={row.original.active ? "green" : "red"}>{row.original.active ? "Active" : "Suspended"}</Badge>,
    },
    {
      id: "balance",
      header: "Balance",
      accessorFn: (r) => r.balanceMinor,
      enableGlobalFilter: false,
      cell: ({ row }) => <span className="whitespace-nowrap tabular-nums text-slate-700">{row.original.balance}</span>,
    },
    {
      accessorKey: "createdAt",
      header: "Created",
      enableGlobalFilter: false,
      cell: ({ row }) => (
        <time dateTime={row.original.createdAt} className="whitespace-nowrap text-slate-600">
          {formatUtc(row.original.createdAt)}
        </time>
      ),
    },
  ];
}
