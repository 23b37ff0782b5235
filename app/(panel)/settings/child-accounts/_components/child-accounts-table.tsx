"use client";
import { useMemo } from "react";
import { useDialog } from "@/components/forms/use-dialog";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { Button } from "@/components/ui/button";
import { childAccountColumns, type ChildAccountRow, type DialogState } from "./columns";
import { RowActions } from "./row-actions";
import { ChangeRoleDialog, CreateChildAccountDialog, MoveBalanceDialog, SuspendDialog, type ParentFunds } from "./child-account-dialogs";

export function ChildAccountsTable({ rows, funds }: { rows: ChildAccountRow[]; funds: ParentFunds }) {
  const dialog = useDialog<NonNullable<DialogState>>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<ChildAccountRow>[]>(
    () => [
      ...childAccountColumns(),
      actionsColumn(({ row }) => <RowActions row={row.original} onOpen={open} />),
    ],
    [open],
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
          <Button data-owner-action="child_accounts" onClick={(e) => open({ kind: "create" }, e.currentTarget)}>
            <Plus className="size-4" aria-hidden />
            Create child account
          </Button>
        }
      />
      {d?.kind === "create" ? <CreateChildAccountDialog {...props} /> : null}
      {d?.kind === "role" ? <ChangeRoleDialog row={d.row} {...props} /> : null}
      {d?.kind === "move" ? <MoveBalanceDialog row={d.row} funds={funds} {...props} /> : null}
      {d?.kind === "suspend" ? <SuspendDialog row={d.row} {...props} /> : null}
    </>
  );
}
