// The Service accounts table: its row (what the page sends, dates as ISO strings), the dialog a
// row can open, and the data columns. The actions column is added by the table, which owns the
// dialogs.
import type { DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";

export type KeyRow = {
  id: string;
  name: string;
  description: string;
  roles: string[];
  /** The subuser that created it; null for the account owner. */
  createdBy: string | null;
  /** The roles the viewer may put on this key (never beyond its own, nor the key's creator's). */
  grantable: string[];
  /** ISO timestamp. */
  createdAt: string;
  /** ISO timestamp of the key's last successful API authentication; null: never used. */
  lastUsedAt: string | null;
};

export type DialogState = { kind: "create" } | { kind: "edit"; row: KeyRow } | { kind: "delete"; row: KeyRow } | null;

export function keyColumns(): DataTableColumn<KeyRow>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => (
        <div>
          <span className="font-medium text-slate-900" data-key-name={row.original.name}>
            {row.original.name}
          </span>
          <code className="block text-xs text-slate-600" data-key-id={row.original.id}>
            {row.original.id}
          </code>
        </div>
      ),
    },
    {
      id: "roles",
      header: "Roles",
      accessorFn: (r) => r.roles.join(", "),
      cell: ({ row }) =>
        row.original.roles.length > 0 ? (
          <div className="flex flex-wrap gap-1">
            {row.original.roles.map((r) => (
              <Badge key={r} tone="blue">
                {r}
              </Badge>
            ))}
          </div>
        ) : (
          <span className="text-slate-600">No roles</span>
        ),
    },
    {
      accessorKey: "description",
      header: "Description",
      cell: ({ row }) =>
        row.original.description ? (
          <span className="line-clamp-2 max-w-xs text-slate-600">{row.original.description}</span>
        ) : (
          <span className="text-slate-600">—</span>
        ),
    },
    {
      id: "createdBy",
      header: "Created by",
      accessorFn: (r) => r.createdBy ?? "Account owner",
      cell: ({ row }) => <span className="text-slate-600">{row.original.createdBy ?? "Account owner"}</span>,
    },
    {
      accessorKey: "createdAt",
      header: "Created",
      enableGlobalFilter: false,
      cell: ({ row }) => <DateTime value={row.original.createdAt} />,
    },
    {
      id: "lastUsedAt",
      header: "Last used",
      enableGlobalFilter: false,
      // Never-used keys sort as the oldest.
      accessorFn: (r) => r.lastUsedAt ?? "",
      cell: ({ row }) =>
        row.original.lastUsedAt ? (
          <span data-last-used={row.original.lastUsedAt}>
            <DateTime value={row.original.lastUsedAt} />
          </span>
        ) : (
          <span className="text-slate-600" data-last-used="never">
            Never
          </span>
        ),
    },
  ];
}
