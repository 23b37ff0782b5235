// An application's Users table: its row (what the page sends, dates as ISO strings), the dialog a
// row can open, and the data columns, whose ids are the page's sort keys (name, displayName,
// createdAt). The actions column is added by the view, which owns the dialogs.
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import type { UserTransferDirection } from "@/lib/domains/app-users/schemas";

export type UserRow = {
  id: number;
  name: string;
  displayName: string;
  active: boolean;
  separateBalance: boolean;
  /** The user's own balance, minor units (what a separate balance holds; may remain after it is turned off). */
  balanceMinor: number;
  /** balanceMinor formatted in the account's currency. */
  balance: string;
  /** ISO string. */
  createdAt: string;
  /** The user's SmartQueue skills and levels. */
  sqSkills: { id: number; level: number }[];
};

export type DialogState =
  | { kind: "create" }
  | { kind: "edit"; row: UserRow }
  | { kind: "delete"; row: UserRow }
  | { kind: "move"; row: UserRow; direction: UserTransferDirection }
  | { kind: "skills"; row: UserRow }
  | null;

/** The account's balance (minor units) and currency, for those who may move money to users. */
export type AccountFunds = { balanceMinor: number; currency: string };

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
      cell: ({ row }) => {
        const u = row.original;
        if (u.separateBalance) {
          return (
            <span className="flex items-center gap-2">
              <Badge tone="blue">Separate</Badge>
              <span className="tabular-nums">{u.balance}</span>
            </span>
          );
        }
        // Turned off with money left on it: the user spends the account's, and the rest can move back.
        return <span className="text-slate-600">{u.balanceMinor > 0 ? `Account (${u.balance} left on its own)` : "Account"}</span>;
      },
    },
    { accessorKey: "createdAt", header: "Created", cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
  ];
}
