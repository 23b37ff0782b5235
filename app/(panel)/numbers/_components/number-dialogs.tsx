"use client";
// /numbers' dialogs: a row's application (attach, change or detach) and its deactivation, and the
// bulk toolbar's one confirmation per action (all or nothing, as the domain does it).
import { countOf } from "@/lib/core/format";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { attachNumberAction, bulkAttachNumbersAction, bulkDeactivateNumbersAction, bulkSetSmsAction, deactivateNumberAction } from "../actions";
import type { NumberRow } from "./columns";
import { SelectField } from "@/components/forms/select-field";

type Common = { onClose: () => void; returnFocusTo: HTMLElement | null };
export type Target = { id: number; name: string };
export type Picked = Pick<NumberRow, "id" | "number" | "display">;

const RELEASE_CONSEQUENCE =
  "Its rent stops and the number goes back to the catalogue at once: calls and SMS to it no longer reach this account, and anyone may buy it. Rent already paid is not refunded.";

const NO_APPS = "The account has no applications yet: create one on the Applications page first.";

export function AttachNumberDialog({ row, targets, ...props }: Common & { row: NumberRow; targets: Target[] }) {
  const toast = useToast();
  const form = useActionForm(attachNumberAction, {
    fields: ["applicationId"],
    toInput: (f) => ({ numberId: row.id, applicationId: formText(f, "applicationId") || null }),
    onSuccess: (r) => {
      toast(r.applicationName ? `${row.display} attached to ${r.applicationName}` : `${row.display} detached from ${row.applicationName ?? "its application"}`);
      props.onClose();
    },
  });
  return (
    <FormDialog
      {...props}
      title={`Application for ${row.display}`}
      description="Calls and messages to the number are handled by the application it is attached to."
      form={form}
      submitLabel="Save"
      data-testid="attach-dialog"
    >
      <SelectField label="Application" name="applicationId" defaultValue={row.applicationId ? String(row.applicationId) : ""} error={form.fieldErrors.applicationId} hint={targets.length === 0 ? NO_APPS : undefined}>
        <option value="">Not attached</option>
        {targets.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

export function DeactivateNumberDialog({ row, ...props }: Common & { row: Picked }) {
  const toast = useToast();
  const form = useActionForm(deactivateNumberAction, {
    fields: [],
    toInput: () => ({ numberId: row.id }),
    onSuccess: () => {
      toast(`${row.display} deactivated and released`);
      props.onClose();
    },
  });
  return <ConfirmDialog {...props} title={`Deactivate ${row.display}?`} description={RELEASE_CONSEQUENCE} form={form} submitLabel="Deactivate number" />;
}

function PickedList({ picked }: { picked: Picked[] }) {
  return (
    <ul className="max-h-40 list-inside list-disc overflow-y-auto text-sm text-slate-700" aria-label="Selected numbers">
      {picked.map((p) => (
        <li key={p.id} className="tabular-nums">
          {p.display}
        </li>
      ))}
    </ul>
  );
}


export function BulkAttachDialog({ picked, targets, onDone, ...props }: Common & { picked: Picked[]; targets: Target[]; onDone: () => void }) {
  const toast = useToast();
  const form = useActionForm(bulkAttachNumbersAction, {
    fields: ["applicationId"],
    toInput: (f) => ({ numberIds: picked.map((p) => p.id), applicationId: formText(f, "applicationId") }),
    onSuccess: (r) => {
      toast(`${countOf(r.count, "number")} attached to ${r.applicationName}`);
      onDone();
      props.onClose();
    },
  });
  return (
    <FormDialog {...props} title={`Attach ${countOf(picked.length, "number")} to an application`} form={form} submitLabel="Attach" data-testid="bulk-attach-dialog">
      <SelectField label="Application" name="applicationId" defaultValue="" error={form.fieldErrors.applicationId} hint={targets.length === 0 ? NO_APPS : undefined} required>
        <option value="" disabled>
          Choose an application
        </option>
        {targets.map((t) => (
          <option key={t.id} value={String(t.id)}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <PickedList picked={picked} />
    </FormDialog>
  );
}

export type BulkKind = "detach" | "deactivate" | "sms-on" | "sms-off";

export function BulkConfirmDialog({ kind, picked, onDone, ...props }: Common & { kind: BulkKind; picked: Picked[]; onDone: () => void }) {
  const toast = useToast();
  const ids = picked.map((p) => p.id);
  const n = countOf(picked.length, "number");
  const after = (message: string) => {
    toast(message);
    onDone();
    props.onClose();
  };
  const detach = useActionForm(bulkAttachNumbersAction, { fields: [], toInput: () => ({ numberIds: ids, applicationId: null }), onSuccess: (r) => after(`${countOf(r.count, "number")} detached`) });
  const deactivate = useActionForm(bulkDeactivateNumbersAction, { fields: [], toInput: () => ({ numberIds: ids }), onSuccess: (r) => after(`${countOf(r.count, "number")} deactivated and released`) });
  const sms = useActionForm(bulkSetSmsAction, {
    fields: [],
    toInput: () => ({ numberIds: ids, smsEnabled: kind === "sms-on" }),
    onSuccess: (r) => after(`SMS ${r.smsEnabled ? "enabled" : "disabled"} on ${countOf(r.count, "number")}`),
  });
  const spec = {
    detach: { form: detach, title: `Detach ${n}?`, description: "Calls and messages to them are no longer handled by any application.", submit: "Detach", danger: false },
    deactivate: {
      form: deactivate,
      title: `Deactivate ${n}?`,
      description: "Their rent stops and they go back to the catalogue at once: calls and SMS to them no longer reach this account, and anyone may buy them. Rent already paid is not refunded.",
      submit: `Deactivate ${n}`,
      danger: true,
    },
    "sms-on": { form: sms, title: `Enable SMS on ${n}?`, description: "All of them must support SMS, or nothing is changed.", submit: "Enable SMS", danger: false },
    "sms-off": { form: sms, title: `Disable SMS on ${n}?`, description: "They stop sending and receiving SMS.", submit: "Disable SMS", danger: false },
  }[kind];
  return (
    <ConfirmDialog {...props} title={spec.title} description={spec.description} form={spec.form} submitLabel={spec.submit} danger={spec.danger} data-testid="bulk-confirm">
      <PickedList picked={picked} />
    </ConfirmDialog>
  );
}
