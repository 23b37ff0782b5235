// Billing inputs: the ledger's entry kinds and the ledger list's query (parsed from the Billing
// page's URL and re-validated by the query).
import { z } from "zod";
import { safeText } from "@/lib/core/validate";
import { parseDayRange, type DayRange } from "@/lib/core/day-range";
import { isCountryCode } from "./countries";
export * from "./client-safe";
import { LEDGER_KINDS, type LedgerKind } from "./client-safe";
import { amountShapeProblem, majorToMinor, minorToMajor } from "./money";
export { majorToMinor, minorToMajor } from "./money";

export const LEDGER_SORTS = ["createdAt", "amountMinor"] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export const ZLedgerQuery = z.object({
  /** Matches the entry's kind or memo (substring). */
  q: z.string().trim().max(100, "Filter is too long").superRefine(safeText("Filter")).default(""),
  sort: z.enum(LEDGER_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).default(1),
  size: z.number().int().min(1).max(100).default(20),
});

export type LedgerQuery = z.input<typeof ZLedgerQuery>;

/** The ledger's filters beyond the text box: entry kinds and a date range (UTC, `to` exclusive). */
export const ZLedgerFilter = z.object({
  kinds: z.array(z.enum(LEDGER_KINDS)).max(LEDGER_KINDS.length).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type LedgerFilter = z.input<typeof ZLedgerFilter>;

// The Transactions tab's filters as they travel in the page's URL and in its CSV export's:
// `kind` repeated (?kind=topup&kind=sms), `from` and `to` as UTC days (lib/core/day-range.ts).
// Parsing never throws: unknown kinds are dropped, a bad day is named in `errors`.

export type LedgerFilterParams = Omit<DayRange, "range"> & {
  kinds: LedgerKind[];
  /** The filter for the queries: `from` inclusive, `to` exclusive (the day after `toDay`), UTC. */
  filter: { kinds?: LedgerKind[]; from?: Date; to?: Date };
};

const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The ledger filters of a Billing or export URL's search params (see above). */
export function parseLedgerFilterParams(raw: Record<string, string | string[] | undefined>): LedgerFilterParams {
  const kinds = LEDGER_KINDS.filter((k) => values(raw.kind).includes(k));
  const { fromDay, toDay, range, errors } = parseDayRange(raw.from, raw.to);
  return { kinds, fromDay, toDay, filter: { ...(kinds.length ? { kinds } : {}), ...range }, errors };
}

/** The search params of a ledger filter (the inverse of parseLedgerFilterParams), for links such as the CSV export's. */
export function ledgerFilterSearch(p: { kinds: readonly string[]; fromDay: string; toDay: string; q?: string }): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of p.kinds) out.append("kind", k);
  if (p.fromDay) out.set("from", p.fromDay);
  if (p.toDay) out.set("to", p.toDay);
  if (p.q) out.set("q", p.q);
  return out;
}

/** A money amount typed in major units, as minor units: a field error naming `label` otherwise. */
export const zMajorAmount = (label: string) =>
  z.string({ error: `Enter the ${label}` }).transform((v, ctx): number => {
    if (v.trim() === "") {
      ctx.addIssue({ code: "custom", message: `Enter the ${label}` });
      return z.NEVER;
    }
    const minor = majorToMinor(v);
    if (minor === null) {
      const problem = amountShapeProblem(v);
      const message =
        problem === "negative"
          ? `The ${label} cannot be negative`
          : problem === "decimals"
            ? `Enter the ${label} with at most two decimals, like 25.50`
            : problem === "too_large"
              ? `The ${label} is too large`
              : `Enter the ${label} as a number, like 25 or 25.50`;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return minor;
  });

// Top-ups through the payment simulator (ours: no bank is reached). Test cards behave as their
// names say; any other number is refused, so a real card number is never typed in here.

export const TOP_UP_MIN_MINOR = 5_00;
export const TOP_UP_MAX_MINOR = 10_000_00;

export type TestCardOutcome = "succeeds" | "declined" | "insufficient_funds" | "requires_confirmation";
export const TEST_CARDS: readonly { number: string; brand: string; outcome: TestCardOutcome; label: string }[] = [
  { number: "4242424242424242", brand: "Visa", outcome: "succeeds", label: "Succeeds" },
  { number: "5555555555554444", brand: "Mastercard", outcome: "succeeds", label: "Succeeds" },
  { number: "4000002760003184", brand: "Visa", outcome: "requires_confirmation", label: "Needs confirmation (3-D Secure)" },
  { number: "4000000000000002", brand: "Visa", outcome: "declined", label: "Declined" },
  { number: "4000000000009995", brand: "Visa", outcome: "insufficient_funds", label: "Declined: insufficient funds" },
];

const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) %
    10 ===
  0;

export const ZCardNumber = z
  .string({ error: "Enter a card number" })
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(
    z
      .string()
      .regex(/^\d{12,19}$/, "Enter the card number's 12 to 19 digits")
      .refine(luhn, "This card number is not valid")
      .refine((n) => TEST_CARDS.some((c) => c.number === n), "This is a payment simulator: use one of the test cards listed beside the form"),
  );

export const CARD_EXPIRED = "This card has expired";

/**
 * Whether a card's "MM/YY" expiry (ZTopUpInput's) is behind `now`: a card is good through the
 * last day of its month, UTC; YY is 20YY. As a processor's test mode answers a past date.
 */
