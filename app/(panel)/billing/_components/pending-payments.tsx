"use client";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { formatMoney } from "@/lib/domains/billing/money";
import { ConfirmPaymentDialog } from "./confirm-payment-dialog";

export type PendingPaymentRow = { id: number; amountMinor: number; currency: string; cardBrand: string; cardLast4: string; createdAt: string };

/** Top-ups waiting for their confirmation step: each can be confirmed or cancelled here, later. */
export function PendingPayments({ payments }: { payments: PendingPaymentRow[] }) {
  const dialog = useDialog<PendingPaymentRow>();
  const d = dialog.state;
  // The open step outlives the list, at the same place in the tree: confirming the last payment
  // empties the list, and the step's toast comes after that.
  return (
    <>
      {payments.length > 0 ? <PendingList payments={payments} onOpen={dialog.open} /> : null}
      {d ? <ConfirmPaymentDialog payment={d} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </>
  );
}

function PendingList({ payments, onOpen }: { payments: PendingPaymentRow[]; onOpen: (p: PendingPaymentRow, opener: HTMLElement) => void }) {
  return (
    <Card data-testid="pending-payments">
      <h2 className="mb-1 text-base font-semibold text-slate-900">Waiting for confirmation</h2>
      <p className="mb-3 text-sm text-slate-600">Nothing is credited until a payment is confirmed.</p>
      <ul className="divide-y divide-slate-100">
        {payments.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-pending-payment={p.id}>
            <div className="text-sm">
              <p className="font-medium tabular-nums text-slate-900">{formatMoney(p.amountMinor, p.currency)}</p>
              <p className="text-xs text-slate-600">
                {p.cardBrand} ending {p.cardLast4}, <DateTime value={p.createdAt} />
              </p>
            </div>
            <Button size="sm" variant="secondary" onClick={(e) => onOpen(p, e.currentTarget)}>
              Confirm or cancel
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
