import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { ApiMethod } from "@/lib/access/api-methods";
import { parseInput } from "@/lib/core/validate";
import { AppError } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { allRegions, COUNTRIES, type CatalogueCountry } from "@/lib/domains/phone-numbers/catalogue";
import { ZLedgerFilter, ZLedgerQuery, ZPaymentQuery, type LedgerFilter, type LedgerKind, type LedgerQuery, type PaymentQuery, type VerificationStatus } from "./schemas";
import { isLedgerKind } from "./client-safe";
import { balanceIn } from "./ledger";
import { clampPage, skipOf } from "@/lib/core/paging";
import { ignoreCase } from "@/lib/core/search";

export const LEDGER_ENTRY_SELECT = {
  id: true,
  createdAt: true,
  kind: true,
  memo: true,
  amountMinor: true,
} satisfies Prisma.LedgerEntrySelect;

export type LedgerEntryRow = Prisma.LedgerEntryGetPayload<{ select: typeof LEDGER_ENTRY_SELECT }>;

/**
 * The account's balance in minor units: the sum of its ledger, read as the newest entry's running
 * balance (LedgerEntry.balanceAfterMinor, written once by the database at insert), so it is one
 * index lookup however long the ledger; never a stored mutable field. Not an access check: the
 * dashboard and Billing show it under different sections, so callers authorize first and pass
 * the actor's own accountId (never one from input).
 */
export async function accountBalanceMinor(accountId: number): Promise<number> {
  return balanceIn(db, accountId);
}

/** The balance for a principal holding Billing (the top bar shows it); FORBIDDEN otherwise. */
export async function getBalance(actor: Actor): Promise<number> {
  authorize(actor, { section: "billing" });
  return accountBalanceMinor(actor.accountId);
}

export type LedgerPage = {
  balanceMinor: number;
  rows: LedgerEntryRow[];
  total: number;
  page: number;
  size: number;
};

function ledgerWhere(actor: Actor, q: string, f: { kinds?: string[]; from?: Date; to?: Date }): Prisma.LedgerEntryWhereInput {
  return {
    accountId: actor.accountId,
    ...(f.kinds && f.kinds.length > 0 ? { kind: { in: f.kinds } } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(q ? { OR: [{ kind: ignoreCase({ contains: q }) }, { memo: ignoreCase({ contains: q }) }] } : {}),
  };
}

/** The Billing page: the balance and one page of the account's ledger, newest first by default. */
export async function getLedger(actor: Actor, query: LedgerQuery = {}, filter: LedgerFilter = {}): Promise<LedgerPage> {
  authorize(actor, { section: "billing" });
  const { q, sort, dir, size, page: requested } = parseInput(ZLedgerQuery, query);
  const where = ledgerWhere(actor, q, parseInput(ZLedgerFilter, filter));
  const [balanceMinor, total] = await Promise.all([accountBalanceMinor(actor.accountId), db.ledgerEntry.count({ where })]);
  const page = clampPage(requested, total, size);
  const orderBy: Prisma.LedgerEntryOrderByWithRelationInput[] =
    // Ties by id in the same direction: both orders are an index range ((accountId, createdAt) and (accountId, amountMinor, id)).
    sort === "createdAt" ? [{ createdAt: dir }, { id: dir }] : [{ amountMinor: dir }, { id: dir }];
  const rows = await db.ledgerEntry.findMany({ where, orderBy, skip: skipOf({ page, size }), take: size, select: LEDGER_ENTRY_SELECT });
  return { balanceMinor, rows, total, page, size };
}

/**
 * The ledger's CSV export and GetTransactionHistory: entries in creation order (or newest first),
 * streamed in pages of `batch` so a long history never sits in memory at once.
 */
export async function* ledgerEntries(
  actor: Actor,
  filter: LedgerFilter & { q?: string; newestFirst?: boolean; offset?: number; count?: number } = {},
  batch = 1000,
): AsyncGenerator<LedgerEntryRow & { referenceType: string; referenceId: string }> {
  authorize(actor, { section: "billing", method: "GetTransactionHistory" });
  const where = ledgerWhere(actor, filter.q ?? "", parseInput(ZLedgerFilter, filter));
  const dir = filter.newestFirst ? "desc" : "asc";
  let skip = filter.offset ?? 0;
  let left = filter.count ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const rows = await db.ledgerEntry.findMany({
      where,
      orderBy: [{ createdAt: dir }, { id: dir }],
      skip,
      take: Math.min(batch, left),
      select: { ...LEDGER_ENTRY_SELECT, referenceType: true, referenceId: true },
    });
    for (const r of rows) yield r;
    if (rows.length < Math.min(batch, left)) return;
    skip += rows.length;
    left -= rows.length;
  }
}

