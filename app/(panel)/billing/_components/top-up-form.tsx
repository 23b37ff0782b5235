"use client";
import { useState } from "react";
import { Field, FormError } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { TestCardOutcome } from "@/lib/domains/billing/schemas";
import { topUpAction, type PaymentResult } from "../actions";
import { ConfirmPaymentDialog } from "./confirm-payment-dialog";
import { formatMoney, majorToMinor } from "@/lib/domains/billing/money";

const FIELDS = ["amount", "cardNumber", "expiry", "cvc"] as const;

/**
 * The payment simulator's form. The button states the amount it will charge. The outcome is the
 * test card's: a toast and a moved balance; an error under the card field (declined, no funds);
 * or the 3-D Secure-like second step for the card that needs confirmation.
 */
export function TopUpForm({ currency, cards }: { currency: string; cards: readonly { number: string; label: string; outcome: TestCardOutcome }[] }) {
  const toast = useToast();
  const [amount, setAmount] = useState("");
  const confirm = useDialog<PaymentResult>();
  const form = useActionForm(topUpAction, {
    fields: FIELDS,
    toInput: (f) => ({ amount: formText(f, "amount"), cardNumber: formText(f, "cardNumber"), expiry: formText(f, "expiry"), cvc: formText(f, "cvc") }),
    onSuccess: (p, el) => {
      if (p.status === "requires_confirmation") {
        confirm.open(p, el?.querySelector<HTMLElement>('button[type="submit"]') ?? null);
        return;
      }
      toast(`Payment of ${formatMoney(p.amountMinor, p.currency)} succeeded. Receipt ${p.receiptNumber ?? ""}`.trim());
      el?.reset();
      setAmount("");
    },
  });
  const minor = majorToMinor(amount);
  const { fieldErrors } = form;
  return (
    <>
      <form {...form.formProps} className="space-y-4" data-testid="top-up-form">
        <Field
          label={`Amount (${currency})`}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder="25.00"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={fieldErrors.amount}
          required
        />
        <div>
          <Field
            label="Card number"
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="4242 4242 4242 4242"
            error={fieldErrors.cardNumber}
            hint="One of the test cards listed on this page."
            required
          />
          <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600" role="group" aria-label="Fill in a test card">
            Fill in:
            {cards.map((c) => (
              <Button
                key={c.number}
                size="sm"
                variant="secondary"
                onClick={() => {
                  // The card, plus a valid expiry and CVC where none was typed (any work with test cards).
                  const elements = form.formProps.ref.current?.elements;
                  const fill = (name: string, value: string, always: boolean) => {
                    const input = elements?.namedItem(name);
                    if (input instanceof HTMLInputElement && (always || input.value.trim() === "")) input.value = value;
                  };
                  fill("cardNumber", c.number.replace(/(\d{4})(?=\d)/g, "$1 "), true);
                  fill("expiry", `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, "0")}`, false);
                  fill("cvc", "123", false);
                  const card = elements?.namedItem("cardNumber");
                  if (card instanceof HTMLInputElement) card.focus();
                }}
              >
                {c.label.replace(/ \(.*\)$/, "")} ({c.number.slice(-4)})
              </Button>
            ))}
          </div>
        </div>
        <div className="grid grid-cols-2 gap-4">
          <Field label="Expiry (MM/YY)" name="expiry" inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" error={fieldErrors.expiry} required />
          <Field label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="3 digits" error={fieldErrors.cvc} required />
        </div>
        <FormError message={form.formError} />
        <SubmitButton pending={form.pending} pendingLabel="Paying…" data-testid="top-up-submit">
          {minor !== null && minor > 0 ? `Top up ${formatMoney(minor, currency)}` : "Top up"}
        </SubmitButton>
      </form>
      {confirm.state ? (
        <ConfirmPaymentDialog
          payment={confirm.state}
          onClose={confirm.close}
          returnFocusTo={confirm.opener}
          onDone={() => {
            form.formProps.ref.current?.reset();
            setAmount("");
          }}
        />
      ) : null}
    </>
  );
}
