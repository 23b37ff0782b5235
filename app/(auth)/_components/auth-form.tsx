"use client";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ServerAction } from "@/lib/server/action";

export type AuthField = { name: string; label: string; type?: string; autoComplete?: string; hint?: string };

/** What a login action answers when the password was right and a code is due (two-step verification). */
export type CodeDue = { challenge: string } | null;

/**
 * Login and signup: the form kit with the FormData posted as it is, so the forms work before
 * hydration too. After a refusal every value but the password stays where it was typed. A login
 * whose password step answers a challenge turns into its code step (`codeAction`); "Use another
 * login" (`restartHref`, the page itself) starts over.
 */
export function AuthForm({
  action,
  fields,
  hidden,
  submitLabel,
  pendingLabel,
  codeAction,
  restartHref,
}: {
  action: ServerAction<never, unknown>;
  fields: AuthField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  codeAction?: ServerAction<never, unknown>;
  restartHref?: string;
}) {
  const form = useActionForm(action, { fields: fields.map((f) => f.name) });
  const due = form.state?.ok ? (form.state.data as CodeDue) : null;
  if (due?.challenge && codeAction) return <CodeStep action={codeAction} challenge={due.challenge} restartHref={restartHref ?? ""} />;
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

/** The code step of a login with two-step verification: the authenticator's code or a recovery code. */
function CodeStep({ action, challenge, restartHref }: { action: ServerAction<never, unknown>; challenge: string; restartHref: string }) {
  const form = useActionForm(action, { fields: ["code"] });
  return (
    <form {...form.formProps} className="space-y-4" data-testid="code-step">
      <input type="hidden" name="challenge" value={challenge} />
      <p className="text-sm text-slate-700">This login has two-step verification on. Enter the code your authenticator app shows for Switchboard.</p>
      <Field
        name="code"
        label="Code"
        autoComplete="one-time-code"
        autoFocus
        required
        spellCheck={false}
        hint="Six digits from the app. Lost the phone? Enter one of your recovery codes (XXXX-XXXX-XXXX-XXXX) instead."
        error={form.fieldErrors.code}
      />
      <FormError message={form.formError} />
      <SubmitButton pending={form.pending} pendingLabel="Checking…" className="w-full">
        Verify
      </SubmitButton>
      <p className="text-center text-sm">
        <a href={restartHref} className="font-medium text-brand-700 hover:underline">
          Start again with the password
        </a>
      </p>
    </form>
  );
}
