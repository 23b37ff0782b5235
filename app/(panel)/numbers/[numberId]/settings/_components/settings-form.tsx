"use client";
import { CheckboxField, Field, FormError } from "@/components/forms/fields";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { NUMBER_LABEL_MAX } from "@/lib/domains/phone-numbers/limits";
import { updateNumberSettingsAction } from "../actions";

type Settings = { id: number; display: string; label: string; autoRenew: boolean; smsSupported: boolean; smsEnabled: boolean; incomingSmsCallbackUrl: string; ruleId: number | null };

/** `rules`: the rules of the number's application, in order; null when it is not attached to one. */
export function NumberSettingsForm({ number: n, rules }: { number: Settings; rules: { id: number; name: string }[] | null }) {
  const toast = useToast();
  const form = useActionForm(updateNumberSettingsAction, {
    fields: ["label", "autoRenew", "ruleId", "smsEnabled", "incomingSmsCallbackUrl"],
    toInput: (f) => ({
      numberId: n.id,
      ...(rules ? { ruleId: formText(f, "ruleId") ? Number(formText(f, "ruleId")) : null } : {}),
      label: formText(f, "label"),
      autoRenew: f.get("autoRenew") === "on",
      ...(n.smsSupported ? { smsEnabled: f.get("smsEnabled") === "on", incomingSmsCallbackUrl: formText(f, "incomingSmsCallbackUrl") } : {}),
    }),
    onSuccess: () => toast(`Settings of ${n.display} saved`),
  });
  const { fieldErrors } = form;
  return (
    <form {...form.formProps} className="space-y-4" data-testid="number-settings">
      <Field label="Label" name="label" defaultValue={n.label} maxLength={NUMBER_LABEL_MAX} error={fieldErrors.label} hint="A name for the number in lists, e.g. Sales line." autoComplete="off" />
      <CheckboxField
        label="Renew automatically"
        name="autoRenew"
        defaultChecked={n.autoRenew}
        description="Each month's rent is charged on the renewal date. Turned off, the number is released on that date instead."
      />
      {rules ? (
        <SelectField
          label="Routing rule"
          name="ruleId"
          defaultValue={n.ruleId === null ? "" : String(n.ruleId)}
          error={fieldErrors.ruleId}
          hint="The rule whose scenarios answer calls to this number. By pattern: the first rule, in the application's order, whose pattern matches the number."
        >
          <option value="">By pattern (first matching rule)</option>
          {rules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {n.smsSupported ? (
        <>
          <CheckboxField label="SMS enabled" name="smsEnabled" defaultChecked={n.smsEnabled} description="The number sends and receives SMS (two-way SMS); each segment is charged." />
          {fieldErrors.smsEnabled ? (
            <p className="text-xs text-red-700" data-field-error="smsEnabled">
              {fieldErrors.smsEnabled}
            </p>
          ) : null}
          <Field
            label="Incoming SMS callback URL"
            name="incomingSmsCallbackUrl"
            type="url"
            defaultValue={n.incomingSmsCallbackUrl}
            error={fieldErrors.incomingSmsCallbackUrl}
            hint="Optional: an http(s) address told about each SMS the number receives."
            autoComplete="off"
          />
        </>
      ) : (
        <p className="text-sm text-slate-600" data-testid="sms-unsupported">
          This number does not support SMS.
        </p>
      )}
      <FormError message={form.formError} />
      <SubmitButton pending={form.pending}>Save settings</SubmitButton>
    </form>
  );
}
