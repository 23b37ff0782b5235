// An application's Users table: its row (what the page sends, dates as ISO strings), the dialog a
// row can open, and the data columns, whose ids are the page's sort keys (name, displayName,
// createdAt). The actions column is added by the view, which owns the dialogs.
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";

export type UserRow = {
  id: number;
  name: string;
  displayName: string;
  active: boolean;
  separateBalance: boolean;
  /** ISO string. */
  createdAt: string;
};

export type DialogState = { kind: "create" } | { kind: "edit"; row: UserRow } | { kind: "delete"; row: UserRow } | null;

export function userColumns(): DataTableColumn<UserRow>[] {
  return [
    { accessorKey: "name", header: "Username", cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
    { accessorKey: "displayName", header: "Display name" },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (row.original.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>),
    },
    {
      id: "balance",
      header: "Balance",
      cell: ({ row }) => (row.original.separateBalance ? <Badge tone="blue">Separate</Badge> : <span className="text-slate-600">Account</span>),
    },
    { accessorKey: "createdAt", header: "Created", cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
  ];
}
