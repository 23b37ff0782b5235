// Billing inputs: the ledger's entry kinds and the ledger list's query (parsed from the Billing
// page's URL and re-validated by the query).
import { z } from "zod";
import { safeText } from "@/lib/core/validate";

/** What a ledger entry is for. "credit" and "charge" are the kinds of entries made before the catalogue existed. */
export const LEDGER_KINDS = ["topup", "credit", "charge", "number_purchase", "number_rent", "sms", "call", "refund", "adjustment"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

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

export const ZPaymentRef = z.object({ paymentId: z.number().int().positive() });
export type PaymentRef = z.input<typeof ZPaymentRef>;

/** The account's billing settings: the low-balance alert and (the account owner's alone) the credit limit. */
export const ZBillingSettingsInput = z.object({
  lowBalanceThresholdMinor: z.number().int().min(0, "The threshold cannot be negative").max(100_000_00).optional(),
  creditLimitMinor: z.number().int().min(0, "The credit limit cannot be negative").max(100_000_00).optional(),
});
export type BillingSettingsInput = z.input<typeof ZBillingSettingsInput>;

// Account verification (section billing.verification).

export const VERIFICATION_STATUSES = ["not_started", "in_review", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const ZVerificationDetailsInput = z
  .object({
    subjectType: z.enum(["company", "individual"], { error: "Choose company or individual" }),
    legalName: z.string({ error: "Enter the legal name" }).trim().min(2, "Enter the legal name").max(200).superRefine(safeText("Legal name")),
    countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Choose a country"),
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

export const VERIFICATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const VERIFICATION_DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export const MAX_VERIFICATION_DOCUMENTS = 10;
