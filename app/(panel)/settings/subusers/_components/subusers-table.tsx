"use client";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { formatUtc } from "@/lib/core/format";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { RowActions } from "./row-actions";
import { CreateSubuserDialog, DeleteSubuserDialog, EditSubuserDialog, ResetPasswordDialog } from "./subuser-dialogs";

export type SubuserRow = {
  id: number;
  name: string;
  description: string;
  active: boolean;
  roles: string[];
  /** ISO timestamp. */
  createdAt: string;
};

export type DialogState =
  | { kind: "create" }
  | { kind: "edit"; row: SubuserRow }
  | { kind: "password"; row: SubuserRow }
  | { kind: "delete"; row: SubuserRow }
  | null;

export function SubusersTable({
  rows,
  canCreate,
  canEdit,
  roleOptions,
}: {
  rows: SubuserRow[];
  canCreate: boolean;
  canEdit: boolean;
  roleOptions: RoleOption[];
}) {
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);

  const columns = useMemo<DataTableColumn<SubuserRow>[]>(() => {
    const cols: DataTableColumn<SubuserRow>[] = [
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
            <span className="text-slate-400">—</span>
          ),
      },
      {
        id: "status",
        header: "Status",
        accessorFn: (r) => (r.active ? "Active" : "Inactive"),
        cell: ({ row }) => <Badge tone={row.original.active ? "green" : "slate"}>{row.original.active ? "Active" : "Inactive"}</Badge>,
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
    if (canEdit) {
      cols.push({
        id: "actions",
        header: "",
        enableSorting: false,
        meta: { label: "Actions", className: "w-12 text-right" },
        cell: ({ row }) => <RowActions row={row.original} onOpen={setDialog} />,
      });
    }
    return cols;
  }, [canEdit]);

  return (
    <>
      <DataTable
        columns={columns}
        data={rows}
        getRowId={(r) => String(r.id)}
        filterLabel="Filter subusers"
        filterPlaceholder="Name, role, description…"
        caption="Subusers"
        initialSort={{ id: "name" }}
        emptyMessage={canCreate ? "No subusers yet. Add one to give someone limited access to the panel." : "No subusers yet."}
        toolbarActions={
          canCreate ? (
            <Button data-action="subusers.create" onClick={() => setDialog({ kind: "create" })}>
              <Plus className="size-4" aria-hidden />
              Add subuser
            </Button>
          ) : null
        }
      />
      {canCreate && dialog?.kind === "create" ? <CreateSubuserDialog onClose={close} roleOptions={roleOptions} /> : null}
      {canEdit && dialog?.kind === "edit" ? <EditSubuserDialog row={dialog.row} onClose={close} roleOptions={roleOptions} /> : null}
      {canEdit && dialog?.kind === "password" ? <ResetPasswordDialog row={dialog.row} onClose={close} /> : null}
      {canEdit && dialog?.kind === "delete" ? <DeleteSubuserDialog row={dialog.row} onClose={close} /> : null}
    </>
  );
}
