"use client";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { keyColumns, type DialogState, type KeyRow } from "./columns";
import { RowActions } from "./row-actions";
import { CreateKeyDialog, DeleteKeyDialog, EditKeyDialog } from "./key-dialogs";

/** `roleOptions`: every role; `grantable`: the ones this principal may put on a new key (never more than its own); each row carries its own. */
export function KeysTable({ rows, roleOptions, grantable }: { rows: KeyRow[]; roleOptions: RoleOption[]; grantable: string[] }) {
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);

  const columns = useMemo<DataTableColumn<KeyRow>[]>(
    () => [
      ...keyColumns(),
      {
        id: "actions",
        header: "",
        enableSorting: false,
        meta: { label: "Actions", className: "w-12 text-right" },
        cell: ({ row }) => <RowActions row={row.original} onOpen={setDialog} />,
      },
    ],
    [],
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
          <Button data-action="service_accounts" onClick={() => setDialog({ kind: "create" })}>
            <Plus className="size-4" aria-hidden />
            Create service account
          </Button>
        }
      />
      {dialog?.kind === "create" ? <CreateKeyDialog onClose={close} roleOptions={roleOptions.filter((o) => grantable.includes(o.role))} /> : null}
      {dialog?.kind === "edit" ? (
        // Roles the key already holds stay listed (they may be removed) even where this principal could not grant them.
        <EditKeyDialog
          row={dialog.row}
          onClose={close}
          roleOptions={roleOptions.filter((o) => dialog.row.grantable.includes(o.role) || dialog.row.roles.includes(o.role))}
        />
      ) : null}
      {dialog?.kind === "delete" ? <DeleteKeyDialog row={dialog.row} onClose={close} /> : null}
    </>
  );
}
