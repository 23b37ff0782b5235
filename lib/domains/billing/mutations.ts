import "server-only";
// Billing changes: top-ups through the payment simulator, the account's billing settings, and
// account verification. Money itself is only ever written by ./ledger.ts.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { isAccountOwner } from "@/lib/access/preview";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { blockUnverifiedNumbers } from "@/lib/domains/phone-numbers/mutations";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { postLedgerEntry } from "./ledger";
import {
  CARD_EXPIRED,
  cardExpired,
  MAX_VERIFICATION_DOCUMENTS,
  TEST_CARDS,
  VERIFICATION_DOCUMENT_MAX_BYTES,
  VERIFICATION_DOCUMENT_TYPES,
  ZBillingSettingsInput,
  ZPaymentRef,
  ZTopUpInput,
  ZVerificationDetailsInput,
  ZVerificationDocumentRef,
  ZVerificationReviewInput,
  type BillingSettingsInput,
  type PaymentRef,
  type TopUpInput,
  type VerificationDetailsInput,
  type VerificationDocumentRef,
  type VerificationReviewInput,
} from "./schemas";

// Top-ups through the payment simulator (ours: a test card stands in for the bank).

export type PaymentDto = {
  id: number;
  amountMinor: number;
  currency: string;
  cardBrand: string;
  cardLast4: string;
  status: "requires_confirmation" | "succeeded" | "declined" | "canceled";
  declineReason: string;
  receiptNumber: string | null;
  createdAt: Date;
};

const PAYMENT_SELECT = { id: true, amountMinor: true, currency: true, cardBrand: true, cardLast4: true, status: true, declineReason: true, receiptNumber: true, createdAt: true } as const;
const toPaymentDto = (p: { status: string } & Omit<PaymentDto, "status">): PaymentDto => ({ ...p, status: p.status as PaymentDto["status"] });

const DECLINES: Record<string, string> = { declined: "Your card was declined.", insufficient_funds: "Your card has insufficient funds." };

/** A payment's receipt number: R-<year>-<id, six digits>. */
export const receiptNumberOf = (id: number, at: Date) => `R-${at.getUTCFullYear()}-${String(id).padStart(6, "0")}`;

async function creditPayment(tx: Tx, actor: Actor, paymentId: number, amountMinor: number, currency: string, clock: Clock): Promise<void> {
  const now = clock();
  const entry = await postLedgerEntry(
    tx,
    { accountId: actor.accountId, amountMinor, kind: "topup", memo: `Top-up ${receiptNumberOf(paymentId, now)}`, reference: { type: "payment", id: paymentId }, idempotencyKey: `payment:${paymentId}` },
    clock,
  );
  await tx.payment.updateMany({
    where: { id: paymentId, accountId: actor.accountId },
    data: { status: "succeeded", ledgerEntryId: entry.id, receiptNumber: receiptNumberOf(paymentId, now) },
  });
  await audit(tx, actor, { action: "billing.top_up", targetType: "payment", targetId: paymentId, detail: { amountMinor, currency } });
}

/**
 * A top-up (section billing): the simulator answers by the test card used. A card that succeeds
 * credits the ledger at once with a receipt; a declined one records the payment and credits
 * nothing; a "needs confirmation" card waits for confirmTopUp (the 3-D Secure step).
 */
