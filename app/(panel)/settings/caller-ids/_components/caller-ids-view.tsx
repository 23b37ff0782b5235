"use client";
import { useMemo } from "react";
import type { Route } from "next";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { callerIdColumns, type DialogState } from "./columns";
import { AddCallerIdDialog, DeleteCallerIdDialog, EnterCodeDialog } from "./caller-id-dialogs";
import { RowActions } from "./row-actions";
import type { CallerIdRow } from "./row";
import { MAX_CALLER_IDS } from "@/lib/domains/caller-ids/limits";

export function CallerIdsView({ rows, notificationsHref, atLimit }: { rows: CallerIdRow[]; notificationsHref: Route | null; atLimit: boolean }) {
  const dialog = useDialog<NonNullable<DialogState>>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<CallerIdRow>[]>(
    () => [
      ...callerIdColumns(),
      actionsColumn(({ row }) => <RowActions row={row.original} onOpen={open} />),
    ],
    [open],
  );

  // A disabled button's tooltip reaches no keyboard or touch user: the limit is said beside it.
  const addButton = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? (
        <p className="text-sm text-slate-700" data-caller-id-limit="">
          The account has {MAX_CALLER_IDS} caller IDs, the most it may: delete one to add another.
        </p>
      ) : null}
      <Button onClick={(e) => open({ kind: "add" }, e.currentTarget)} disabled={atLimit}>
        <Plus aria-hidden className="size-4" />
        Add caller ID
      </Button>
    </div>
  );
  // After Add (or a new code) the Enter code dialog takes over, returning focus where Add's did.
  const toCode = (row: CallerIdRow) => open({ kind: "code", row }, dialog.opener);

  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No caller IDs yet" action={addButton}>
          <p>Add a phone number you own outside the platform, then verify it with the code the simulator calls it with. Verified numbers can be the caller ID of calls and the sender of SMS.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter caller IDs"
          filterPlaceholder="Digits…"
          caption="Caller IDs"
          initialSort={{ id: "number" }}
          emptyMessage="No caller IDs yet."
          toolbarActions={addButton}
        />
      )}
      {d?.kind === "add" ? <AddCallerIdDialog {...props} onAdded={toCode} /> : null}
      {d?.kind === "code" ? <EnterCodeDialog {...props} key={`${d.row.id}-${d.row.codeExpiresAt}`} row={d.row} notificationsHref={notificationsHref} onResent={toCode} /> : null}
      {d?.kind === "delete" ? <DeleteCallerIdDialog {...props} row={d.row} /> : null}
    </>
  );
}
