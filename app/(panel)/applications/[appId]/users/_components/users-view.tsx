"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { userColumns, type AccountFunds, type DialogState, type UserRow } from "./columns";
import { MoveUserBalanceDialog } from "./move-balance-dialog";
import { RowActions } from "./row-actions";
import { UserSkillsDialog } from "./skills-dialog";
import { CreateUserDialog, DeleteUserDialog, EditUserDialog } from "./user-editor";

export function UsersView({
  appId,
  appName,
  rows,
  total,
  params,
  empty,
  canManage,
  funds,
  sqSkills,
}: {
  appId: number;
  appName: string;
  rows: UserRow[];
  total: number;
  params: ListParams;
  empty: boolean;
  canManage: boolean;
  /** Set when the principal may move money to users (it holds Billing too). */
  funds: AccountFunds | null;
  /** The application's SmartQueue skills, for the row menu's SmartQueue skills dialog. */
  sqSkills: { id: number; name: string }[];
}) {
  const dialog = useDialog<NonNullable<DialogState>>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { appId, onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<UserRow>[]>(
    () => [
      ...userColumns(),
      ...(canManage
        ? [
            actionsColumn(({ row }) => <RowActions appId={appId} row={row.original} canMoveFunds={funds !== null} hasSkills={sqSkills.length > 0} onOpen={open} />) satisfies DataTableColumn<UserRow>,
          ]
        : []),
    ],
    [appId, canManage, funds, open, sqSkills.length],
  );

  const createButton = canManage ? (
    <Button data-action="application.users" onClick={(e) => open({ kind: "create" }, e.currentTarget)}>
      <Plus aria-hidden className="size-4" />
      Create user
    </Button>
  ) : null;

  return (
    <>
      {empty ? (
        <EmptyState title={`${appName} has no users yet`} action={createButton}>
          <p>Users are the identities that the application&apos;s SDK clients and SIP phones log in with.</p>
        </EmptyState>
      ) : (
        <DataTable
          mode="server"
          params={params}
          rowCount={total}
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter by username"
          filterPlaceholder="Username starts with…"
          caption={`Users of ${appName}`}
          emptyMessage="No users yet."
          toolbarActions={createButton}
        />
      )}
      {d?.kind === "create" ? <CreateUserDialog {...props} /> : null}
      {d?.kind === "edit" ? <EditUserDialog {...props} user={d.row} /> : null}
      {d?.kind === "delete" ? <DeleteUserDialog {...props} user={d.row} /> : null}
      {d?.kind === "skills" ? <UserSkillsDialog {...props} user={d.row} skills={sqSkills} /> : null}
      {d?.kind === "move" && funds ? <MoveUserBalanceDialog {...props} user={d.row} direction={d.direction} funds={funds} /> : null}
    </>
  );
}