export async function createTopUp(actor: Actor, input: TopUpInput, clock: Clock = systemClock): Promise<PaymentDto> {
  authorize(actor, { section: "billing" });
  const data = parseInput(ZTopUpInput, input);
  if (cardExpired(data.expiry, clock())) throw new AppError("INVALID_INPUT", { message: CARD_EXPIRED, field: "expiry" });
  const card = TEST_CARDS.find((c) => c.number === data.cardNumber)!;
  return db.$transaction(async (tx) => {
    const { currency } = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } });
    // A succeeding card is credited right below, in this transaction; a declined one never is.
    const status = card.outcome === "succeeds" || card.outcome === "requires_confirmation" ? "requires_confirmation" : "declined";
    const payment = await tx.payment.create({
      data: {
        accountId: actor.accountId,
        amountMinor: data.amountMinor,
        currency,
        cardBrand: card.brand,
        cardLast4: card.number.slice(-4),
        status,
        declineReason: DECLINES[card.outcome] ?? "",
        createdAt: clock(),
      },
      select: { id: true },
    });
    if (card.outcome === "succeeds") await creditPayment(tx, actor, payment.id, data.amountMinor, currency, clock);
    else {
      await audit(tx, actor, {
        action: status === "declined" ? "billing.top_up_declined" : "billing.top_up_pending",
        targetType: "payment",
        targetId: payment.id,
        detail: { amountMinor: data.amountMinor, currency, card: `${card.brand} ${card.number.slice(-4)}` },
        outcome: status === "declined" ? "failed" : "ok",
      });
    }
    return toPaymentDto(await tx.payment.findUniqueOrThrow({ where: { id: payment.id }, select: PAYMENT_SELECT }));
  });
}

async function pendingPayment(tx: Tx, actor: Actor, paymentId: number) {
  const p = await tx.payment.findFirst({ where: { id: paymentId, accountId: actor.accountId }, select: { ...PAYMENT_SELECT } });
  if (!p) throw new AppError("NOT_FOUND", { message: "Payment not found", field: "paymentId" });
  if (p.status !== "requires_confirmation") throw new AppError("CONFLICT", { message: `This payment is ${p.status.replace("_", " ")}, not waiting for confirmation`, field: "paymentId" });
  return p;
}

/** The "needs confirmation" card's second step: confirming credits the ledger (once, however often it is sent). */
export async function confirmTopUp(actor: Actor, input: PaymentRef, clock: Clock = systemClock): Promise<PaymentDto> {
  authorize(actor, { section: "billing" });
  const { paymentId } = parseInput(ZPaymentRef, input);
  return db.$transaction(async (tx) => {
    const p = await pendingPayment(tx, actor, paymentId);
    await creditPayment(tx, actor, p.id, p.amountMinor, p.currency, clock);
    return toPaymentDto(await tx.payment.findUniqueOrThrow({ where: { id: p.id }, select: PAYMENT_SELECT }));
  });
}

/** Abandons a payment waiting for confirmation: nothing is credited. */
export async function cancelTopUp(actor: Actor, input: PaymentRef): Promise<PaymentDto> {
  authorize(actor, { section: "billing" });
  const { paymentId } = parseInput(ZPaymentRef, input);
  return db.$transaction(async (tx) => {
    const p = await pendingPayment(tx, actor, paymentId);
    await tx.payment.updateMany({ where: { id: p.id, accountId: actor.accountId }, data: { status: "canceled" } });
    await audit(tx, actor, { action: "billing.top_up_canceled", targetType: "payment", targetId: p.id, detail: { amountMinor: p.amountMinor } });
    return toPaymentDto(await tx.payment.findUniqueOrThrow({ where: { id: p.id }, select: PAYMENT_SELECT }));
  });
}

/**
 * The low-balance threshold (billing) and the credit limit. A credit lets the account spend money
 * it does not have, so only the account owner's own login sets it (ours; isAccountOwner, so a
 * role preview cannot either): FORBIDDEN for anyone else, nothing written.
 */
