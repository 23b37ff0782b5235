"use client";
// All SIP registrations: the account's registrations with their state and where their calls go;
// Create registration, Edit, Pay and restore (a deactivated one), Delete.
import { useMemo } from "react";
import Link from "next/link";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { MAX_SIP_REGISTRATIONS, SIP_PASSWORD_MAX, SIP_USERNAME_MAX } from "@/lib/domains/sip-registrations/client-safe";
import { createSipRegistrationAction, deleteSipRegistrationAction, restoreSipRegistrationAction, updateSipRegistrationAction } from "../actions";
import { boundTo, type SipRegistrationRow } from "./rows";
import { SIP_ACCOUNT_COLUMNS } from "./columns";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };
type DialogState = { kind: "create" } | { kind: "edit" | "delete" | "restore"; row: SipRegistrationRow };

/** `price`: the monthly subscription, formatted; `linkApps`: whether the actor may open applications' SIP registration pages. */
export function SipRegistrationsView({ rows, price, linkApps }: { rows: SipRegistrationRow[]; price: string; linkApps: boolean }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };
  const atLimit = rows.length >= MAX_SIP_REGISTRATIONS;

  const columns = useMemo<DataTableColumn<SipRegistrationRow>[]>(
    () => [
      ...SIP_ACCOUNT_COLUMNS,
      {
        id: "boundTo",
        accessorFn: (r) => boundTo(r),
        header: "Calls go to",
        cell: ({ row }) => {
          const text = boundTo(row.original);
          if (!text) return <span className="text-slate-600">Not bound</span>;
          return linkApps && row.original.applicationId !== null ? (
            <Link href={`/applications/${row.original.applicationId}/sip-registrations`} className="text-brand-700 hover:underline">
              {text}
            </Link>
          ) : (
            text
          );
        },
      },
      { id: "mode", accessorFn: (r) => (r.isPersistent ? "Always" : "While its user is logged in"), header: "Registered" },
      { accessorKey: "nextRenewalAt", header: "Next renewal", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.nextRenewalAt} /> },
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for ${row.original.label}`}>
          <MenuItem data-action="sip_registrations" onSelect={(o) => open({ kind: "edit", row: row.original }, o)}>
            Edit
          </MenuItem>
          {row.original.state === "deactivated" ? (
            <MenuItem data-action="sip_registrations" onSelect={(o) => open({ kind: "restore", row: row.original }, o)}>
              Pay and restore
            </MenuItem>
          ) : null}
          <MenuItem data-action="sip_registrations" danger onSelect={(o) => open({ kind: "delete", row: row.original }, o)}>
            Delete
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open, linkApps],
  );

  const buttons = (
    <div className="flex flex-wrap items-center gap-2">
      {atLimit ? <p className="text-sm text-slate-700">The account holds {MAX_SIP_REGISTRATIONS} registrations, the most it may: delete one to create another.</p> : null}
      <Button data-action="sip_registrations" onClick={(e) => open({ kind: "create" }, e.currentTarget)} disabled={atLimit}>
        <Plus aria-hidden className="size-4" />
        Create registration
      </Button>
    </div>
  );

  return (
    <section className="space-y-4">
      <p className="text-sm text-slate-600">
        Each registration costs {price} a month, charged from the balance when it is created and on each renewal; one whose month the balance cannot pay is deactivated until paid.
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No SIP registrations" action={buttons}>
          <p>Register with your PBX or SIP provider so that calls to that SIP account reach an application here.</p>
        </EmptyState>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter registrations"
          filterPlaceholder="SIP account or application"
          caption="SIP registrations"
          initialSort={{ id: "label" }}
          emptyMessage="No registrations."
          toolbarActions={buttons}
        />
      )}
      {d?.kind === "create" ? <RegistrationDialog {...props} price={price} /> : null}
      {d?.kind === "edit" ? <RegistrationDialog {...props} row={d.row} price={price} /> : null}
      {d?.kind === "delete" ? <DeleteDialog {...props} row={d.row} /> : null}
      {d?.kind === "restore" ? <RestoreDialog {...props} row={d.row} price={price} /> : null}
    </section>
  );
}

/** Create registration, or Edit one (`row`): the SIP account's fields. */
function RegistrationDialog({ row, price, ...props }: DialogProps & { row?: SipRegistrationRow; price: string }) {
  const toast = useToast();
  const outcome = (r: { label: string; successful: boolean; errorMessage: string }) => (r.successful ? `${r.label} registered` : `${r.label} saved, not registered: ${r.errorMessage}`);
  const fields = ["sipUsername", "proxy", "authUser", "outboundProxy", "password"];
  const create = useActionForm(createSipRegistrationAction, {
    fields,
    toInput: (f) => ({ sipUsername: formText(f, "sipUsername"), proxy: formText(f, "proxy"), authUser: formText(f, "authUser"), outboundProxy: formText(f, "outboundProxy"), password: String(f.get("password") ?? "") }),
    onSuccess: (r) => {
      // Saved, but the PBX refused or never answered: said as a problem, not a success.
      toast(outcome(r), r.successful ? "success" : "error");
      props.onClose();
    },
  });
  const edit = useActionForm(updateSipRegistrationAction, {
    fields,
    toInput: (f) => {
      const password = String(f.get("password") ?? "");
      return {
        sipRegistrationId: row?.id ?? 0,
        sipUsername: formText(f, "sipUsername"),
        proxy: formText(f, "proxy"),
        authUser: formText(f, "authUser"),
        outboundProxy: formText(f, "outboundProxy"),
        ...(password ? { password } : {}),
      };
    },
    onSuccess: (r) => {
      toast(outcome(r), r.successful ? "success" : "error");
      props.onClose();
    },
  });
  const form = row ? edit : create;
  const e = form.fieldErrors;
  return (
    <FormDialog
      title={row ? `Edit ${row.label}` : "Create a SIP registration"}
      description={row ? "Saving registers again with the new details." : `The platform registers as this user on your SIP server. ${price} a month, the first month charged now.`}
      form={form}
      submitLabel={row ? "Save" : "Create registration"}
      data-action="sip_registrations"
      {...props}
    >
      <div className="space-y-4">
        <Field label="SIP user name" name="sipUsername" required maxLength={SIP_USERNAME_MAX} defaultValue={row?.sipUsername} autoComplete="off" spellCheck={false} placeholder="1001" error={e.sipUsername} />
        <Field label="Proxy" name="proxy" required defaultValue={row?.proxy} autoComplete="off" spellCheck={false} placeholder="pbx.example.com:5060" hint="The SIP server (registrar): a host name or IPv4 address, with an optional port." error={e.proxy} />
        <Field label="Authentication name" name="authUser" maxLength={SIP_USERNAME_MAX} defaultValue={row?.authUser} autoComplete="off" spellCheck={false} hint="Only when the server wants one other than the SIP user name." error={e.authUser} />
        <Field label="Outbound proxy" name="outboundProxy" defaultValue={row?.outboundProxy} autoComplete="off" spellCheck={false} hint="Optional: a proxy every request goes through." error={e.outboundProxy} />
        <Field
          label="Password"
          name="password"
          type="password"
          maxLength={SIP_PASSWORD_MAX}
          autoComplete="new-password"
          hint={row ? "Leave blank to keep the current password." : "The SIP account's password; it is never shown again."}
          error={e.password}
        />
      </div>
    </FormDialog>
  );
}

function DeleteDialog({ row, ...props }: DialogProps & { row: SipRegistrationRow }) {
  const toast = useToast();
  const form = useActionForm(deleteSipRegistrationAction, {
    fields: [],
    toInput: () => ({ sipRegistrationId: row.id }),
    onSuccess: () => {
      toast(`${row.label} deleted`);
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${row.label}?`}
      description={`The platform unregisters from ${row.proxy}${row.applicationName ? ` and calls stop reaching ${row.applicationName}` : ""}. The month already paid is not refunded.`}
      form={form}
      submitLabel="Delete"
      data-action="sip_registrations"
      {...props}
    />
  );
}

function RestoreDialog({ row, price, ...props }: DialogProps & { row: SipRegistrationRow; price: string }) {
  const toast = useToast();
  const form = useActionForm(restoreSipRegistrationAction, {
    fields: [],
    toInput: () => ({ sipRegistrationId: row.id }),
    onSuccess: (r) => {
      toast(`${r.label} restored`);
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Pay and restore ${row.label}?`}
      description={`${price} is charged now for a month from today, and the platform registers again.`}
      form={form}
      submitLabel="Pay and restore"
      danger={false}
      data-action="sip_registrations"
      {...props}
    />
  );
}
