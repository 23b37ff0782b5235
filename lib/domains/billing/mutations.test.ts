// Billing: top-ups through the payment simulator (a succeeding card credits at once with a
// receipt, a declined one credits nothing, a "needs confirmation" one credits on confirmation,
// once), the billing settings, account verification (billing.verification: Payer may,
// PayerNoVerify may not), invoices and receipts. Every mutation against all 12 principals.
// Threats: crediting money that was not paid, crediting it twice, uploading something that is
// not a document, a role reaching verification it should not.
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { postLedgerEntry } from "./ledger";
import {
  cancelTopUp,
  confirmTopUp,
  createTopUp,
  deleteVerificationDocument,
  reviewVerification,
  saveVerificationDetails,
  submitVerification,
  updateBillingSettings,
  uploadVerificationDocument,
} from "./mutations";
import { getInvoice, getReceipt, getVerification, ledgerEntries, listInvoiceMonths } from "./queries";
import { invoiceHeading, renderInvoicePdf, renderReceiptPdf } from "./pdf";

const CARD = { ok: "4242 4242 4242 4242", declined: "4000000000000002", confirm: "4000 0027 6000 3184" };
const card = (number: string) => ({ cardNumber: number, expiry: "12/99", cvc: "123" });
const balance = async (accountId: number) => (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

/** The smallest valid PDF and PNG, and a file that only claims to be one. */
const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG_BYTES = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const EXE_BYTES = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

const DETAILS = { subjectType: "company" as const, legalName: "Acme Telecom Ltd", countryCode: "DE", address: "Unter den Linden 1, Berlin", registrationNumber: "HRB 12345" };

type Case = { name: string; section: SectionId; ownerOnly?: boolean; run: (a: Actor) => Promise<unknown> };
const CASES: Case[] = [
  { name: "createTopUp", section: "billing", run: (a) => createTopUp(a, { amountMinor: 10_00, ...card(CARD.ok) }) },
  { name: "updateBillingSettings (threshold)", section: "billing", run: (a) => updateBillingSettings(a, { lowBalanceThresholdMinor: 5_00 }) },
  { name: "updateBillingSettings (credit limit)", section: "billing", ownerOnly: true, run: (a) => updateBillingSettings(a, { creditLimitMinor: 5_00 }) },
  { name: "saveVerificationDetails", section: "billing.verification", run: (a) => saveVerificationDetails(a, DETAILS) },
  { name: "uploadVerificationDocument", section: "billing.verification", run: (a) => uploadVerificationDocument(a, { name: "id.pdf", bytes: PDF_BYTES }) },
];

describe("billing mutations: the matrix, for every principal", () => {
  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section) && (!c.ownerOnly || role === "MainAccount");
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const acct = await createTestAccount();
        const actor = await acct.actor(role);
        const count = async () => [await db.ledgerEntry.count({ where: { accountId: acct.id } }), await db.auditLog.count({ where: { accountId: acct.id } }), await db.payment.count({ where: { accountId: acct.id } })];
        const before = await count();
        if (allowed) {
          await c.run(actor);
          expect((await count())[1]).toBe(before[1]! + 1);
        } else {
          await expect(c.run(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await count()).toEqual(before);
        }
      });
    }
  }
});

