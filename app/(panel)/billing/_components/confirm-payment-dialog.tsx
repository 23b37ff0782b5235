"use client";
import { ShieldCheck } from "lucide-react";
import { FormError } from "@/components/forms/fields";
import { failureMessage, useAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/lib/domains/billing/money";
import { cancelTopUpAction, confirmTopUpAction, type PaymentResult } from "../actions";

/**
 * The second step of the card that needs confirmation, like a bank's 3-D Secure screen: the
 * amount and the card, "Confirm payment" or "Cancel payment". Closing it leaves the payment
 * waiting; it can be confirmed or cancelled later from the Top-up tab.
 */
export function ConfirmPaymentDialog({
  payment,
  onClose,
  onDone,
  returnFocusTo,
}: {
  payment: Pick<PaymentResult, "id" | "amountMinor" | "currency" | "cardBrand" | "cardLast4">;
  onClose: () => void;
  onDone?: () => void;
  returnFocusTo?: HTMLElement | null;
}) {
  const toast = useToast();
  const amount = formatMoney(payment.amountMinor, payment.currency);
  const confirm = useAction(confirmTopUpAction, {
    onSuccess: (p) => {
      toast(`Payment of ${amount} confirmed. Receipt ${p.receiptNumber ?? ""}`.trim());
      onDone?.();
      onClose();
    },
  });
  const cancel = useAction(cancelTopUpAction, {
    onSuccess: () => {
      toast(`Payment of ${amount} cancelled: nothing was charged`);
      onDone?.();
      onClose();
    },
  });
  const failed = [confirm.state, cancel.state].find((s) => s && !s.ok);
  const busy = confirm.pending || cancel.pending;
  return (
    <Dialog
      onOpenChange={(o) => !o && onClose()}
      title="Confirm your payment"
      description="Your bank asks you to confirm this payment (the simulator's 3-D Secure step)."
      returnFocusTo={returnFocusTo}
      data-testid="confirm-payment"
      footer={
        <>
          <Button variant="secondary" disabled={busy} onClick={() => cancel.run({ paymentId: payment.id })}>
            {cancel.pending ? "Cancelling…" : "Cancel payment"}
          </Button>
          <Button disabled={busy} onClick={() => confirm.run({ paymentId: payment.id })} data-autofocus="" aria-busy={confirm.pending || undefined}>
            {confirm.pending ? "Confirming…" : "Confirm payment"}
          </Button>
        </>
      }
    >
      <DialogBody>
        <div className="flex items-start gap-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
          <ShieldCheck aria-hidden className="mt-0.5 size-5 text-brand-700" />
          <div className="text-sm text-slate-800">
            <p>
              Pay <span className="font-semibold tabular-nums">{amount}</span> to Switchboard
            </p>
            <p className="text-slate-600">
              with {payment.cardBrand} ending {payment.cardLast4}
            </p>
          </div>
        </div>
        <FormError message={failed ? failureMessage(failed) : undefined} />
      </DialogBody>
    </Dialog>
  );
}
