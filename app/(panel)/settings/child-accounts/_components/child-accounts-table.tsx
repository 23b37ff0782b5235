"use client";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { childAccountColumns, type ChildAccountRow, type DialogState } from "./columns";
import { RowActions } from "./row-actions";
import { ChangeRoleDialog, CreateChildAccountDialog, SuspendDialog } from "./child-account-dialogs";

export function ChildAccountsTable({ rows }: { rows: ChildAccountRow[] }) {
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);

  const columns = useMemo<DataTableColumn<ChildAccountRow>[]>(
    () => [
      ...childAccountColumns(),
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
        getRowId={(r) => String(r.id)}
        filterLabel="Filter child accounts"
        filterPlaceholder="Name, email, role…"
        caption="Child accounts"
        initialSort={{ id: "createdAt", desc: true }}
        emptyMessage="No child accounts yet. Create one for a customer, a team or a project that needs its own applications and balance."
        toolbarActions={
          <Button data-owner-action="child_accounts" onClick={() => setDialog({ kind: "create" })}>
            <Plus className="size-4" aria-hidden />
            Create child account
          </Button>
        }
      />
      {dialog?.kind === "create" ? <CreateChildAccountDialog onClose={close} /> : null}
      {dialog?.kind === "role" ? <ChangeRoleDialog row={dialog.row} onClose={close} /> : null}
      {dialog?.kind === "suspend" ? <SuspendDialog row={dialog.row} onClose={close} /> : null}
    </>
  );
}
