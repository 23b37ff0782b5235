"use client";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ServerAction } from "@/lib/server/action";

export type AuthField = { name: string; label: string; type?: string; autoComplete?: string; hint?: string };

/**
 * Login and signup: the form kit with the FormData posted as it is, so the forms work before
 * hydration too. After a refusal every value but the password stays where it was typed.
 */
export function AuthForm({
  action,
  fields,
  hidden,
  submitLabel,
  pendingLabel,
}: {
  action: ServerAction<never, unknown>;
  fields: AuthField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
}) {
  const form = useActionForm(action, { fields: fields.map((f) => f.name) });
  return (
    <form {...form.formProps} className="space-y-4">
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => (
        <Field key={f.name} {...f} required error={form.fieldErrors[f.name]} defaultValue={f.type === "password" ? undefined : form.defaultValues[f.name]} />
      ))}
      <FormError message={form.formError} />
      <SubmitButton pending={form.pending} pendingLabel={pendingLabel} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