/** How many entries the filter matches (GetTransactionHistory's total_count). */
export async function countLedgerEntries(actor: Actor, filter: LedgerFilter = {}): Promise<number> {
  authorize(actor, { section: "billing", method: "GetTransactionHistory" });
  return db.ledgerEntry.count({ where: ledgerWhere(actor, "", parseInput(ZLedgerFilter, filter)) });
}

export type BillingSettingsDto = { currency: string; lowBalanceThresholdMinor: number; creditLimitMinor: number };

/** The account's currency and billing settings (`method`: the API method asking, for keys). */
export async function getBillingSettings(actor: Actor, method?: ApiMethod): Promise<BillingSettingsDto> {
  authorize(actor, { section: "billing", method });
  return db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true, lowBalanceThresholdMinor: true, creditLimitMinor: true } });
}

export type PaymentRow = Prisma.PaymentGetPayload<{ select: typeof PAYMENT_ROW_SELECT }>;
const PAYMENT_ROW_SELECT = { id: true, amountMinor: true, currency: true, cardBrand: true, cardLast4: true, status: true, declineReason: true, receiptNumber: true, createdAt: true } as const satisfies Prisma.PaymentSelect;

/** The account's top-ups, newest first (the Billing page shows the last ones, and the one waiting for confirmation). */
export async function listPayments(actor: Actor, take = 20): Promise<PaymentRow[]> {
  authorize(actor, { section: "billing" });
  return db.payment.findMany({ where: { accountId: actor.accountId }, select: PAYMENT_ROW_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

/** The top-ups waiting for their confirmation step (the "needs confirmation" card), oldest first; at most 50. */
export async function listPendingPayments(actor: Actor): Promise<PaymentRow[]> {
  authorize(actor, { section: "billing" });
  return db.payment.findMany({
    where: { accountId: actor.accountId, status: "requires_confirmation" },
    select: PAYMENT_ROW_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
  });
}

export type PaymentPage = { rows: PaymentRow[]; total: number; page: number; size: number };

/**
 * The Receipts tab: one page of the account's payments (every status; a succeeded one has its
 * receipt number), filtered by receipt number or the card's last four digits, newest first by
 * default. INVALID_INPUT naming the field for bad list parameters.
 */
export async function getPayments(actor: Actor, query: PaymentQuery = {}): Promise<PaymentPage> {
  authorize(actor, { section: "billing" });
  const { q, sort, dir, size, page: requested } = parseInput(ZPaymentQuery, query);
  const where: Prisma.PaymentWhereInput = {
    accountId: actor.accountId,
    ...(q ? { OR: [{ receiptNumber: ignoreCase({ contains: q }) }, { cardLast4: ignoreCase({ contains: q }) }] } : {}),
  };
  const total = await db.payment.count({ where });
  const page = clampPage(requested, total, size);
  const orderBy: Prisma.PaymentOrderByWithRelationInput[] =
    // Ties by id in the same direction: both orders are an index range ((accountId, createdAt) and (accountId, amountMinor, id)).
    sort === "createdAt" ? [{ createdAt: dir }, { id: dir }] : [{ amountMinor: dir }, { id: dir }];
  const rows = await db.payment.findMany({ where, orderBy, skip: skipOf({ page, size }), take: size, select: PAYMENT_ROW_SELECT });
  return { rows, total, page, size };
}

/** One succeeded payment, for its receipt; NOT_FOUND for another account's or an unpaid one. */
export async function getReceipt(actor: Actor, paymentId: number): Promise<PaymentRow & { accountName: string; accountEmail: string }> {
  authorize(actor, { section: "billing" });
  const p = Number.isSafeInteger(paymentId)
    ? await db.payment.findFirst({ where: { id: paymentId, accountId: actor.accountId, status: "succeeded" }, select: { ...PAYMENT_ROW_SELECT, account: { select: { name: true, email: true } } } })
    : null;
  if (!p) throw new AppError("NOT_FOUND", { message: "Receipt not found", field: "paymentId" });
  const { account, ...rest } = p;
  return { ...rest, accountName: account.name, accountEmail: account.email };
}

export type InvoiceLine = { kind: string; label: string; count: number; amountMinor: number };
export type InvoiceDto = {
  /** yyyymm, e.g. 202611. */
  id: number;
  number: string;
  /** The month's first instant and the next month's (UTC). */
  from: Date;
  to: Date;
  currency: string;
  accountName: string;
  /** Charges by kind (positive amounts), then credits. */
  charges: InvoiceLine[];
  credits: InvoiceLine[];
  chargedMinor: number;
  creditedMinor: number;
  openingBalanceMinor: number;
  closingBalanceMinor: number;
};

const KIND_LABELS: Record<LedgerKind, string> = {
  topup: "Top-ups",
  credit: "Credits",
  charge: "Charges",
  number_purchase: "Phone numbers: setup and first month",
  number_rent: "Phone numbers: monthly rent",
  sip_registration: "SIP registrations: monthly subscription",
  sms: "SMS",
  call: "Calls",
  refund: "Refunds",
  adjustment: "Adjustments",
  transfer: "Transfers between parent and child accounts",
};

const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

/** Monthly invoices (GetAccountInvoices, the Billing page): one per month with ledger activity, newest first. */
export async function listInvoiceMonths(actor: Actor, clock: Clock = systemClock): Promise<number[]> {
  authorize(actor, { section: "billing", method: "GetAccountInvoices" });
  const first = await db.ledgerEntry.findFirst({ where: { accountId: actor.accountId }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  if (!first) return [];
  const now = clock();
  const months: number[] = [];
  for (let d = monthStart(first.createdAt.getUTCFullYear(), first.createdAt.getUTCMonth()); d <= now; d = monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1)) {
    months.push(d.getUTCFullYear() * 100 + d.getUTCMonth() + 1);
  }
  return months.reverse();
}

/** The invoice of one month (yyyymm), computed from the ledger: NOT_FOUND for a malformed month. */
export async function getInvoice(actor: Actor, month: number): Promise<InvoiceDto> {
  authorize(actor, { section: "billing", method: "GetAccountInvoices" });
  const y = Math.floor(month / 100);
  const m = (month % 100) - 1;
  if (!Number.isSafeInteger(month) || y < 2000 || y > 2999 || m < 0 || m > 11) throw new AppError("NOT_FOUND", { message: "Invoice not found", field: "month" });
  const from = monthStart(y, m);
  const to = monthStart(y, m + 1);
  const [account, before, groups] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { name: true, currency: true } }),
    db.ledgerEntry.aggregate({ where: { accountId: actor.accountId, createdAt: { lt: from } }, _sum: { amountMinor: true } }),
    db.ledgerEntry.groupBy({
      by: ["kind"],
      where: { accountId: actor.accountId, createdAt: { gte: from, lt: to } },
      _sum: { amountMinor: true },
      _count: { _all: true },
    }),
  ]);
  // A kind's entries may be both signs (an adjustment): charges and credits split by the sum's sign.
  const lines = groups.map((g) => ({ kind: g.kind, label: isLedgerKind(g.kind) ? KIND_LABELS[g.kind] : g.kind, count: g._count._all, sum: g._sum.amountMinor ?? 0 }));
  const charges = lines.filter((l) => l.sum < 0).map((l) => ({ kind: l.kind, label: l.label, count: l.count, amountMinor: -l.sum }));
  const credits = lines.filter((l) => l.sum > 0).map((l) => ({ kind: l.kind, label: l.label, count: l.count, amountMinor: l.sum }));
  const opening = before._sum.amountMinor ?? 0;
  const chargedMinor = charges.reduce((a, l) => a + l.amountMinor, 0);
  const creditedMinor = credits.reduce((a, l) => a + l.amountMinor, 0);
  return {
    id: month,
    number: `INV-${actor.accountId}-${month}`,
    from,
    to,
    currency: account.currency,
    accountName: account.name,
    charges,
    credits,
    chargedMinor,
    creditedMinor,
    openingBalanceMinor: opening,
    closingBalanceMinor: opening + creditedMinor - chargedMinor,
  };
}