export function cardExpired(expiry: string, now: Date): boolean {
  const [mm, yy] = expiry.split("/").map((part) => Number(part.trim()));
  const firstAfter = Date.UTC(2000 + yy!, mm!, 1); // month index mm is the month after MM
  return now.getTime() >= firstAfter;
}

export const ZTopUpInput = z.object({
  amountMinor: z
    .number({ error: "Enter an amount" })
    .int("Enter the amount in whole cents")
    .min(TOP_UP_MIN_MINOR, `The smallest top-up is ${TOP_UP_MIN_MINOR / 100}`)
    .max(TOP_UP_MAX_MINOR, `The largest top-up is ${TOP_UP_MAX_MINOR / 100}`),
  cardNumber: ZCardNumber,
  expiry: z
    .string({ error: "Enter the expiry date" })
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, "Expiry is MM/YY"),
  cvc: z.string({ error: "Enter the CVC" }).trim().regex(/^\d{3,4}$/, "The CVC is 3 or 4 digits"),
});
export type TopUpInput = z.input<typeof ZTopUpInput>;

const major = (minor: number) => minorToMajor(minor);

/** The Top-up form: the amount as typed, in major units ("25.50"), the card fields as the domain takes them. */
export const ZTopUpForm = ZTopUpInput.omit({ amountMinor: true }).extend({
  amount: zMajorAmount("amount").pipe(
    z
      .number()
      .min(TOP_UP_MIN_MINOR, `The smallest top-up is ${major(TOP_UP_MIN_MINOR)}`)
      .max(TOP_UP_MAX_MINOR, `The largest top-up is ${major(TOP_UP_MAX_MINOR)}`),
  ),
});
export type TopUpForm = z.input<typeof ZTopUpForm>;

export const ZPaymentRef = z.object({ paymentId: z.number({ error: "Choose a payment" }).int().positive() });

export const PAYMENT_STATUSES = ["requires_confirmation", "succeeded", "declined", "canceled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_SORTS = ["createdAt", "amountMinor"] as const;

/** The Receipts tab's list: the account's payments, newest first by default. */
export const ZPaymentQuery = z.object({
  /** Matches the receipt number or the card's last four digits (substring). */
  q: z.string().trim().max(100, "Filter is too long").superRefine(safeText("Filter")).default(""),
  sort: z.enum(PAYMENT_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).default(1),
  size: z.number().int().min(1).max(100).default(20),
});
export type PaymentQuery = z.input<typeof ZPaymentQuery>;
export type PaymentRef = z.input<typeof ZPaymentRef>;

/** The most either billing setting may be, minor units. */
const SETTING_MAX_MINOR = 100_000_00;

/** The account's billing settings: the low-balance alert and (the account owner's alone) the credit limit. */
export const ZBillingSettingsInput = z.object({
  lowBalanceThresholdMinor: z.number().int().min(0, "The threshold cannot be negative").max(SETTING_MAX_MINOR).optional(),
  creditLimitMinor: z.number().int().min(0, "The credit limit cannot be negative").max(SETTING_MAX_MINOR).optional(),
});
export type BillingSettingsInput = z.input<typeof ZBillingSettingsInput>;

/** The Settings form, in major units; the credit limit only when the account owner's form sends it. */
export const ZBillingSettingsForm = z.object({
  lowBalanceThreshold: zMajorAmount("threshold").pipe(z.number().max(SETTING_MAX_MINOR, `The threshold can be at most ${major(SETTING_MAX_MINOR)}`)),
  creditLimit: zMajorAmount("credit limit").pipe(z.number().max(SETTING_MAX_MINOR, `The credit limit can be at most ${major(SETTING_MAX_MINOR)}`)).optional(),
});
export type BillingSettingsForm = z.input<typeof ZBillingSettingsForm>;

// Account verification (section billing.verification).

export const VERIFICATION_STATUSES = ["not_started", "in_review", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const ZVerificationDetailsInput = z
  .object({
    subjectType: z.enum(["company", "individual"], { error: "Choose company or individual" }),
    legalName: z.string({ error: "Enter the legal name" }).trim().min(2, "Enter the legal name").max(200).superRefine(safeText("Legal name")),
    countryCode: z.string({ error: "Choose a country" }).trim().toUpperCase().refine(isCountryCode, "Choose a country"),
    address: z.string({ error: "Enter the address" }).trim().min(5, "Enter the full address").max(500).superRefine(safeText("Address", { multiline: true })),
    registrationNumber: z.string().trim().max(100).superRefine(safeText("Registration number")).default(""),
  })
  .refine((v) => v.subjectType !== "company" || v.registrationNumber.length > 0, {
    message: "A company needs its registration number",
    path: ["registrationNumber"],
  });
export type VerificationDetailsInput = z.input<typeof ZVerificationDetailsInput>;

/** The demo's simulated review: the account owner approves or rejects (with a reason). */
export const ZVerificationReviewInput = z
  .object({ outcome: z.enum(["verified", "rejected"]), reason: z.string().trim().max(500).superRefine(safeText("Reason", { multiline: true })).default("") })
  .refine((v) => v.outcome === "verified" || v.reason.length > 0, { message: "Say why the verification is rejected", path: ["reason"] });
export type VerificationReviewInput = z.input<typeof ZVerificationReviewInput>;

export const ZVerificationDocumentRef = z.object({ documentId: z.number({ error: "Choose a document" }).int().positive() });
export type VerificationDocumentRef = z.input<typeof ZVerificationDocumentRef>;

export const VERIFICATION_DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
