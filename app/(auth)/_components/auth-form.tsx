"use client";
import { useCallback, useEffect, useRef, useState } from "react";
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
  /** Posted with the password step and with the code step alike (the account's id, the page to return to). */
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
 * whose password step answers a challenge turns into its code step, which has a history entry of
 * its own: the browser's Back returns to the password step (with what was typed there, the
 * password excepted) instead of leaving the page. A code step whose challenge has expired goes
 * back the same way, saying why, and so does "Start again with the password" (a link to the page
 * itself, for a page without JavaScript).
 */
export function AuthForm(props: Props) {
  // Each password step is a fresh form: one after a code step starts without its old result.
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [typed, setTyped] = useState<Record<string, string>>({});
  return (
    <PasswordStep
      key={attempt}
      {...props}
      notice={notice}
      again={attempt > 0}
      typed={typed}
      onTyped={setTyped}
      onLeaveCode={(message) => {
        setNotice(message);
        setAttempt((a) => a + 1);
      }}
    />
  );
}

function PasswordStep({
  action,
  fields,
  hidden,
  submitLabel,
  pendingLabel,
  intro,
  footer,
  codeStep,
  notice,
  again,
  typed,
  onTyped,
  onLeaveCode,
}: Props & {
  notice?: string;
  /** Back from a code step: the keyboard starts again at the top of the form. */
  again: boolean;
  /** What the last password step had in its fields, passwords excepted. */
  typed: Record<string, string>;
  onTyped: (values: Record<string, string>) => void;
  onLeaveCode: (message?: string) => void;
}) {
  const form = useActionForm(action, { fields: fields.map((f) => f.name) });
  const due = form.state?.ok ? (form.state.data as CodeDue) : null;
  if (due?.challenge && codeStep) return <CodeStep {...codeStep} challenge={due.challenge} hidden={hidden} onLeave={onLeaveCode} />;
  return (
    <>
      {intro}
      <form
        {...form.formProps}
        onSubmit={(e) => {
          const data = new FormData(e.currentTarget);
          onTyped(Object.fromEntries(fields.filter((f) => f.type !== "password").map((f) => [f.name, String(data.get(f.name) ?? "")])));
          form.formProps.onSubmit(e);
        }}
        className="space-y-4"
      >
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {fields.map((f, i) => (
          <Field
            key={f.name}
            {...f}
            required
            autoFocus={again && i === 0}
            error={form.fieldErrors[f.name]}
            defaultValue={f.type === "password" ? undefined : (form.defaultValues[f.name] ?? typed[f.name])}
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

/** The code step's own history entry is marked by this in its state: a marker only, never the challenge nor anything typed. */
const CODE_ENTRY = "switchboardLoginCode";
const isCodeEntry = (state: unknown) => (state as Record<string, unknown> | null)?.[CODE_ENTRY] === true;

/**
 * While the code step is shown, the browser's Back returns to the password step: the step pushes
 * an entry of its own for the same URL (Next's router copies its own state into it) and a
 * popstate to any other entry calls `onLeave`. Nothing is posted again either way; Forward to the
 * step's old entry, from the password step, changes nothing. The returned `leave(message)` goes
 * back the same way, for an expired challenge, so no dead entry is left behind.
 */
function useCodeStepEntry(onLeave: (message?: string) => void) {
  const leaveWith = useRef<string | undefined>(undefined);
  const latest = useRef(onLeave);
  useEffect(() => {
    latest.current = onLeave;
  });
  useEffect(() => {
    // Once per code step (React's development double mount included).
    if (!isCodeEntry(window.history.state)) window.history.pushState({ [CODE_ENTRY]: true }, "");
    const onPopState = (e: PopStateEvent) => {
      if (!isCodeEntry(e.state)) latest.current(leaveWith.current);
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);
  return useCallback((message: string | undefined) => {
    if (!isCodeEntry(window.history.state)) return latest.current(message);
    leaveWith.current = message;
    window.history.back();
  }, []);
}

/** The code step of a login with two-step verification: the authenticator's code or a recovery code. */
function CodeStep({
  action,
  challenge,
  restartHref,
  who,
  onLeave,
  hidden,
}: NonNullable<Props["codeStep"]> & { challenge: string; hidden?: Record<string, string>; onLeave: (message?: string) => void }) {
  const form = useActionForm(action, { fields: ["code"] });
  const leave = useCodeStepEntry(onLeave);
  // A refusal of the whole form (not of the code) means the challenge is over: back to the password.
  const expired = form.state && !form.state.ok && form.state.formError ? form.state.formError : null;
  useEffect(() => {
    if (expired) leave(expired);
  }, [expired, leave]);
  return (
    <form {...form.formProps} className="space-y-4" data-testid="code-step">
      <input type="hidden" name="challenge" value={challenge} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
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
        <a
          href={restartHref}
          className="font-medium text-brand-700 hover:underline"
          onClick={(e) => {
            // As Back does: the login name stays. The link itself is for a page without JavaScript.
            e.preventDefault();
            leave(undefined);
          }}
        >
          Start again with the password
        </a>
      </p>
    </form>
  );
}
