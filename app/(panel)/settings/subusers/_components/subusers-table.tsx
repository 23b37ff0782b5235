"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { subuserColumns, type DialogState, type SubuserRow } from "./columns";
import { RowActions } from "./row-actions";
import { CreateSubuserDialog, DeleteSubuserDialog, EditSubuserDialog, ResetPasswordDialog, TurnOffTwoStepDialog } from "./subuser-dialogs";

export function SubusersTable({
  rows,
  canCreate,
  canEdit,
  roleOptions,
  editOnOpen,
  twoStepRequired,
}: {
  rows: SubuserRow[];
  canCreate: boolean;
  canEdit: boolean;
  roleOptions: RoleOption[];
  /** A subuser whose Edit dialog the page opens with (?edit=<name>, the access-request notification's link). */
  editOnOpen?: string;
  /** The account requires two-step verification of every subuser (what turning one's off leads to). */
  twoStepRequired: boolean;
}) {
  const first = canEdit && editOnOpen ? rows.find((r) => r.name === editOnOpen) : undefined;
  const dialog = useDialog<NonNullable<DialogState>>(first ? { kind: "edit", row: first } : null);
  const { open } = dialog;
  const d = dialog.state;
  const close = () => {
    dialog.close();
    // Once closed, a reload shows the list, not the dialog again.
    if (editOnOpen) window.history.replaceState(null, "", window.location.pathname);
  };
  const props = { onClose: close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<SubuserRow>[]>(() => {
    const cols = subuserColumns();
    if (canEdit) {
      cols.push(actionsColumn(({ row }) => <RowActions row={row.original} onOpen={open} />));
    }
    return cols;
  }, [canEdit, open]);

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
            <Button data-action="subusers.create" onClick={(e) => open({ kind: "create" }, e.currentTarget)}>
              <Plus className="size-4" aria-hidden />
              Add subuser
            </Button>
          ) : null
        }
      />
      {canCreate && d?.kind === "create" ? <CreateSubuserDialog {...props} roleOptions={roleOptions} /> : null}
      {canEdit && d?.kind === "edit" ? <EditSubuserDialog {...props} row={d.row} roleOptions={roleOptions} /> : null}
      {canEdit && d?.kind === "password" ? <ResetPasswordDialog {...props} row={d.row} /> : null}
      {canEdit && d?.kind === "delete" ? <DeleteSubuserDialog {...props} row={d.row} /> : null}
      {canEdit && d?.kind === "twoStepOff" ? <TurnOffTwoStepDialog {...props} row={d.row} required={twoStepRequired} /> : null}
    </>
  );
}
