// Billing's ledger kinds and upload limits: pure constants, safe to import from a client
// component (schemas.ts brings zod).

/** What a ledger entry is for. "credit" and "charge" are the kinds of entries made before the catalogue existed. */
export const LEDGER_KINDS = ["topup", "credit", "charge", "number_purchase", "number_rent", "sip_registration", "sms", "call", "refund", "adjustment", "transfer"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** How the panel names each kind (the Transactions filter and table). */
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  topup: "Top-up",
  credit: "Credit",
  charge: "Charge",
  number_purchase: "Number purchase",
  number_rent: "Number rent",
  sip_registration: "SIP registration",
  sms: "SMS",
  call: "Call",
  refund: "Refund",
  adjustment: "Adjustment",
  transfer: "Transfer",
};

export const isLedgerKind = (v: string): v is LedgerKind => (LEDGER_KINDS as readonly string[]).includes(v);

export const VERIFICATION_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const MAX_VERIFICATION_DOCUMENTS = 10;
