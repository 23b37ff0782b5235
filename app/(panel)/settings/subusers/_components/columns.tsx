// The Subusers table: its row (what the page sends, dates as ISO strings), the dialog a row can
// open, and the data columns. The actions column is added by the table, which owns the dialogs.
import { Badge } from "@/components/ui/page";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { DateTime } from "@/components/ui/date-time";

export type SubuserRow = {
  id: number;
  name: string;
  description: string;
  active: boolean;
  /** Two-step verification: on; "due" when the account requires it and this subuser has not set it up; off. */
  twoStep: "on" | "due" | "off";
  roles: string[];
  /** ISO timestamp. */
  createdAt: string;
};

export type DialogState =
  | { kind: "create" }
  | { kind: "edit"; row: SubuserRow }
  | { kind: "password"; row: SubuserRow }
  | { kind: "delete"; row: SubuserRow }
  | { kind: "twoStepOff"; row: SubuserRow }
  | null;

export function subuserColumns(): DataTableColumn<SubuserRow>[] {
  return [
    {
      accessorKey: "name",
      header: "Name",
      cell: ({ row }) => <span className="font-medium text-slate-900" data-subuser-name={row.original.name}>{row.original.name}</span>,
    },
    {
      id: "roles",
      header: "Roles",
      accessorFn: (r) => r.roles.join(", "),
      cell: ({ row }) => (
        <div className="flex flex-wrap gap-1">
          {row.original.roles.map((r) => (
            <Badge key={r} tone="blue">
              {r}
            </Badge>
          ))}
        </div>
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
      id: "status",
      header: "Status",
      accessorFn: (r) => `${r.active ? "Active" : "Inactive"}${r.twoStep === "on" ? " two-step" : r.twoStep === "due" ? " two-step due" : ""}`,
      cell: ({ row }) => (
        <div className="flex flex-wrap gap-1">
          <Badge tone={row.original.active ? "green" : "slate"}>{row.original.active ? "Active" : "Inactive"}</Badge>
          {row.original.twoStep === "on" ? (
            <span title="Logging in asks for a code from an authenticator app" data-two-step="">
              <Badge tone="blue">Two-step</Badge>
            </span>
          ) : row.original.twoStep === "due" ? (
            <span title="The account requires two-step verification: this subuser sets it up at its next click" data-two-step-due="">
              <Badge tone="amber">Two-step due</Badge>
            </span>
          ) : null}
        </div>
      ),
    },
    {
      accessorKey: "createdAt",
      header: "Created",
      enableGlobalFilter: false,
      cell: ({ row }) => <DateTime value={row.original.createdAt} />,
    },
  ];
}
