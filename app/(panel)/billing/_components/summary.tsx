import Link from "next/link";
import { Clock } from "lucide-react";
import { formatMoney } from "@/lib/domains/billing/money";
import type { BillingSettingsDto, PaymentRow } from "@/lib/domains/billing/queries";
import type { VerificationStatus } from "@/lib/domains/billing/schemas";
import { routes } from "@/lib/routes";
import { Card } from "@/components/ui/page";
import { VerificationBadge } from "./verification-status";

/**
 * The top of Billing: the balance (the ledger's sum) beside what bounds it (the credit limit, the
 * low-balance threshold) and the verification status. The "Verify" link is a
 * billing.verification control: rendered only for its holders.
 */
export function BillingSummary({
  balanceMinor,
  settings,
  verification,
  canVerify,
}: {
  balanceMinor: number;
  settings: BillingSettingsDto;
  verification: VerificationStatus;
  canVerify: boolean;
}) {
  const { currency, creditLimitMinor, lowBalanceThresholdMinor } = settings;
  const low = lowBalanceThresholdMinor > 0 && balanceMinor < lowBalanceThresholdMinor;
  return (
    <div className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Card className="p-4">
        <p className="text-sm text-slate-600">Balance</p>
        <p className={`mt-1 text-3xl font-semibold tabular-nums ${balanceMinor < 0 ? "text-red-700" : "text-slate-900"}`} data-testid="balance">
          {formatMoney(balanceMinor, currency)}
        </p>
        {low ? <p className="mt-1 text-xs text-amber-900">Below the low-balance threshold: top up to keep numbers renewing.</p> : null}
        <Link href={routes.billingTab("top-up")} className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
          Top up
        </Link>
      </Card>
      <Card className="p-4">
        <p className="text-sm text-slate-600">Credit limit</p>
        <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid="credit-limit">
          {formatMoney(creditLimitMinor, currency)}
        </p>
        <p className="mt-1 text-xs text-slate-600">
          {creditLimitMinor > 0 ? `Charges may take the balance down to ${formatMoney(-creditLimitMinor, currency)}.` : "Charges never take the balance below zero."}
        </p>
      </Card>
      <Card className="p-4">
        <p className="text-sm text-slate-600">Low-balance alert</p>
        <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid="low-balance-threshold">
          {lowBalanceThresholdMinor > 0 ? `Below ${formatMoney(lowBalanceThresholdMinor, currency)}` : "Off"}
        </p>
        <Link href={routes.billingTab("settings")} className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline">
          Change in Settings
        </Link>
      </Card>
      <Card className="p-4">
        <p className="text-sm text-slate-600">Account verification</p>
        <p className="mt-1">
          <VerificationBadge status={verification} />
        </p>
        {canVerify ? (
          <Link href={routes.billingTab("verification")} data-action="billing.verification" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            {verification === "verified" ? "See the details" : verification === "in_review" ? "See what was sent" : "Verify the account"}
          </Link>
        ) : (
          <p className="mt-2 text-xs text-slate-600">Numbers in some countries can be bought only by a verified account.</p>
        )}
      </Card>
    </div>
  );
}

/** Top-ups still waiting for their confirmation step, shown above every tab but Top-up (where they are listed). */
export function PendingNotice({ payments, currency }: { payments: PaymentRow[]; currency: string }) {
  if (payments.length === 0) return null;
  const total = payments.reduce((s, p) => s + p.amountMinor, 0);
  return (
    <p className="mb-4 flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="pending-notice">
      <Clock aria-hidden className="size-4" />
      {payments.length === 1 ? "A top-up" : `${payments.length} top-ups`} of {formatMoney(total, currency)} {payments.length === 1 ? "waits" : "wait"} for confirmation.
      <Link href={routes.billingTab("top-up")} className="font-medium underline">
        Confirm or cancel
      </Link>
    </p>
  );
}
