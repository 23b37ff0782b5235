"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { CheckboxField, Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { Badge, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { addBlacklistEntryAction, deleteBlacklistEntryAction, updateBlacklistEntryAction } from "../actions";

export type BlacklistRow = { id: number; phone: string; isPrefix: boolean; reason: string; createdAt: string };

type DialogState = { kind: "add" } | { kind: "edit"; row: BlacklistRow } | { kind: "delete"; row: BlacklistRow };
type Common = { onClose: () => void; returnFocusTo: HTMLElement | null };

const PHONE_HINT = "International format: + then digits, e.g. +14155550123. As a prefix, +1900 refuses every caller whose number starts with it.";

function EntryDialog({ row, ...props }: Common & { row?: BlacklistRow }) {
  const toast = useToast();
  const fields = ["phone", "isPrefix", "reason"] as const;
  const toInput = (f: FormData) => ({ phone: formText(f, "phone"), isPrefix: f.get("isPrefix") === "on", reason: formText(f, "reason") });
  const add = useActionForm(addBlacklistEntryAction, {
    fields,
    toInput,
    onSuccess: (e) => {
      toast(`${e.phone} added to the blacklist`);
      props.onClose();
    },
  });
  const edit = useActionForm(updateBlacklistEntryAction, {
    fields,
    toInput: (f) => ({ entryId: row?.id ?? 0, ...toInput(f) }),
    onSuccess: (e) => {
      toast(`${e.phone} saved`);
      props.onClose();
    },
  });
  const form = row ? edit : add;
  return (
    <FormDialog {...props} title={row ? `Edit ${row.phone}` : "Add to the blacklist"} description="Inbound calls from a blacklisted number or prefix are refused." form={form} submitLabel={row ? "Save" : "Add"}>
      <Field label="Number or prefix" name="phone" defaultValue={row?.phone} error={form.fieldErrors.phone} hint={PHONE_HINT} autoComplete="off" inputMode="tel" required />
      <CheckboxField label="Block everything starting with it (a prefix)" name="isPrefix" defaultChecked={row?.isPrefix} />
      <Field label="Reason" name="reason" defaultValue={row?.reason} error={form.fieldErrors.reason} hint="Optional, up to 200 characters." autoComplete="off" maxLength={200} />
    </FormDialog>
  );
}

function DeleteEntryDialog({ row, ...props }: Common & { row: BlacklistRow }) {
  const toast = useToast();
  const form = useActionForm(deleteBlacklistEntryAction, {
    fields: [],
    toInput: () => ({ entryId: row.id }),
    onSuccess: () => {
      toast(`${row.phone} removed from the blacklist`);
      props.onClose();
    },
  });
  return <ConfirmDialog {...props} title={`Remove ${row.phone} from the blacklist?`} description="Its calls are accepted again." form={form} submitLabel="Remove" />;
}

export function BlacklistView({ rows, total, params, empty }: { rows: BlacklistRow[]; total: number; params: ListParams; empty: boolean }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const columns = useMemo<DataTableColumn<BlacklistRow>[]>(
    () => [
      {
        accessorKey: "phone",
        header: "Number or prefix",
        enableSorting: false,
        cell: ({ row }) => (
          <span className="flex items-center gap-2 whitespace-nowrap font-medium tabular-nums">
            {row.original.phone}
            {row.original.isPrefix ? <Badge tone="amber">Prefix</Badge> : null}
          </span>
        ),
      },
      { accessorKey: "reason", header: "Reason", enableSorting: false, cell: ({ row }) => row.original.reason || <span className="text-slate-600">—</span> },
      { accessorKey: "createdAt", header: "Added", enableSorting: false, cell: ({ row }) => <DateTime value={row.original.createdAt} /> },
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for ${row.original.phone}`}>
          <MenuItem onSelect={(o) => open({ kind: "edit", row: row.original }, o)}>Edit</MenuItem>
          <MenuItem danger onSelect={(o) => open({ kind: "delete", row: row.original }, o)}>
            Remove
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );
  const add = (
    <Button onClick={(e) => open({ kind: "add" }, e.currentTarget)}>
      <Plus aria-hidden className="size-4" />
      Add to blacklist
    </Button>
  );
  const d = dialog.state;
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener };
  return (
    <>
      {empty ? (
        <EmptyState title="The blacklist is empty" action={add}>
          <p>Add a caller&apos;s number, or a prefix such as +1900, to refuse its inbound calls to every number of the account.</p>
        </EmptyState>
      ) : (
        <DataTable
          mode="server"
          params={params}
          rowCount={total}
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Search by number"
          filterPlaceholder="e.g. +1900"
          caption="PSTN blacklist"
          emptyMessage="The blacklist is empty."
          toolbarActions={add}
        />
      )}
      {d?.kind === "add" ? <EntryDialog {...common} /> : null}
      {d?.kind === "edit" ? <EntryDialog {...common} row={d.row} /> : null}
      {d?.kind === "delete" ? <DeleteEntryDialog {...common} row={d.row} /> : null}
    </>
  );
}
