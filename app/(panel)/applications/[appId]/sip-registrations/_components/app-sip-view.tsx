"use client";
// An application's SIP registrations: those whose calls come to this application (to one of its
// rules, or to one of its users), Bind a registration, Change and Unbind.
import { useMemo, useState } from "react";
import Link from "next/link";
import { Link2 } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { boundTo, type SipRegistrationRow } from "@/app/(panel)/settings/sip-registrations/_components/rows";
import { SIP_ACCOUNT_COLUMNS } from "@/app/(panel)/settings/sip-registrations/_components/columns";
import { bindSipRegistrationAction, unbindSipRegistrationAction } from "../actions";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };
type DialogState = { kind: "bind"; row?: SipRegistrationRow } | { kind: "unbind"; row: SipRegistrationRow };
type Option = { id: number; label: string };

/**
 * `rows`: the registrations bound to this application; `others`: the account's other
 * registrations (binding one here moves it); `rules`: the application's rules, in order;
 * `canManage`: whether the actor may open All SIP registrations (to create one).
 */
export function AppSipView({ applicationId, rows, others, rules, canManage }: { applicationId: number; rows: SipRegistrationRow[]; others: SipRegistrationRow[]; rules: Option[]; canManage: boolean }) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener };

  const columns = useMemo<DataTableColumn<SipRegistrationRow>[]>(
    () => [
      ...SIP_ACCOUNT_COLUMNS,
      {
        id: "target",
        accessorFn: (r) => (r.ruleName ? `Rule ${r.ruleName}` : r.appUserName ? `User ${r.appUserName}` : "First matching rule"),
        header: "Calls go to",
      },
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for ${row.original.label}`}>
          <MenuItem data-action="application.sip_registrations" onSelect={(o) => open({ kind: "bind", row: row.original }, o)}>
            Change where calls go
          </MenuItem>
          <MenuItem data-action="application.sip_registrations" danger onSelect={(o) => open({ kind: "unbind", row: row.original }, o)}>
            Unbind
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );

  const create = canManage ? (
    <Link href="/settings/sip-registrations" className="text-sm font-medium text-brand-700 hover:underline">
      Create one in All SIP registrations
    </Link>
  ) : null;
  const buttons = (
    <div className="flex flex-wrap items-center gap-3">
      {create}
      <Button data-action="application.sip_registrations" onClick={(e) => open({ kind: "bind" }, e.currentTarget)} disabled={others.length === 0}>
        <Link2 aria-hidden className="size-4" />
        Bind a registration
      </Button>
    </div>
  );

  return (
    <section className="space-y-4">
      {rows.length === 0 ? (
        <EmptyState title="No SIP registrations bound here" action={buttons}>
          <p>
            {others.length === 0
              ? "The account has no SIP registrations yet. A registration makes the platform a user of your PBX, so that calls to that user can run one of this application's rules."
              : "Bind one of the account's registrations so that calls to it run one of this application's rules or reach one of its users."}
          </p>
        </EmptyState>
      ) : (
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(r) => String(r.id)}
          filterLabel="Filter registrations"
          filterPlaceholder="SIP account"
          caption="SIP registrations bound to this application"
          initialSort={{ id: "label" }}
          emptyMessage="No registrations."
          toolbarActions={buttons}
        />
      )}
      {d?.kind === "bind" ? <BindDialog {...props} applicationId={applicationId} row={d.row} others={others} rules={rules} /> : null}
      {d?.kind === "unbind" ? <UnbindDialog {...props} row={d.row} /> : null}
    </section>
  );
}

function BindDialog({ applicationId, row, others, rules, ...props }: DialogProps & { applicationId: number; row?: SipRegistrationRow; others: SipRegistrationRow[]; rules: Option[] }) {
  const toast = useToast();
  const [chosen, setChosen] = useState<SipRegistrationRow | undefined>(row ?? others[0]);
  const persistent = chosen?.isPersistent ?? true;
  // Without rules, only a user can take the calls.
  const [target, setTarget] = useState<"rule" | "user">(row?.appUserName || !persistent || rules.length === 0 ? "user" : "rule");
  const toUser = target === "user" || !persistent;
  const form = useActionForm(bindSipRegistrationAction, {
    fields: ["sipRegistrationId", "ruleId", "userName"],
    toInput: (f) => ({
      applicationId,
      sipRegistrationId: Number(formText(f, "sipRegistrationId")),
      ...(toUser ? { userName: formText(f, "userName") } : { ruleId: Number(formText(f, "ruleId")) }),
    }),
    onSuccess: () => {
      toast(`${chosen?.label ?? "The registration"} bound`);
      props.onClose();
    },
  });
  const e = form.fieldErrors;
  return (
    <FormDialog
      title={row ? `Where calls to ${row.label} go` : "Bind a SIP registration"}
      description="Calls to the registered SIP user run the rule's scenarios, or ring the application's user."
      form={form}
      submitLabel={row ? "Save" : "Bind"}
      data-action="application.sip_registrations"
      {...props}
    >
      <div className="space-y-4">
        {row ? (
          <input type="hidden" name="sipRegistrationId" value={row.id} />
        ) : (
          <SelectField label="Registration" name="sipRegistrationId" defaultValue={chosen ? String(chosen.id) : ""} onChange={(ev) => setChosen(others.find((o) => String(o.id) === ev.currentTarget.value))} error={e.sipRegistrationId}>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
                {o.applicationName ? ` (now ${boundTo(o)})` : ""}
              </option>
            ))}
          </SelectField>
        )}
        {persistent ? (
          <SelectField label="Calls go to" name="target" value={target} onChange={(ev) => setTarget(ev.currentTarget.value === "user" ? "user" : "rule")}>
            <option value="rule" disabled={rules.length === 0}>
              {rules.length === 0 ? "A rule (the application has none yet)" : "A rule"}
            </option>
            <option value="user">A user</option>
          </SelectField>
        ) : (
          <p className="text-sm text-slate-600">This registration holds only while its user is logged in through an SDK: it is bound to a user.</p>
        )}
        {toUser ? (
          <Field label="User name" name="userName" required defaultValue={row?.appUserName ?? ""} autoComplete="off" spellCheck={false} hint="One of this application's users; a user holds one registration." error={e.userName} />
        ) : rules.length === 0 ? (
          <p className="text-sm text-amber-800" role={e.ruleId ? "alert" : undefined}>
            This application has no rules yet: add one in Rules first, or send the calls to a user.
          </p>
        ) : (
          <SelectField label="Rule" name="ruleId" defaultValue={rules.find((r) => r.label === row?.ruleName)?.id.toString() ?? String(rules[0]!.id)} error={e.ruleId}>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </SelectField>
        )}
      </div>
    </FormDialog>
  );
}

function UnbindDialog({ row, ...props }: DialogProps & { row: SipRegistrationRow }) {
  const toast = useToast();
  const form = useActionForm(unbindSipRegistrationAction, {
    fields: [],
    toInput: () => ({ sipRegistrationId: row.id }),
    onSuccess: () => {
      toast(`${row.label} unbound`);
      props.onClose();
    },
  });
  return <ConfirmDialog title={`Unbind ${row.label}?`} description="Calls to it will reach no application until it is bound again. The registration itself stays." form={form} submitLabel="Unbind" data-action="application.sip_registrations" {...props} />;
}
