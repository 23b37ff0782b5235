import { TEST_CARDS, TOP_UP_MAX_MINOR, TOP_UP_MIN_MINOR } from "@/lib/domains/billing/schemas";
import type { PaymentRow } from "@/lib/domains/billing/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { Card } from "@/components/ui/page";
import { TopUpForm } from "./top-up-form";
import { PendingPayments } from "./pending-payments";

/** The Top-up tab: the payment simulator's form, its test cards, and the top-ups waiting for confirmation. */
export function TopUpTab({ pending, currency }: { pending: PaymentRow[]; currency: string }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,28rem)_1fr]">
      <Card>
        <h2 className="mb-1 text-base font-semibold text-slate-900">Top up the balance</h2>
        <p className="mb-4 text-sm text-slate-600">
          From {formatMoney(TOP_UP_MIN_MINOR, currency)} to {formatMoney(TOP_UP_MAX_MINOR, currency)}. This is a payment simulator: no bank is reached and only the
          test cards work.
        </p>
        <TopUpForm currency={currency} cards={TEST_CARDS} />
      </Card>
      <div className="space-y-6">
        <PendingPayments payments={pending.map((p) => ({ id: p.id, amountMinor: p.amountMinor, currency: p.currency, cardBrand: p.cardBrand, cardLast4: p.cardLast4, createdAt: p.createdAt.toISOString() }))} />
        <Card>
          <h2 className="mb-1 text-base font-semibold text-slate-900" id="test-cards">
            Test cards
          </h2>
          <p className="mb-3 text-sm text-slate-600">Any expiry date from this month on, as MM/YY, and any 3-digit CVC.</p>
          <table className="w-full text-left text-sm" aria-labelledby="test-cards">
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Card number
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Brand
                </th>
                <th scope="col" className="py-1 font-medium">
                  What happens
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {TEST_CARDS.map((c) => (
                <tr key={c.number} data-test-card={c.outcome}>
                  <td className="py-1.5 pr-3 font-mono tabular-nums">{c.number.replace(/(\d{4})(?=\d)/g, "$1 ")}</td>
                  <td className="py-1.5 pr-3">{c.brand}</td>
                  <td className="py-1.5">{c.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