export type VerificationDto = {
  status: VerificationStatus;
  subjectType: "company" | "individual";
  legalName: string;
  countryCode: string;
  address: string;
  registrationNumber: string;
  rejectionReason: string;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  documents: { id: number; fileName: string; mimeType: string; sizeBytes: number; uploadedAt: Date }[];
};

/** The account's verification (billing.verification): its details, status and documents (never their bytes). */
export async function getVerification(actor: Actor): Promise<VerificationDto> {
  authorize(actor, { section: "billing.verification" });
  const [row, documents] = await Promise.all([
    db.accountVerification.findUnique({ where: { accountId: actor.accountId } }),
    db.verificationDocument.findMany({ where: { accountId: actor.accountId }, select: { id: true, fileName: true, mimeType: true, sizeBytes: true, uploadedAt: true }, orderBy: { id: "asc" } }),
  ]);
  return {
    status: (row?.status ?? "not_started") as VerificationStatus,
    subjectType: (row?.subjectType ?? "individual") as "company" | "individual",
    legalName: row?.legalName ?? "",
    countryCode: row?.countryCode ?? "",
    address: row?.address ?? "",
    registrationNumber: row?.registrationNumber ?? "",
    rejectionReason: row?.rejectionReason ?? "",
    submittedAt: row?.submittedAt ?? null,
    reviewedAt: row?.reviewedAt ?? null,
    documents,
  };
}