describe("top-ups through the payment simulator", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
  });

  it("a succeeding card credits the ledger at once, with a receipt", async () => {
    const before = await balance(acct.id);
    const p = await createTopUp(owner, { amountMinor: 25_00, ...card(CARD.ok) });
    expect(p).toMatchObject({ status: "succeeded", cardLast4: "4242", cardBrand: "Visa" });
    expect(p.receiptNumber).toMatch(/^R-\d{4}-\d{6}$/);
    expect(await balance(acct.id)).toBe(before + 25_00);
    const entry = await db.ledgerEntry.findFirst({ where: { accountId: acct.id, referenceType: "payment", referenceId: String(p.id) } });
    expect(entry).toMatchObject({ kind: "topup", amountMinor: 25_00 });
    const receipt = await renderReceiptPdf(await getReceipt(owner, p.id));
    expect((await PDFDocument.load(receipt)).getPageCount()).toBe(1);
  });

  it("a declined card credits nothing and says why", async () => {
    const before = await balance(acct.id);
    const p = await createTopUp(owner, { amountMinor: 25_00, ...card(CARD.declined) });
    expect(p).toMatchObject({ status: "declined", declineReason: "Your card was declined.", receiptNumber: null });
    expect(await balance(acct.id)).toBe(before);
    await expect(getReceipt(owner, p.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a card that needs confirmation credits on confirmation, once; a cancelled one never", async () => {
    const before = await balance(acct.id);
    const p = await createTopUp(owner, { amountMinor: 40_00, ...card(CARD.confirm) });
    expect(p.status).toBe("requires_confirmation");
    expect(await balance(acct.id)).toBe(before);
    expect((await confirmTopUp(owner, { paymentId: p.id })).status).toBe("succeeded");
    await expect(confirmTopUp(owner, { paymentId: p.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balance(acct.id)).toBe(before + 40_00);
    const q = await createTopUp(owner, { amountMinor: 40_00, ...card(CARD.confirm) });
    expect((await cancelTopUp(owner, { paymentId: q.id })).status).toBe("canceled");
    await expect(confirmTopUp(owner, { paymentId: q.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balance(acct.id)).toBe(before + 40_00);
  });

  it("another account's payment reads as not found", async () => {
    const p = await createTopUp(owner, { amountMinor: 10_00, ...card(CARD.confirm) });
    const stranger = await (await createTestAccount()).actor("MainAccount");
    await expect(confirmTopUp(stranger, { paymentId: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReceipt(stranger, p.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    [{ amountMinor: 4_99, ...card(CARD.ok) }, "amountMinor"],
    [{ amountMinor: 10_000_01, ...card(CARD.ok) }, "amountMinor"],
    [{ amountMinor: 10_00, ...card("4242 4242 4242 4241") }, "cardNumber"],
    [{ amountMinor: 10_00, ...card("4111 1111 1111 1111") }, "cardNumber"],
    [{ amountMinor: 10_00, cardNumber: CARD.ok, expiry: "13/99", cvc: "123" }, "expiry"],
    [{ amountMinor: 10_00, cardNumber: CARD.ok, expiry: "12/99", cvc: "12" }, "cvc"],
    [{ amountMinor: 10_00, cardNumber: CARD.ok, expiry: "01/20", cvc: "123" }, "expiry"],
  ])("refuses %j with a field error naming %s, writing nothing", async (input, field) => {
    const before = [await balance(acct.id), await db.payment.count({ where: { accountId: acct.id } })];
    await expect(createTopUp(owner, input)).rejects.toMatchObject({ code: "INVALID_INPUT", field });
    expect([await balance(acct.id), await db.payment.count({ where: { accountId: acct.id } })]).toEqual(before);
  });

  it("takes a card through the last day of its expiry month (UTC), and refuses it from the next", async () => {
    const at = (iso: string) => () => new Date(iso);
    const input = { amountMinor: 10_00, cardNumber: CARD.ok, expiry: "11 / 26", cvc: "123" };
    await expect(createTopUp(owner, input, at("2026-11-30T23:59:59Z"))).resolves.toMatchObject({ status: "succeeded" });
    await expect(createTopUp(owner, input, at("2026-12-01T00:00:00Z"))).rejects.toMatchObject({ code: "INVALID_INPUT", field: "expiry", message: "This card has expired" });
    await expect(createTopUp(owner, { ...input, expiry: "12/26" }, at("2026-12-31T12:00:00Z"))).resolves.toMatchObject({ status: "succeeded" });
  });
});

describe("billing settings", () => {
  it("the threshold re-arms the low-balance notice; only the account owner may give credit", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await updateBillingSettings(owner, { lowBalanceThresholdMinor: 10_00, creditLimitMinor: 3_00 });
    expect(await db.account.findUnique({ where: { id: acct.id }, select: { lowBalanceThresholdMinor: true, creditLimitMinor: true } })).toEqual({ lowBalanceThresholdMinor: 10_00, creditLimitMinor: 3_00 });
    await expect(updateBillingSettings(await acct.actor("Admin"), { creditLimitMinor: 1_000_00 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateBillingSettings(owner, { lowBalanceThresholdMinor: -1 })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "lowBalanceThresholdMinor" });
  });
});

describe("account verification", () => {
  it("details, a sniffed document, submit, and the simulated review; a rejection blocks numbers in verification countries", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const payer = await acct.actor("Payer");
    await saveVerificationDetails(payer, DETAILS);
    await expect(uploadVerificationDocument(payer, { name: "setup.pdf", bytes: EXE_BYTES })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "file" });
    await expect(uploadVerificationDocument(payer, { name: "empty.pdf", bytes: new Uint8Array() })).rejects.toMatchObject({ field: "file" });
    await expect(uploadVerificationDocument(payer, { name: "big.pdf", bytes: new Uint8Array(5 * 1024 * 1024 + 1) })).rejects.toMatchObject({ field: "file" });
    await expect(submitVerification(payer)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "file" });
    const png = await uploadVerificationDocument(payer, { name: "passport.pdf", bytes: PNG_BYTES });
    expect(png.mimeType).toBe("image/png");
    await uploadVerificationDocument(payer, { name: "registration.pdf", bytes: PDF_BYTES });
    await deleteVerificationDocument(payer, { documentId: png.id });
    await submitVerification(payer);
    expect((await getVerification(owner)).status).toBe("in_review");
    await expect(saveVerificationDetails(payer, DETAILS)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reviewVerification(payer, { outcome: "verified" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { countryCode: "DE" } });
    await expect(reviewVerification(owner, { outcome: "rejected" })).rejects.toMatchObject({ field: "reason" });
    await reviewVerification(owner, { outcome: "rejected", reason: "The registration is unreadable" });
    const v = await getVerification(owner);
    expect(v).toMatchObject({ status: "rejected", rejectionReason: "The registration is unreadable" });
    expect(await db.phoneNumber.findUnique({ where: { id: number.id }, select: { status: true, blockedReason: true } })).toEqual({ status: "blocked", blockedReason: "verification" });
    expect(await db.notification.count({ where: { accountId: acct.id, kind: "verification_rejected" } })).toBe(1);

    await saveVerificationDetails(payer, DETAILS);
    await submitVerification(payer);
    await reviewVerification(owner, { outcome: "verified" });
    expect((await getVerification(owner)).status).toBe("verified");
    expect(await db.notification.count({ where: { accountId: acct.id, kind: "verification_approved", audience: "account" } })).toBe(1);
  });

  // Threat: the account owner's preview of a role set (lib/access/preview.ts) acting with the
  // owner's own rules. Owner-only rules ask isAccountOwner, which a preview turns off.
  it("the credit limit and the review are the account owner's own login's, not a preview's", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const previewing = { ...owner, preview: { roles: ["Admin" as const] } };
    const before = await db.auditLog.count({ where: { accountId: acct.id } });
    await expect(updateBillingSettings(previewing, { creditLimitMinor: 1_00 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewVerification(previewing, { outcome: "verified" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditLog.count({ where: { accountId: acct.id } })).toBe(before);
    expect(await db.account.findUnique({ where: { id: acct.id }, select: { creditLimitMinor: true } })).toEqual({ creditLimitMinor: 0 });
  });

  it("PayerNoVerify sees billing but not verification", async () => {
    const acct = await createTestAccount();
    const p = await acct.actor("PayerNoVerify");
    await expect(getVerification(p)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveVerificationDetails(p, DETAILS)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("invoices and the transaction history", () => {
  it("a month's invoice is the ledger of that month, by kind, between its opening and closing balances", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const at = (d: number) => () => new Date(Date.UTC(2026, 9, d, 12));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: 50_00, kind: "topup", memo: "Sept", reference: { type: "payment", id: 1 } }, () => new Date(Date.UTC(2026, 8, 20))));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: 20_00, kind: "topup", memo: "Oct" }, at(2)));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: -3_00, kind: "number_purchase", memo: "n" }, at(3)));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: -1_50, kind: "number_rent", memo: "r" }, at(4)));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: -1_00, kind: "number_rent", memo: "r" }, at(5)));
    const inv = await getInvoice(owner, 202610);
    expect(inv).toMatchObject({ openingBalanceMinor: 50_00, chargedMinor: 5_50, creditedMinor: 20_00, closingBalanceMinor: 64_50 });
    expect(inv.charges).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "number_rent", count: 2, amountMinor: 2_50 })]));
    expect((await PDFDocument.load(await renderInvoicePdf(inv))).getPageCount()).toBe(1);
    // Issued the day after its month; until then a draft, not an invoice dated in the future.
    expect(invoiceHeading(inv, new Date(Date.UTC(2026, 10, 1)))).toEqual([
      ["Account", inv.accountName],
      ["Period (UTC)", "2026-10-01 to 2026-10-31"],
      ["Issued", "2026-11-01"],
    ]);
    expect(invoiceHeading(inv, new Date(Date.UTC(2026, 9, 31, 23, 59)))[2]).toEqual(["Draft", "the month is not over; figures so far, to be issued 2026-11-01"]);
    expect(await listInvoiceMonths(owner, () => new Date(Date.UTC(2026, 10, 15)))).toEqual([202611, 202610, 202609]);
    await expect(getInvoice(owner, 202613)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const rents = [];
    for await (const e of ledgerEntries(owner, { kinds: ["number_rent"], from: new Date(Date.UTC(2026, 9, 1)), to: new Date(Date.UTC(2026, 10, 1)) }, 1)) rents.push(e.amountMinor);
    expect(rents).toEqual([-1_50, -1_00]);
  });
});
