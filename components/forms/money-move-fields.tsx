// The body of a "move money" dialog (a move of balance to a child account, a top-up of an
// application user's separate balance): the balances on either side as the page loaded them, then
// the amount, typed in the currency's major units ("25.50"). The server checks the balances again.
import { Field } from "./fields";

export function MoneyMoveFields({
  balances,
  currency,
  error,
  hint,
  testId,
}: {
  /** [label, formatted amount] pairs, in the order shown. */
  balances: readonly (readonly [string, string])[];
  currency: string;
  error?: string;
  hint: string;
  testId: string;
}) {
  return (
    <>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid={testId}>
        {balances.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-right tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <Field label={`Amount (${currency})`} name="amount" inputMode="decimal" autoComplete="off" placeholder="25.00" required error={error} hint={hint} />
    </>
  );
}