/** Whether the account is verified (the buy page says which countries need it); any billing holder may ask. */
export async function verificationStatus(actor: Actor): Promise<VerificationStatus> {
  authorize(actor, { section: "billing" });
  const row = await db.accountVerification.findUnique({ where: { accountId: actor.accountId }, select: { status: true } });
  return (row?.status ?? "not_started") as VerificationStatus;
}

/** A document's bytes, for its owner to download again. */
export async function getVerificationDocument(actor: Actor, documentId: number): Promise<{ fileName: string; mimeType: string; content: Uint8Array }> {
  authorize(actor, { section: "billing.verification" });
  const doc = Number.isSafeInteger(documentId)
    ? await db.verificationDocument.findFirst({ where: { id: documentId, accountId: actor.accountId }, select: { fileName: true, mimeType: true, content: true } })
    : null;
  if (!doc) throw new AppError("NOT_FOUND", { message: "Document not found", field: "documentId" });
  return doc;
}

/** GetResourcePrice: the catalogue's countries and regions, whose prices are what calls, SMS and numbers cost. */
export function priceCatalogue(actor: Actor): { countries: readonly CatalogueCountry[]; regions: ReturnType<typeof allRegions> } {
  authorize(actor, { section: "billing", method: "GetResourcePrice" });
  return { countries: COUNTRIES, regions: allRegions() };
}
