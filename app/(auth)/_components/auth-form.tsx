"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import type { FormState } from "../actions";

export type AuthField = { name: string; label: string; type?: string; autoComplete?: string; defaultValue?: string; hint?: string };

/** Login and signup forms: a server action with useActionState, so they work before hydration too. */
export function AuthForm({
  action,
  fields,
  hidden,
  submitLabel,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: AuthField[];
  hidden?: Record<string, string>;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => (
        <Field key={f.name} {...f} required error={errors[f.name]} />
      ))}
      <FormError message={state && !state.ok ? state.formError : undefined} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Please wait…" : submitLabel}
      </Button>
    </form>
  );
}
