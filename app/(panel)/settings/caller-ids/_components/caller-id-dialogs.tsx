"use client";
import Link from "next/link";
import type { Route } from "next";
import { Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatUtc } from "@/lib/core/format";
import { CODE_ATTEMPTS, CODE_TTL_SECONDS } from "@/lib/domains/caller-ids/limits";
import { activateCallerIdAction, addCallerIdAction, deleteCallerIdAction, sendCallerIdCodeAction } from "../actions";
import type { CallerIdRow } from "./row";
import { CODE_SENT } from "./row-actions";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

/** Where the simulator's codes are: a link to Notifications for those who hold it. */
export function WhereCodesAre({ notificationsHref }: { notificationsHref: Route | null }) {
  return notificationsHref ? (
    <>
      The simulator stands in for the phone call: the code is in{" "}
      <Link href={notificationsHref} target="_blank" className="font-medium text-brand-700 hover:underline">
        Notifications<span className="sr-only"> (opens in a new tab)</span>
      </Link>
      .
    </>
  ) : (
    <>The simulator stands in for the phone call: the code is in the account&apos;s notification history.</>
  );
}

export function AddCallerIdDialog({ onClose, returnFocusTo, onAdded }: DialogProps & { onAdded: (row: CallerIdRow) => void }) {
  const toast = useToast();
  const form = useActionForm(addCallerIdAction, {
    fields: ["number"],
    toInput: (f) => ({ number: formText(f, "number") }),
    onSuccess: (c) => {
      toast(`${c.number} added. ${CODE_SENT}`);
      onAdded(c);
    },
  });
  return (
    <FormDialog
      title="Add caller ID"
      description="A phone number you own outside the platform. Once verified, calls and SMS may show it as the caller."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Add and call with a code"
    >
      <Field
        label="Phone number"
        name="number"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        placeholder="+14155550123"
        hint="International format: + then the country code and number."
        error={form.fieldErrors.number}
        required
      />
    </FormDialog>
  );
}

const tries = (n: number) => `${n} ${n === 1 ? "try" : "tries"}`;

export function EnterCodeDialog({
  row,
  notificationsHref,
  onClose,
  returnFocusTo,
  onResent,
}: DialogProps & { row: CallerIdRow; notificationsHref: Route | null; onResent: (row: CallerIdRow) => void }) {
  const toast = useToast();
  const form = useActionForm(activateCallerIdAction, {
    fields: ["code"],
    toInput: (f) => ({ callerIdId: row.id, code: formText(f, "code") }),
    onSuccess: (c) => {
      toast(`${c.number} is verified: it can be the caller ID of calls and SMS.`);
      onClose();
    },
  });
  const resend = useAction(sendCallerIdCodeAction, {
    onSuccess: (c) => {
      toast(`New code sent to ${c.number}. ${CODE_SENT}`);
      onResent(c);
    },
    onError: (m) => toast(m, "error"),
  });
  const expiry = row.codeExpiresAt ? `It works until ${formatUtc(row.codeExpiresAt).slice(11)}` : `A code works for ${CODE_TTL_SECONDS / 60} minutes`;
  return (
    <FormDialog
      title={`Verify ${row.number}`}
      description={
        <>
          <WhereCodesAre notificationsHref={notificationsHref} /> {expiry}, for {tries(row.codePending ? row.codeAttemptsLeft : CODE_ATTEMPTS)}.
        </>
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Verify"
      footerStart={
        row.verificationCallsLeft > 0 ? (
          <Button variant="ghost" size="sm" disabled={resend.pending} onClick={() => resend.run({ callerIdId: row.id })}>
            Send a new code
          </Button>
        ) : null
      }
      data-caller-id={row.number}
    >
      <Field
        label="Verification code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        placeholder="6 digits"
        error={form.fieldErrors.code}
        required
      />
    </FormDialog>
  );
}

export function DeleteCallerIdDialog({ row, onClose, returnFocusTo }: DialogProps & { row: CallerIdRow }) {
  const toast = useToast();
  const form = useActionForm(deleteCallerIdAction, {
    fields: [],
    toInput: () => ({ callerIdId: row.id }),
    onSuccess: () => {
      toast(`${row.number} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete ${row.number}?`}
      description="Calls and SMS can no longer show it as their caller ID: a scenario's call presenting it fails (403). To use it again, add it and verify it again."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Delete caller ID"
    />
  );
}
