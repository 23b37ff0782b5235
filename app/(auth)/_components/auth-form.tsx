"use client";
import { useEffect, useState } from "react";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ServerAction } from "@/lib/server/action";

export type AuthField = { name: string; label: string; type?: string; autoComplete?: string; hint?: string };

/** What a login action answers when the password was right and a code is due (two-step verification). */
export type CodeDue = { challenge: string } | null;

type Props = {
  action: ServerAction<never, unknown>;
  fields: AuthField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  /** Shown above and below the password step only (the code step has its own words). */
  intro?: React.ReactNode;
  footer?: React.ReactNode;
  /** The code step of a login with two-step verification, and whose login it is (its hint differs). */
  codeStep?: { action: ServerAction<never, unknown>; restartHref: string; who: "owner" | "subuser" };
};

/**
 * Login and signup: the form kit with the FormData posted as it is, so the forms work before
 * hydration too. After a refusal every value but the password stays where it was typed. A login
 * whose password step answers a challenge turns into its code step; a code step whose challenge
 * has expired turns back into the password step, saying why. "Start again with the password"
 * (the page itself) does the same without JavaScript.
 */
export function AuthForm(props: Props) {
  // Each password step is a fresh form: a new one (after an expired code step) starts clean.
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <PasswordStep
      key={attempt}
      {...props}
      notice={notice}
      onExpired={(message) => {
        setNotice(message);
        setAttempt((a) => a + 1);
      }}
    />
  );
}

function PasswordStep({ action, fields, hidden, submitLabel, pendingLabel, intro, footer, codeStep, notice, onExpired }: Props & { notice?: string; onExpired: (message: string) => void }) {
  const form = useActionForm(action, { fields: fields.map((f) => f.name) });
  const due = form.state?.ok ? (form.state.data as CodeDue) : null;
  if (due?.challenge && codeStep) return <CodeStep {...codeStep} challenge={due.challenge} onExpired={onExpired} />;
  return (
    <>
      {intro}
      <form {...form.formProps} className="space-y-4">
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {fields.map((f, i) => (
          <Field
            key={f.name}
            {...f}
            required
            // Back from an expired code step: the keyboard starts again at the top of the form.
            autoFocus={Boolean(notice) && i === 0}
            error={form.fieldErrors[f.name]}
            defaultValue={f.type === "password" ? undefined : form.defaultValues[f.name]}
          />
        ))}
        <FormError message={form.formError ?? (form.state ? undefined : notice)} />
        <SubmitButton pending={form.pending} pendingLabel={pendingLabel} className="w-full">
          {submitLabel}
        </SubmitButton>
      </form>
      {footer}
    </>
  );
}

/** The code step of a login with two-step verification: the authenticator's code or a recovery code. */
function CodeStep({
  action,
  challenge,
  restartHref,
  who,
  onExpired,
}: NonNullable<Props["codeStep"]> & { challenge: string; onExpired: (message: string) => void }) {
  const form = useActionForm(action, { fields: ["code"] });
  // A refusal of the whole form (not of the code) means the challenge is over: back to the password.
  const expired = form.state && !form.state.ok && form.state.formError ? form.state.formError : null;
  useEffect(() => {
    if (expired) onExpired(expired);
  }, [expired, onExpired]);
  return (
    <form {...form.formProps} className="space-y-4" data-testid="code-step">
      <input type="hidden" name="challenge" value={challenge} />
      <p className="text-sm text-slate-700">This login has two-step verification on. Enter the code your authenticator app shows for Switchboard.</p>
      <Field name="code" label="Code" autoComplete="one-time-code" autoFocus required spellCheck={false} error={form.fieldErrors.code} />
      <p className="text-xs text-slate-600" data-testid="code-step-hint">
        Lost the phone? Enter one of your recovery codes (<span className="whitespace-nowrap">XXXX-XXXX-XXXX-XXXX</span>) instead
        {who === "subuser" ? ", or ask the account owner to turn your two-step verification off." : "."}
      </p>
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
