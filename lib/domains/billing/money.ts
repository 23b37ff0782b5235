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

// Amounts people type are in the currency's major units ("25", "25.5", "25.50"); the database
// holds minor units (1/100). The conversion is done on the digits, never through a float, so
// "0.29" is 29 and not 28.999...

const MAJOR_AMOUNT = /^(?:(\d{1,8})(?:\.(\d{1,2}))?|\.(\d{1,2}))$/;

/** The text majorToMinor reads: trimmed, without a leading "$" or thousands separators ("1,250.50" -> "1250.50"). */
const plainAmount = (text: string) => text.trim().replace(/^\$/, "").replace(/,(?=\d{3}(\D|$))/g, "");

/** "25.5" -> 2550, ".5" -> 50; null for anything that is not a plain non-negative amount with at most two decimals (and 8 digits before them). */
export function majorToMinor(text: string): number | null {
  const m = MAJOR_AMOUNT.exec(plainAmount(text));
  if (!m) return null;
  if (m[3] !== undefined) return Number(m[3].padEnd(2, "0"));
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Why majorToMinor refused a text that looks like a number: a minus sign, too many decimals or too many digits; null otherwise. */
export function amountShapeProblem(text: string): "negative" | "decimals" | "too_large" | null {
  const t = plainAmount(text);
  if (/^-\s*\$?(\d+(\.\d*)?|\.\d+)$/.test(t)) return "negative";
  if (/^\d*\.\d{3,}$/.test(t)) return "decimals";
  if (/^\d{9,}(\.\d*)?$/.test(t)) return "too_large";
  return null;
}

/** 2550 -> "25.50", -45 -> "-0.45": the exact decimal of a minor amount (CSV cells, form defaults). */
export function minorToMajor(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
