"use client";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { subuserColumns, type DialogState, type SubuserRow } from "./columns";
import { RowActions } from "./row-actions";
import { CreateSubuserDialog, DeleteSubuserDialog, EditSubuserDialog, ResetPasswordDialog } from "./subuser-dialogs";

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
    const cols = subuserColumns();
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
