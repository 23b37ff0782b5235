"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Copy, Download, ShieldCheck, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { Field, FormError } from "@/components/forms/fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { saveTextFile } from "@/components/ui/download-link";
import { useToast } from "@/components/ui/toast";
import { confirmTwoStepAction, renewRecoveryCodesAction, startTwoStepAction, turnOffTwoStepAction } from "../actions";

type Setup = { uri: string; secret: string; qr: string };
type Step = { kind: "idle" } | { kind: "setup"; setup: Setup } | { kind: "codes"; codes: string[] };

/**
 * Profile's two-step verification: turning it on (scan the QR code, confirm with a code, save the
 * recovery codes, shown once), renewing the recovery codes and turning it off (each asking for the
 * password again). `accountLabel` names the login in the recovery-codes file.
 */
export function TwoStepCard({ on, recoveryCodesLeft, accountLabel }: { on: boolean; recoveryCodesLeft: number; accountLabel: string }) {
  const router = useRouter();
  const toast = useToast();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const dialog = useDialog<"off" | "renew">();
  const start = useAction(startTwoStepAction, { onSuccess: (setup) => setStep({ kind: "setup", setup }), onError: (m) => toast(m, "error") });

  if (step.kind === "setup") {
    return (
      <SetupStep
        setup={step.setup}
        onCancel={() => setStep({ kind: "idle" })}
        onDone={(codes) => {
          toast("Two-step verification is on");
          setStep({ kind: "codes", codes });
        }}
      />
    );
  }
  if (step.kind === "codes") {
    return (
      <RecoveryCodes
        codes={step.codes}
        accountLabel={accountLabel}
        onDone={() => {
          setStep({ kind: "idle" });
          router.refresh();
        }}
      />
    );
  }
  return (
    <div className="space-y-3" data-testid="two-step">
      {on ? (
        <>
          <p className="flex items-center gap-2 text-sm">
            <Badge tone="green">On</Badge>
            <span className="text-slate-700">Logging in asks for a code from your authenticator app after the password.</span>
          </p>
          <p className={recoveryCodesLeft <= 3 ? "text-sm text-amber-800" : "text-sm text-slate-600"} data-testid="recovery-codes-left">
            {recoveryCodesLeft} of 10 recovery codes left.
            {recoveryCodesLeft <= 3 ? " Make new ones before they run out: without the phone or a code, only the account owner can let you back in." : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={(e) => dialog.open("renew", e.currentTarget)} data-action="profile">
              New recovery codes
            </Button>
            <Button variant="secondary" onClick={(e) => dialog.open("off", e.currentTarget)} data-action="profile">
              Turn off
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Off. With it on, logging in also asks for a six-digit code from an authenticator app on your phone (Google Authenticator, Microsoft
            Authenticator, 1Password, FreeOTP or any other TOTP app), so a stolen password alone does not open the panel.
          </p>
          <Button onClick={() => start.run({})} disabled={start.pending} data-action="profile">
            <ShieldCheck className="size-4" aria-hidden />
            {start.pending ? "Preparing…" : "Turn on two-step verification"}
          </Button>
        </>
      )}
      {dialog.state ? (
        <PasswordDialog
          kind={dialog.state}
          returnFocusTo={dialog.opener}
          onClose={dialog.close}
          onCodes={(codes) => {
            dialog.close();
            setStep({ kind: "codes", codes });
          }}
          onOff={() => {
            dialog.close();
            toast("Two-step verification is off");
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

/** The key in groups of four, as authenticator apps show keys typed in by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

function SetupStep({ setup, onCancel, onDone }: { setup: Setup; onCancel: () => void; onDone: (codes: string[]) => void }) {
  const form = useActionForm(confirmTwoStepAction, {
    fields: ["code"],
    toInput: (f) => ({ code: formText(f, "code") }),
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
            <code className="break-all font-mono text-slate-900" data-testid="two-step-secret" data-secret={setup.secret}>
              {grouped(setup.secret)}
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

/** The recovery codes, readable this once: download or copy them, then Done. */
function RecoveryCodes({ codes, accountLabel, onDone }: { codes: string[]; accountLabel: string; onDone: () => void }) {
  const toast = useToast();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const text = `Switchboard recovery codes for ${accountLabel}\nEach works once, in place of the authenticator's code.\n\n${codes.join("\n")}\n`;
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <div className="flex gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>Save these recovery codes somewhere safe now: they are not shown again. If you lose your phone, each one logs you in once instead of a code.</p>
      </div>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-sm text-slate-900">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button ref={first} variant="secondary" onClick={() => saveTextFile("switchboard-recovery-codes.txt", text)}>
          <Download className="size-4" aria-hidden />
          Download
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => toast("Recovery codes copied"),
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

function PasswordDialog({
  kind,
  returnFocusTo,
  onClose,
  onCodes,
  onOff,
}: {
  kind: "off" | "renew";
  returnFocusTo: HTMLElement | null;
  onClose: () => void;
  onCodes: (codes: string[]) => void;
  onOff: () => void;
}) {
  const renew = kind === "renew";
  const form = useActionForm<{ currentPassword: string }, unknown>(renew ? renewRecoveryCodesAction : turnOffTwoStepAction, {
    fields: ["currentPassword"],
    toInput: (f) => ({ currentPassword: formText(f, "currentPassword") }),
    onSuccess: (r) => (renew ? onCodes((r as { recoveryCodes: string[] }).recoveryCodes) : onOff()),
  });
  return (
    <FormDialog
      title={renew ? "New recovery codes" : "Turn off two-step verification"}
      description={
        renew
          ? "Ten new codes replace the old ones, used or not: the old ones stop working."
          : "Logging in will ask for the password alone. Your recovery codes stop working."
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel={renew ? "Make new codes" : "Turn off"}
      danger={!renew}
      data-testid={renew ? "renew-codes-dialog" : "two-step-off-dialog"}
    >
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" autoFocus required error={form.fieldErrors.currentPassword} />
    </FormDialog>
  );
}
