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
