"use client";
// Setting up two-step verification (lib/auth/two-step.ts), wherever it happens: Profile's card,
// and /two-step for a subuser whose account requires it first. Start (a new secret as a QR code
// and a key to type), confirm with the app's first code, then the ten recovery codes, readable
// this once. The actions come from the page, so both places share one flow.
import { useEffect, useRef, useState } from "react";
import { Copy, Download, ShieldCheck, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { saveTextFile } from "@/components/ui/download-link";
import { useToast } from "@/components/ui/toast";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import type { ServerAction } from "@/lib/server/action";

/** A started setup; `fingerprint` names its secret when the first code is sent (a newer setup, in another tab, replaces it). */
export type TwoStepSetupData = { uri: string; secret: string; fingerprint: string; qr: string };
type Step = { kind: "idle" } | { kind: "setup"; setup: TwoStepSetupData } | { kind: "codes"; codes: string[] };

/**
 * The whole setup: a start button (with `children` above it), the QR step, then the recovery
 * codes; `onFinished` once the person says the codes are saved. `accountLabel` names the login
 * in the recovery-codes file.
 */
export function TwoStepSetup({
  start,
  confirm,
  accountLabel,
  startLabel,
  onFinished,
  children,
}: {
  start: ServerAction<Record<string, never>, TwoStepSetupData>;
  confirm: ServerAction<{ code: string; fingerprint: string }, { recoveryCodes: string[] }>;
  accountLabel: string;
  startLabel: string;
  onFinished: () => void;
  children?: React.ReactNode;
}) {
  const toast = useToast();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const startButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  const begin = useAction(start, { onSuccess: (setup) => setStep({ kind: "setup", setup }), onError: (m) => toast(m, "error") });
  // Back from a cancelled setup: focus where it started, not <body>.
  useEffect(() => {
    if (step.kind === "idle" && cancelled.current) {
      cancelled.current = false;
      startButton.current?.focus();
    }
  }, [step]);
  if (step.kind === "setup") {
    return (
      <SetupStep
        setup={step.setup}
        confirm={confirm}
        onCancel={() => {
          cancelled.current = true;
          setStep({ kind: "idle" });
        }}
        onDone={(codes) => {
          toast("Two-step verification is on");
          setStep({ kind: "codes", codes });
        }}
      />
    );
  }
  if (step.kind === "codes") return <RecoveryCodes codes={step.codes} accountLabel={accountLabel} onDone={onFinished} />;
  return (
    <div className="space-y-3">
      {children}
      <Button ref={startButton} onClick={() => begin.run({})} disabled={begin.pending} data-action="profile">
        <ShieldCheck className="size-4" aria-hidden />
        {begin.pending ? "Preparing…" : startLabel}
      </Button>
    </div>
  );
}

/** The key in groups of four, as authenticator apps show keys typed in by hand; a line breaks between groups only. */
function GroupedKey({ secret }: { secret: string }) {
  const groups = secret.match(/.{1,4}/g) ?? [secret];
  return groups.map((g, i) => (
    <span key={i} className="inline-block whitespace-nowrap">
      {g}
      {i < groups.length - 1 ? "\u00a0" : ""}
    </span>
  ));
}

function SetupStep({
  setup,
  confirm,
  onCancel,
  onDone,
}: {
  setup: TwoStepSetupData;
  confirm: ServerAction<{ code: string; fingerprint: string }, { recoveryCodes: string[] }>;
  onCancel: () => void;
  onDone: (codes: string[]) => void;
}) {
  const form = useActionForm(confirm, {
    fields: ["code"],
    toInput: (f) => ({ code: formText(f, "code"), fingerprint: setup.fingerprint }),
    onSuccess: (r) => onDone(r.recoveryCodes),
  });
  return (
    <form {...form.formProps} className="space-y-4" data-testid="two-step-setup">
      <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
        <li>
          Scan this QR code with your authenticator app.
          {/* A data URL made on the server from the otpauth:// URI; next/image adds nothing for it. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={setup.qr} alt="QR code of the Switchboard login for your authenticator app" width={176} height={176} className="mt-2 rounded-md ring-1 ring-slate-200" />
          <span className="mt-2 block text-xs text-slate-600">
            Cannot scan it? Add the login by hand with this key (time-based):{" "}
            <code className="font-mono text-slate-900" data-testid="two-step-secret" data-secret={setup.secret}>
              <GroupedKey secret={setup.secret} />
            </code>
          </span>
        </li>
        <li>Enter the six-digit code the app now shows for Switchboard.</li>
      </ol>
      <Field name="code" label="Code" autoComplete="one-time-code" inputMode="numeric" autoFocus required error={form.fieldErrors.code} className="max-w-48" />
      <FormError message={form.formError} />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} pendingLabel="Checking…">
          Turn on
        </SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The recovery codes, readable this once: download or copy them, then `onDone`. Until one of
 * those, a reload or a link elsewhere asks first (the try-out lost them to a reload).
 */
export function RecoveryCodes({ codes, accountLabel, onDone }: { codes: string[]; accountLabel: string; onDone: () => void }) {
  const toast = useToast();
  const [kept, setKept] = useState(false);
  useLeaveGuard(!kept, "Your recovery codes are not shown again. Leave without downloading or copying them?");
  const first = useRef<HTMLButtonElement>(null);
  // After the task that mounts this: a dialog that closed as the codes came (New recovery codes)
  // returns focus then, to a control that is gone; the codes' first button is where it belongs.
  useEffect(() => {
    const t = setTimeout(() => first.current?.focus(), 0);
    return () => clearTimeout(t);
  }, []);
  // The file says where and when: two panels' codes on one disk are told apart. Made on a click, in the browser.
  const text = () =>
    `Switchboard recovery codes for ${accountLabel} at ${window.location.origin}, made ${new Date().toISOString().slice(0, 10)} (UTC)\nEach works once, in place of the authenticator's code.\n\n${codes.join("\n")}\n`;
  const filename = `switchboard-recovery-codes-${accountLabel.replace(/[^a-zA-Z0-9@._-]+/g, "_")}.txt`;
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>Save these recovery codes somewhere safe now: they are not shown again. If you lose your phone, each one logs you in once instead of a code.</p>
      </div>
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-x-6 gap-y-1 font-mono text-sm text-slate-900">
        {codes.map((c) => (
          <li key={c} className="whitespace-nowrap">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button ref={first} variant="secondary" onClick={() => {
            saveTextFile(filename, text());
            setKept(true);
          }}>
          <Download className="size-4" aria-hidden />
          Download
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(text()).then(
              () => {
                setKept(true);
                toast("Recovery codes copied");
              },
              () => toast("The browser did not allow copying: download them instead", "error"),
            )
          }
        >
          <Copy className="size-4" aria-hidden />
          Copy
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}
