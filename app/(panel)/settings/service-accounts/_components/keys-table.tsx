"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { keyColumns, type DialogState, type KeyRow } from "./columns";
import { RowActions } from "./row-actions";
import { CreateKeyDialog, DeleteKeyDialog, EditKeyDialog } from "./key-dialogs";

/** `roleOptions`: every role; `grantable`: the ones this principal may put on a new key (never more than its own); each row carries its own. */
export function KeysTable({ rows, roleOptions, grantable }: { rows: KeyRow[]; roleOptions: RoleOption[]; grantable: string[] }) {
  const dialog = useDialog<NonNullable<DialogState>>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<KeyRow>[]>(
    () => [
      ...keyColumns(),
      actionsColumn(({ row }) => <RowActions row={row.original} onOpen={open} />),
    ],
    [open],
  );

  return (
    <>
      <DataTable
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        filterLabel="Filter service accounts"
        filterPlaceholder="Name, role, description…"
        caption="Service accounts"
        initialSort={{ id: "createdAt", desc: true }}
        emptyMessage="No service accounts yet. Create one to call the Management API."
        toolbarActions={
          <Button data-action="service_accounts" onClick={(e) => open({ kind: "create" }, e.currentTarget)}>
            <Plus className="size-4" aria-hidden />
            Create service account
          </Button>
        }
      />
      {d?.kind === "create" ? <CreateKeyDialog {...props} roleOptions={roleOptions.filter((o) => grantable.includes(o.role))} /> : null}
      {d?.kind === "edit" ? (
        // Roles the key already holds stay listed (they may be removed) even where this principal could not grant them.
        <EditKeyDialog {...props} row={d.row} roleOptions={roleOptions.filter((o) => d.row.grantable.includes(o.role) || d.row.roles.includes(o.role))} />
      ) : null}
      {d?.kind === "delete" ? <DeleteKeyDialog {...props} row={d.row} /> : null}
    </>
  );
}
