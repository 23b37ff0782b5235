// Money is stored in minor units (integers) and only becomes a decimal string for display, so
// no rounding error ever reaches the ledger.

/** The currency of an account that never chose another (Account.currency defaults to it); pass the account's own where it is known. */
export const ACCOUNT_CURRENCY = "USD";

const formatters = new Map<string, Intl.NumberFormat>();

/** 12345 -> "$123.45", -500 -> "-$5.00". Deterministic (fixed locale), so server and client agree. */
export function formatMoney(amountMinor: number, currency: string = ACCOUNT_CURRENCY): string {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formatters.set(currency, f);
  }
  return f.format(amountMinor / 100);
}
