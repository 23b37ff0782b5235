"use client";
import { useMemo, useState, useTransition } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { deleteAppUserAction } from "../actions";
import { userColumns, type DialogState, type UserRow } from "./columns";
import { RowActions } from "./row-actions";
import { CreateUserDialog, EditUserDialog } from "./user-editor";

export function UsersView({
  appId,
  appName,
  rows,
  total,
  params,
  empty,
  canManage,
}: {
  appId: number;
  appName: string;
  rows: UserRow[];
  total: number;
  params: ListParams;
  empty: boolean;
  canManage: boolean;
}) {
  const [dialog, setDialog] = useState<DialogState>(null);

  const columns = useMemo<DataTableColumn<UserRow>[]>(
    () => [
      ...userColumns(),
      ...(canManage
        ? [
            {
              id: "actions",
              header: "",
              meta: { className: "w-12 text-right" },
              cell: ({ row }) => <RowActions appId={appId} row={row.original} onOpen={setDialog} />,
            } satisfies DataTableColumn<UserRow>,
          ]
        : []),
    ],
    [appId, canManage],
  );

  const createButton = canManage ? (
    <Button data-action="application.users" onClick={() => setDialog({ kind: "create" })}>
      <Plus aria-hidden className="size-4" />
      Create user
    </Button>
  ) : null;

  return (
    <>
      {empty ? (
        <EmptyState title={`${appName} has no users yet`}>
          <p>Users are the identities that the application&apos;s SDK clients and SIP phones log in with.</p>
          {createButton ? <div className="mt-4 flex justify-center">{createButton}</div> : null}
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
      {dialog?.kind === "create" ? <CreateUserDialog appId={appId} open onOpenChange={(o) => !o && setDialog(null)} /> : null}
      {dialog?.kind === "edit" ? <EditUserDialog appId={appId} user={dialog.row} open onOpenChange={(o) => !o && setDialog(null)} /> : null}
      {dialog?.kind === "delete" ? <DeleteUserDialog appId={appId} user={dialog.row} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function DeleteUserDialog({ appId, user, onClose }: { appId: number; user: UserRow; onClose: () => void }) {
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const r = await deleteAppUserAction({ applicationId: appId, userId: user.id });
      if (!r.ok) return setError(r.formError ?? Object.values(r.fieldErrors ?? {})[0]);
      toast(`User ${r.data.name} deleted`);
      onClose();
    });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Delete ${user.name}?`} description="The user can no longer log in to the application. This cannot be undone.">
      <FormError message={error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} disabled={pending}>
          Delete user
        </Button>
      </div>
    </Dialog>
  );
}