export async function updateBillingSettings(actor: Actor, input: BillingSettingsInput): Promise<{ lowBalanceThresholdMinor: number; creditLimitMinor: number }> {
  authorize(actor, { section: "billing" });
  const data = parseInput(ZBillingSettingsInput, input);
  if (data.creditLimitMinor !== undefined && !isAccountOwner(actor)) {
    throw new AppError("FORBIDDEN", { message: "Only the account owner can change the credit limit." });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { lowBalanceThresholdMinor: true, creditLimitMinor: true } });
    const after = await tx.account.update({
      where: { id: actor.accountId },
      // A new threshold re-arms the alert: the next crossing of it raises a notification again.
      data: { ...data, ...(data.lowBalanceThresholdMinor !== undefined ? { lowBalanceAlertedAt: null } : {}) },
      select: { lowBalanceThresholdMinor: true, creditLimitMinor: true },
    });
    await audit(tx, actor, { action: "billing.settings", targetType: "account", targetId: actor.accountId, detail: { from: before, to: after } });
    return after;
  });
}

// Account verification (section billing.verification; the seed's Payer may, PayerNoVerify may not).

export type VerificationDocumentDto = { id: number; fileName: string; mimeType: string; sizeBytes: number; uploadedAt: Date };

async function verificationRow(tx: Tx, accountId: number) {
  return (await tx.accountVerification.findUnique({ where: { accountId } })) ?? (await tx.accountVerification.create({ data: { accountId } }));
}

function assertEditable(status: string) {
  if (status === "in_review") throw new AppError("CONFLICT", { message: "The verification is in review: wait for its outcome before changing it" });
  if (status === "verified") throw new AppError("CONFLICT", { message: "The account is verified: its details can no longer change" });
}

/** Saves the company or individual details (before submitting; while in review or verified they are fixed). */
export async function saveVerificationDetails(actor: Actor, input: VerificationDetailsInput): Promise<void> {
  authorize(actor, { section: "billing.verification" });
  const data = parseInput(ZVerificationDetailsInput, input);
  await db.$transaction(async (tx) => {
    const row = await verificationRow(tx, actor.accountId);
    assertEditable(row.status);
    await tx.accountVerification.update({ where: { accountId: actor.accountId }, data: { ...data, status: row.status === "rejected" ? "not_started" : row.status } });
    await audit(tx, actor, { action: "verification.details", targetType: "account", targetId: actor.accountId, detail: { subjectType: data.subjectType, countryCode: data.countryCode } });
  });
}

/**
 * Stores a verification document. The type is sniffed from the bytes (PDF, PNG or JPEG only,
 * whatever the name or the browser says), at most VERIFICATION_DOCUMENT_MAX_BYTES, kept in the
 * database (never under public/).
 */
export async function uploadVerificationDocument(actor: Actor, file: { name: string; bytes: Uint8Array }): Promise<VerificationDocumentDto> {
  authorize(actor, { section: "billing.verification" });
  const fileName = file.name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "document";
  if (file.bytes.byteLength === 0) throw new AppError("INVALID_INPUT", { message: "The file is empty", field: "file" });
  if (file.bytes.byteLength > VERIFICATION_DOCUMENT_MAX_BYTES) {
    throw new AppError("INVALID_INPUT", { message: `The file is larger than ${VERIFICATION_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`, field: "file" });
  }
  const sniffed = await fileTypeFromBuffer(file.bytes);
  if (!sniffed || !(VERIFICATION_DOCUMENT_TYPES as readonly string[]).includes(sniffed.mime)) {
    throw new AppError("INVALID_INPUT", { message: "Upload a PDF, PNG or JPEG file", field: "file" });
  }
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  return db.$transaction(async (tx) => {
    const row = await verificationRow(tx, actor.accountId);
    assertEditable(row.status);
    if ((await tx.verificationDocument.count({ where: { accountId: actor.accountId } })) >= MAX_VERIFICATION_DOCUMENTS) {
      throw new AppError("CONFLICT", { message: `At most ${MAX_VERIFICATION_DOCUMENTS} documents: delete one first`, field: "file" });
    }
    const doc = await tx.verificationDocument.create({
      data: { accountId: actor.accountId, fileName, mimeType: sniffed.mime, sizeBytes: file.bytes.byteLength, sha256, content: Buffer.from(file.bytes) },
      select: { id: true, fileName: true, mimeType: true, sizeBytes: true, uploadedAt: true },
    });
    await audit(tx, actor, { action: "verification.document_upload", targetType: "verification_document", targetId: doc.id, detail: { fileName, mimeType: sniffed.mime, sizeBytes: doc.sizeBytes, sha256 } });
    return doc;
  });
}

