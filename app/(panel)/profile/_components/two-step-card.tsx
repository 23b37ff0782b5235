"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/page";
import { Field } from "@/components/forms/fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { useToast } from "@/components/ui/toast";
import { RecoveryCodes, TwoStepSetup } from "@/components/two-step/two-step-setup";
import { confirmTwoStepAction, renewRecoveryCodesAction, startTwoStepAction, turnOffTwoStepAction } from "../actions";

/**
 * Profile's two-step verification: turning it on (components/two-step/two-step-setup.tsx),
 * renewing the recovery codes and turning it off (each asking for the password again).
 * `accountLabel` names the login in the recovery-codes file. `owner`: the account owner's login,
 * which nobody can reset: its recovery codes are its only way back without the phone.
 */
export function TwoStepCard({
  on,
  recoveryCodesLeft,
  accountLabel,
  owner,
  required,
}: {
  on: boolean;
  recoveryCodesLeft: number;
  accountLabel: string;
  owner: boolean;
  /** The account requires it of this subuser: turning it off means setting it up again before anything else. */
  required: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const [renewed, setRenewed] = useState<string[] | null>(null);
  const dialog = useDialog<"off" | "renew">();
  // Once the codes are saved the card shows its state again: focus goes there, not to <body>.
  const saved = useRef(false);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (on && !renewed && saved.current) {
      saved.current = false;
      status.current?.focus();
    }
  }, [on, renewed]);
  const lastResort = owner
    ? "As the account owner, nobody can turn it off for you: without the phone, only a recovery code lets you back in."
    : "Without the phone or a recovery code, the account owner can turn it off for you in Settings → Subusers.";

  if (renewed) {
    return (
      <RecoveryCodes
        codes={renewed}
        accountLabel={accountLabel}
        onDone={() => {
          saved.current = true;
          setRenewed(null);
          router.refresh();
        }}
      />
    );
  }
  if (!on) {
    return (
      <div data-testid="two-step">
        <TwoStepSetup
          start={startTwoStepAction}
          confirm={confirmTwoStepAction}
          accountLabel={accountLabel}
          startLabel="Turn on two-step verification"
          onFinished={() => {
            saved.current = true;
            router.refresh();
          }}
        >
          <p className="text-sm text-slate-700">
            Off. With it on, logging in also asks for a six-digit code from an authenticator app on your phone (Google Authenticator, Microsoft
            Authenticator, 1Password, FreeOTP or any other TOTP app), so a stolen password alone does not open the panel.
          </p>
          <p className="text-sm text-slate-600">{lastResort}</p>
        </TwoStepSetup>
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="two-step">
      <p ref={status} tabIndex={-1} className="flex items-center gap-2 text-sm outline-none" data-testid="two-step-status">
        <Badge tone="green">On</Badge>
        <span className="text-slate-700">Logging in asks for a code from your authenticator app after the password.</span>
      </p>
      <p className="text-sm text-slate-600">Sessions opened before it was on stay open: if someone else may know your password, end them under Active sessions.</p>
      <p className={recoveryCodesLeft <= 3 ? "text-sm text-amber-800" : "text-sm text-slate-600"} data-testid="recovery-codes-left">
        {recoveryCodesLeft} of 10 recovery codes left.
        {recoveryCodesLeft <= 3 ? ` Make new ones before they run out. ${lastResort}` : null}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={(e) => dialog.open("renew", e.currentTarget)} data-action="profile">
          New recovery codes
        </Button>
        <Button variant="secondary" onClick={(e) => dialog.open("off", e.currentTarget)} data-action="profile">
          Turn off
        </Button>
      </div>
      {dialog.state ? (
        <PasswordDialog
          kind={dialog.state}
          required={required}
          returnFocusTo={dialog.opener}
          onClose={dialog.close}
          onCodes={(codes) => {
            dialog.close();
            setRenewed(codes);
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

function PasswordDialog({
  kind,
  required,
  returnFocusTo,
  onClose,
  onCodes,
  onOff,
}: {
  kind: "off" | "renew";
  required: boolean;
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
          : required
            ? "The account requires two-step verification: right after turning it off you set it up again (with a new phone, say) before anything else. Your recovery codes stop working."
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
