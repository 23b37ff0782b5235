"use client";
// The Call lists page's table, its toolbar (Create, for holders of the create row), each row's
// menu (Append rows for holders of the append row; Pause or Resume, Cancel, Download results,
// Delete) and their dialogs. While any list on the page is queued or running and the tab is
// visible, the page refreshes itself every few seconds (useAutoRefresh: router.refresh, the server
// component re-reads the lists) so the progress bars move; it stops once none is.
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { Plus, Upload } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { ConfirmDialog } from "@/components/forms/form-dialog";
import { useAction, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useAutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { cancelCallListAction, deleteCallListAction, pauseCallListAction, resumeCallListAction } from "../actions";
import { callListColumns, type CallListRow, type DialogState } from "./columns";
import { AppendRowsDialog, CreateCallListDialog } from "./upload-dialog";

/** How often a page with a running list refreshes (ours), while its tab is visible. */
export const POLL_MS = 3_000;

function RowActions({ row, canAppend, onOpen }: { row: CallListRow; canAppend: boolean; onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void }) {
  const toast = useToast();
  const router = useRouter();
  const opts = (done: string) => ({
    onSuccess: () => {
      toast(done);
      router.refresh();
    },
    onError: (message: string) => toast(message, "error"),
  });
  const pause = useAction(pauseCallListAction, opts(`${row.name} paused`));
  const resume = useAction(resumeCallListAction, opts(`${row.name} resumed`));
  const open = row.status !== "completed" && row.status !== "cancelled";
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      {canAppend && row.status !== "cancelled" ? (
        <MenuItem data-action="application.call_lists.append" onSelect={(o) => onOpen({ kind: "append", row }, o)}>
          Append rows
        </MenuItem>
      ) : null}
      {row.status === "queued" || row.status === "in_progress" ? <MenuItem onSelect={() => pause.run({ listId: row.id })}>Pause</MenuItem> : null}
      {row.status === "paused" ? <MenuItem onSelect={() => resume.run({ listId: row.id })}>Resume</MenuItem> : null}
      <MenuItem onSelect={() => window.location.assign(row.resultsHref)}>Download results</MenuItem>
      {open ? (
        <MenuItem danger onSelect={(o) => onOpen({ kind: "cancel", row }, o)}>
          Cancel list
        </MenuItem>
      ) : null}
      <MenuItem danger onSelect={(o) => onOpen({ kind: "delete", row }, o)}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}

function CancelDialog({ row, onClose, returnFocusTo }: { row: CallListRow; onClose: () => void; returnFocusTo?: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(cancelCallListAction, {
    toInput: () => ({ listId: row.id }),
    onSuccess: (d) => {
      toast(`${d.name} cancelled: ${d.cancelled} rows will not be called`);
      onClose();
      router.refresh();
    },
  });
  return (
    <ConfirmDialog title={`Cancel ${row.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Cancel list" dismissLabel="Keep list">
      <p className="text-sm text-slate-700">
        The {row.pending} rows not yet called will never be called. Calls under way ({row.inProgress}) finish and are recorded. A cancelled list cannot be resumed.
      </p>
    </ConfirmDialog>
  );
}

function DeleteDialog({ row, onClose, returnFocusTo }: { row: CallListRow; onClose: () => void; returnFocusTo?: HTMLElement | null }) {
  const toast = useToast();
  const router = useRouter();
  const form = useActionForm(deleteCallListAction, {
    toInput: () => ({ listId: row.id }),
    onSuccess: () => {
      toast(`${row.name} deleted`);
      onClose();
      router.refresh();
    },
  });
  return (
    <ConfirmDialog title={`Delete ${row.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Delete">
      <p className="text-sm text-slate-700">The list and its {row.total} rows with their results are deleted. The calls stay in the call history.</p>
    </ConfirmDialog>
  );
}

export function CallListsView({
  appName,
  rows,
  total,
  params,
  empty,
  canCreate,
  canAppend,
  rules,
  uploadUrl,
}: {
  appName: string;
  rows: CallListRow[];
  total: number;
  params: ListParams;
  empty: boolean;
  canCreate: boolean;
  canAppend: boolean;
  rules: { id: number; name: string }[];
  uploadUrl: string;
}) {
  const dialog = useDialog<NonNullable<DialogState>>();
  const { open } = dialog;
  const d = dialog.state;
  useAutoRefresh(POLL_MS, rows.some((r) => r.status === "queued" || r.status === "in_progress"));

  const columns = useMemo<DataTableColumn<CallListRow>[]>(
    () => [
      ...callListColumns(),
      actionsColumn(({ row }) => <RowActions row={row.original} canAppend={canAppend} onOpen={open} />) satisfies DataTableColumn<CallListRow>,
    ],
    [canAppend, open],
  );

  const appendable = rows.filter((r) => r.status !== "cancelled");
  const appendButton = canAppend ? (
    <Button
      variant="secondary"
      data-action="application.call_lists.append"
      disabled={appendable.length === 0}
      title={appendable.length === 0 ? "Create a call list first" : undefined}
      onClick={(e) => appendable[0] && open({ kind: "append", row: appendable[0] }, e.currentTarget)}
    >
      <Upload aria-hidden className="size-4" />
      Append rows
    </Button>
  ) : null;

  const createButton = canCreate ? (
    <Button data-action="application.call_lists.create" onClick={(e) => open({ kind: "create" }, e.currentTarget)} disabled={rules.length === 0} title={rules.length === 0 ? "Add a rule to the application first" : undefined}>
      <Plus aria-hidden className="size-4" />
      Create call list
    </Button>
  ) : null;

  return (
    <>
      {empty ? (
        <EmptyState
          title={`${appName} has no call lists yet`}
          action={
            <div className="flex gap-2">
              {appendButton}
              {createButton}
            </div>
          }
        >
          <p>
            A call list calls every row of a CSV file and runs a rule&apos;s scenarios for each call.{" "}
            {rules.length === 0 ? "Add a rule with a scenario to the application first, then create a list." : canCreate ? "Create one from a file of numbers." : "Someone with the Call list manager role can create one."}
          </p>
        </EmptyState>
      ) : (
        <DataTable
          mode="server"
          params={params}
          rowCount={total}
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter by name"
          filterPlaceholder="List name contains…"
          caption={`Call lists of ${appName}`}
          emptyMessage="No call lists match."
          toolbarActions={
            <div className="flex gap-2">
              {appendButton}
              {createButton}
            </div>
          }
        />
      )}
      {d?.kind === "create" ? <CreateCallListDialog uploadUrl={uploadUrl} rules={rules} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {d?.kind === "append" ? <AppendRowsDialog lists={appendable} initial={d.row} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {d?.kind === "cancel" ? <CancelDialog row={d.row} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {d?.kind === "delete" ? <DeleteDialog row={d.row} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </>
  );
}