/** Deletes one of the account's documents (before submitting); NOT_FOUND for another account's. */
export async function deleteVerificationDocument(actor: Actor, input: VerificationDocumentRef): Promise<void> {
  authorize(actor, { section: "billing.verification" });
  const { documentId } = parseInput(ZVerificationDocumentRef, input);
  await db.$transaction(async (tx) => {
    const row = await verificationRow(tx, actor.accountId);
    assertEditable(row.status);
    const doc = await tx.verificationDocument.findFirst({ where: { id: documentId, accountId: actor.accountId }, select: { fileName: true } });
    if (!doc) throw new AppError("NOT_FOUND", { message: "Document not found", field: "documentId" });
    await tx.verificationDocument.deleteMany({ where: { id: documentId, accountId: actor.accountId } });
    await audit(tx, actor, { action: "verification.document_delete", targetType: "verification_document", targetId: documentId, detail: { fileName: doc.fileName } });
  });
}

/** Sends the details and documents for review: status in_review. Needs the details and at least one document. */
export async function submitVerification(actor: Actor, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "billing.verification" });
  await db.$transaction(async (tx) => {
    const row = await verificationRow(tx, actor.accountId);
    assertEditable(row.status);
    if (!row.legalName || !row.address || !row.countryCode) throw new AppError("INVALID_INPUT", { message: "Fill in and save the details first", field: "legalName" });
    if ((await tx.verificationDocument.count({ where: { accountId: actor.accountId } })) === 0) {
      throw new AppError("INVALID_INPUT", { message: "Upload at least one document (an ID, a company registration or a proof of address)", field: "file" });
    }
    await tx.accountVerification.update({ where: { accountId: actor.accountId }, data: { status: "in_review", submittedAt: clock(), rejectionReason: "" } });
    await audit(tx, actor, { action: "verification.submit", targetType: "account", targetId: actor.accountId });
  });
}

/**
 * The demo's simulated review (ours; a real platform's compliance team does this): the account
 * owner's own login (isAccountOwner) approves or rejects a verification in review; FORBIDDEN for
 * anyone else. A rejection blocks the account's numbers in countries that require verification,
 * until it is verified and they are restored. Either outcome raises a notification for the
 * account (verification_approved, or verification_rejected with the reason).
 */
export async function reviewVerification(actor: Actor, input: VerificationReviewInput, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "billing.verification" });
  if (!isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: "Only the account owner can run the simulated review." });
  const data = parseInput(ZVerificationReviewInput, input);
  await db.$transaction(async (tx) => {
    const row = await verificationRow(tx, actor.accountId);
    if (row.status !== "in_review") throw new AppError("CONFLICT", { message: "Only a verification in review can be reviewed: submit it first" });
    const now = clock();
    await tx.accountVerification.update({ where: { accountId: actor.accountId }, data: { status: data.outcome, rejectionReason: data.outcome === "rejected" ? data.reason : "", reviewedAt: now } });
    const blocked = data.outcome === "rejected" ? await blockUnverifiedNumbers(tx, actor.accountId, now) : 0;
    await audit(tx, actor, { action: `verification.${data.outcome}`, targetType: "account", targetId: actor.accountId, detail: { reason: data.reason, numbersBlocked: blocked } });
    await raiseAccountNotification(tx, {
      accountId: actor.accountId,
      kind: data.outcome === "verified" ? "verification_approved" : "verification_rejected",
      sectionId: "billing.verification",
      detail: { reason: data.reason },
      createdAt: now,
    });
  });
}
