"use client";
import { countOf } from "@/lib/core/format";
import { useEffect, useMemo, useState } from "react";
import Link from "next/link";
import type { Route } from "next";
import { useSearchParams } from "next/navigation";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn, type ListParams } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { numberColumns, priceColumns, type NumberRow } from "@/app/(panel)/numbers/_components/columns";
import { useUrlPatch } from "@/app/(panel)/numbers/_components/use-url-patch";
import { attachToApplicationAction, detachFromApplicationAction } from "../actions";

type Attachable = { items: { id: number; display: string; where: string }[]; total: number };
type DialogState = { kind: "attach" } | { kind: "detach"; row: NumberRow };
type Common = { onClose: () => void; returnFocusTo: HTMLElement | null };


function AttachNumbersDialog({ appId, appName, attachable, multiple, buyHref, ...props }: Common & { appId: number; appName: string; attachable: Attachable; multiple: boolean; buyHref: Route | null }) {
  const toast = useToast();
  const { set } = useUrlPatch();
  const searchParams = useSearchParams();
  const [pick, setPick] = useState(searchParams.get("pick") ?? "");
  useEffect(() => {
    if (pick === (searchParams.get("pick") ?? "")) return;
    const t = setTimeout(() => set({ pick: pick.replace(/\D/g, "") }, { keepPage: true }), 300);
    return () => clearTimeout(t);
  }, [pick, searchParams, set]);
  const form = useActionForm(attachToApplicationAction, {
    fields: ["numberIds"],
    toInput: (f) => ({ applicationId: appId, numberIds: f.getAll("numberIds").map((v) => Number(v)) }),
    onSuccess: (r) => {
      toast(`${countOf(r.count, "number")} attached to ${appName}`);
      props.onClose();
    },
  });
  return (
    <FormDialog
      {...props}
      title={`Attach numbers to ${appName}`}
      description="The account's numbers that no application handles yet."
      form={form}
      submitLabel="Attach"
      size="lg"
      data-testid="attach-numbers-dialog"
    >
      <div className="space-y-1">
        <label htmlFor="pick-digits" className="block text-sm font-medium text-slate-700">
          Search by digits
        </label>
        <input
          id="pick-digits"
          type="search"
          inputMode="numeric"
          value={pick}
          onChange={(e) => setPick(e.target.value)}
          placeholder="e.g. 777"
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-400 placeholder:text-slate-600 focus:ring-2 focus:ring-brand-500"
        />
      </div>
      <fieldset aria-describedby={form.fieldErrors.numberIds ? "pick-error" : "pick-hint"}>
        <legend className="text-sm font-medium text-slate-700">{multiple ? "Numbers to attach" : "Number to attach"}</legend>
        <p id="pick-hint" className="mb-2 text-xs text-slate-600">
          {multiple ? "Choose one or several." : "Choose one: attaching several at once needs the bulk actions right."}
          {attachable.total > attachable.items.length ? ` Showing ${attachable.items.length} of ${attachable.total}: narrow the list by digits.` : ""}
        </p>
        {attachable.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="nothing-to-attach">
            {pick ? "No unattached number contains these digits." : "Every number of the account is attached to an application."}{" "}
            {buyHref ? (
              <Link href={buyHref} className="font-medium text-brand-700 hover:underline">
                Buy numbers
              </Link>
            ) : null}
          </p>
        ) : (
          <ul className="max-h-72 space-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200">
            {attachable.items.map((n) => (
              <li key={n.id} className="flex items-center gap-2 text-sm">
                <input id={`pick-${n.id}`} type={multiple ? "checkbox" : "radio"} name="numberIds" value={n.id} className="size-4 accent-brand-600" />
                <label htmlFor={`pick-${n.id}`} className="tabular-nums text-slate-800">
                  {n.display} <span className="text-xs text-slate-600">{n.where}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {form.fieldErrors.numberIds ? (
          <p id="pick-error" className="mt-1 text-xs text-red-700" data-field-error="numberIds">
            {form.fieldErrors.numberIds}
          </p>
        ) : null}
      </fieldset>
    </FormDialog>
  );
}

function DetachDialog({ row, appName, ...props }: Common & { row: NumberRow; appName: string }) {
  const toast = useToast();
  const form = useActionForm(detachFromApplicationAction, {
    fields: [],
    toInput: () => ({ numberId: row.id }),
    onSuccess: () => {
      toast(`${row.display} detached from ${appName}`);
      props.onClose();
    },
  });
  return <ConfirmDialog {...props} title={`Detach ${row.display} from ${appName}?`} description={`Calls and messages to it are no longer handled by ${appName}. The number stays the account's.`} form={form} submitLabel="Detach" />;
}

export function AppNumbersView({
  appId,
  appName,
  rows,
  total,
  params,
  empty,
  attachable,
  multiple,
  settingsLinks,
  buyHref,
}: {
  appId: number;
  appName: string;
  rows: NumberRow[];
  total: number;
  params: ListParams;
  empty: boolean;
  /** The attach picker's numbers; null without numbers.attach. */
  attachable: Attachable | null;
  multiple: boolean;
  settingsLinks: boolean;
  buyHref: Route | null;
}) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const canAttach = attachable !== null;
  const columns = useMemo<DataTableColumn<NumberRow>[]>(
    () => [
      ...numberColumns({ settingsLinks }),
      ...priceColumns(),
      ...(canAttach
        ? [
            actionsColumn(({ row }) => (
              <Button variant="secondary" size="sm" data-action="numbers.attach" aria-label={`Detach ${row.original.display}`} onClick={(e) => open({ kind: "detach", row: row.original }, e.currentTarget)}>
                Detach…
              </Button>
            ), "text-right") satisfies DataTableColumn<NumberRow>,
          ]
        : []),
    ],
    [settingsLinks, canAttach, open],
  );
  const attachButton = canAttach ? (
    <Button data-action="numbers.attach" onClick={(e) => open({ kind: "attach" }, e.currentTarget)}>
      <Plus aria-hidden className="size-4" />
      Attach numbers
    </Button>
  ) : null;
  const d = dialog.state;
  const common = { onClose: dialog.close, returnFocusTo: dialog.opener };
  return (
    <>
      {empty ? (
        <EmptyState title={`No numbers are attached to ${appName}`} action={attachButton}>
          <p>{canAttach ? "Attach one of the account's numbers so that its calls and messages reach this application." : "Someone who may attach numbers can attach one of the account's numbers here."}</p>
        </EmptyState>
      ) : (
        <DataTable
          mode="server"
          params={params}
          rowCount={total}
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Search by digits"
          filterPlaceholder="e.g. 777"
          caption={`Numbers of ${appName}`}
          emptyMessage="No numbers are attached."
          toolbarActions={attachButton}
        />
      )}
      {d?.kind === "attach" && attachable ? <AttachNumbersDialog {...common} appId={appId} appName={appName} attachable={attachable} multiple={multiple} buyHref={buyHref} /> : null}
      {d?.kind === "detach" ? <DetachDialog {...common} row={d.row} appName={appName} /> : null}
    </>
  );
}
