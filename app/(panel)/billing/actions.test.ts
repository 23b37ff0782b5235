// Billing's server actions are public POST endpoints: whoever calls them, the wrapper checks the
// session and the section (billing, or billing.verification: Payer may, PayerNoVerify may not)
// before anything is written, the domain keeps the credit limit and the simulated review to the
// account owner's own login, and ids of another account read as not found.
// Threats: money credited that was not paid, a role reaching verification or the credit limit it
// should not hold, a forged id reaching another account's payment or document.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor, PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { createTopUp, saveVerificationDetails, submitVerification, uploadVerificationDocument } from "@/lib/domains/billing/mutations";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const A = await import("./actions");


const CARDS = { ok: "4242 4242 4242 4242", declined: "4000000000000002", noFunds: "4000000000009995", confirm: "4000 0027 6000 3184" };
const card = (cardNumber: string) => ({ cardNumber, expiry: "12/99", cvc: "123" });
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const DETAILS = { subjectType: "company" as const, legalName: "Acme Telecom Ltd", countryCode: "DE", address: "Unter den Linden 1, Berlin", registrationNumber: "HRB 12345" };

async function snapshot(accountId: number) {
  const [ledger, payments, account, verification, documents, notifications, audits] = await Promise.all([
    db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, amountMinor: true } }),
    db.payment.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { lowBalanceThresholdMinor: true, creditLimitMinor: true } }),
    db.accountVerification.findUnique({ where: { accountId }, select: { status: true, legalName: true, rejectionReason: true } }),
    db.verificationDocument.findMany({ where: { accountId }, select: { id: true } }),
    db.notification.count({ where: { accountId } }),
    changeRowCount(accountId),
  ]);
  return { ledger, payments, account, verification, documents, notifications, audits };
}

const balance = async (accountId: number) => (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

type Case = {
  name: string;
  section: SectionId;
  /** The account owner's own login only (the domain's isAccountOwner rule), on top of the section. */
  ownerOnly?: boolean;
  /** Prepares the account as its owner; returns what the call needs. */
  setup?: (owner: Actor) => Promise<number>;
  run: (id: number) => Promise<{ ok: boolean; formError?: string }>;
};

const pendingPayment = async (owner: Actor) => (await createTopUp(owner, { amountMinor: 12_00, ...card(CARDS.confirm) })).id;
const document = async (owner: Actor) => (await uploadVerificationDocument(owner, { name: "id.pdf", bytes: PDF })).id;
const inReview = async (owner: Actor) => {
  await saveVerificationDetails(owner, DETAILS);
  await document(owner);
  await submitVerification(owner);
  return 0;
};

const CASES: Case[] = [
  { name: "topUpAction", section: "billing", run: () => A.topUpAction({ amount: "10.00", ...card(CARDS.ok) }) },
  { name: "confirmTopUpAction", section: "billing", setup: pendingPayment, run: (id) => A.confirmTopUpAction({ paymentId: id }) },
  { name: "cancelTopUpAction", section: "billing", setup: pendingPayment, run: (id) => A.cancelTopUpAction({ paymentId: id }) },
  { name: "updateBillingSettingsAction (threshold)", section: "billing", run: () => A.updateBillingSettingsAction({ lowBalanceThreshold: "5" }) },
  { name: "updateBillingSettingsAction (credit limit)", section: "billing", ownerOnly: true, run: () => A.updateBillingSettingsAction({ lowBalanceThreshold: "0", creditLimit: "5" }) },
  { name: "runBillingDayAction", section: "billing", run: () => A.runBillingDayAction({}) },
  { name: "saveVerificationDetailsAction", section: "billing.verification", run: () => A.saveVerificationDetailsAction(DETAILS) },
  { name: "deleteVerificationDocumentAction", section: "billing.verification", setup: document, run: (id) => A.deleteVerificationDocumentAction({ documentId: id }) },
  { name: "submitVerificationAction", section: "billing.verification", setup: async (o) => (await saveVerificationDetails(o, DETAILS), document(o)), run: () => A.submitVerificationAction({}) },
  { name: "reviewVerificationAction", section: "billing.verification", ownerOnly: true, setup: inReview, run: () => A.reviewVerificationAction({ outcome: "rejected", reason: "Unreadable" }) },
];

describe("billing server actions: every action x every principal", () => {
  beforeEach(() => {
    session.actor = null;
  });

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const holds = can({ roles: [role] }, c.section);
      const allowed = holds && (!c.ownerOnly || role === "MainAccount");
      it(`${c.name} as ${role}: ${allowed ? "ok and audited" : "refused, nothing written"}`, async () => {
        const acct = await createTestAccount();
        const id = c.setup ? await c.setup(await acct.actor("MainAccount")) : 0;
        session.actor = asPanel(await acct.actor(role));
        const before = await snapshot(acct.id);
        const r = await c.run(id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          // Refused by the section (action()) or, holding it, by the owner-only rule (the domain).
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(holds ? /^Only the account owner can / : /^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const acct: TestAccount = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const ids = { pending: await pendingPayment(owner), doc: await document(owner) };
    const before = await snapshot(acct.id);
    for (const c of CASES) {
      expect(await c.run(c.name.includes("Document") ? ids.doc : ids.pending), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("PayerNoVerify holds Billing but none of the verification actions; Payer holds them", async () => {
    const acct = await createTestAccount();
    const docId = await document(await acct.actor("MainAccount"));
    session.actor = asPanel(await acct.actor("PayerNoVerify"));
    const before = await snapshot(acct.id);
    const refusal = { ok: false, formError: expect.stringMatching(/^Only .*Payer.* can use/) };
    expect(await A.saveVerificationDetailsAction(DETAILS)).toEqual(refusal);
    expect(await A.deleteVerificationDocumentAction({ documentId: docId })).toEqual(refusal);
    expect(await A.submitVerificationAction({})).toEqual(refusal);
    expect(await A.reviewVerificationAction({ outcome: "verified" })).toEqual(refusal);
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await A.topUpAction({ amount: "5", ...card(CARDS.ok) })).toMatchObject({ ok: true });

    session.actor = asPanel(await acct.actor("Payer"));
    expect(await A.saveVerificationDetailsAction(DETAILS)).toEqual({ ok: true, data: undefined });
    expect(await A.submitVerificationAction({})).toEqual({ ok: true, data: undefined });
    // The review stays the account owner's, Payer or not.
    expect(await A.reviewVerificationAction({ outcome: "verified" })).toEqual({ ok: false, formError: "Only the account owner can run the simulated review." });
  });
});

describe("top-up outcomes through the action", () => {
  let acct: TestAccount;
  beforeEach(async () => {
    acct = await createTestAccount();
    session.actor = asPanel(await acct.actor("MainAccount"));
  });

  it("a succeeding card: the exact amount typed is credited, with a receipt", async () => {
    const r = await A.topUpAction({ amount: "19.99", ...card(CARDS.ok) });
    expect(r).toEqual({ ok: true, data: expect.objectContaining({ status: "succeeded", amountMinor: 19_99, currency: "USD", cardLast4: "4242", receiptNumber: expect.stringMatching(/^R-\d{4}-\d{6}$/) }) });
    expect(await balance(acct.id)).toBe(19_99);
  });

  it("a declined card, or one without funds: an error under the card field, nothing credited", async () => {
    expect(await A.topUpAction({ amount: "25", ...card(CARDS.declined) })).toEqual({ ok: false, fieldErrors: { cardNumber: "Your card was declined." } });
    expect(await A.topUpAction({ amount: "25", ...card(CARDS.noFunds) })).toEqual({ ok: false, fieldErrors: { cardNumber: "Your card has insufficient funds." } });
    expect(await balance(acct.id)).toBe(0);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(0);
    // The attempts stay in the payment history, declined, without a receipt.
    expect(await db.payment.findMany({ where: { accountId: acct.id }, select: { status: true, receiptNumber: true } })).toEqual([
      { status: "declined", receiptNumber: null },
      { status: "declined", receiptNumber: null },
    ]);
  });

  it("a card that needs confirmation: nothing until confirmed, then once; a cancelled one never", async () => {
    const r = await A.topUpAction({ amount: "40", ...card(CARDS.confirm) });
    expect(r).toEqual({ ok: true, data: expect.objectContaining({ status: "requires_confirmation", amountMinor: 40_00, receiptNumber: null }) });
    expect(await balance(acct.id)).toBe(0);
    const paymentId = (r as { data: { id: number } }).data.id;
    expect(await A.confirmTopUpAction({ paymentId })).toEqual({ ok: true, data: expect.objectContaining({ status: "succeeded" }) });
    expect(await A.confirmTopUpAction({ paymentId })).toEqual({ ok: false, fieldErrors: { paymentId: expect.stringContaining("not waiting for confirmation") } });
    expect(await balance(acct.id)).toBe(40_00);
    const other = await A.topUpAction({ amount: "7", ...card(CARDS.confirm) });
    const otherId = (other as { data: { id: number } }).data.id;
    expect(await A.cancelTopUpAction({ paymentId: otherId })).toEqual({ ok: true, data: expect.objectContaining({ status: "canceled" }) });
    expect(await A.confirmTopUpAction({ paymentId: otherId })).toMatchObject({ ok: false });
    expect(await balance(acct.id)).toBe(40_00);
  });

  it("run billing day answers its report", async () => {
    expect(await A.runBillingDayAction({})).toEqual({
      ok: true,
      data: { renewed: 0, blocked: 0, released: 0, reservationsLapsed: 0, sipRenewed: 0, sipDeactivated: 0, chargedMinor: 0, asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
  });
});

describe("bad input: field errors naming the field, nothing written", () => {
  it.each([
    ["topUpAction", () => A.topUpAction({ amount: "ten", ...card(CARDS.ok) }), { amount: "Enter the amount as a number, like 25 or 25.50" }],
    ["topUpAction", () => A.topUpAction({ amount: "", ...card(CARDS.ok) }), { amount: "Enter the amount" }],
    ["topUpAction", () => A.topUpAction({ amount: "4.99", ...card(CARDS.ok) }), { amount: "The smallest top-up is 5.00" }],
    ["topUpAction", () => A.topUpAction({ amount: "10000.01", ...card(CARDS.ok) }), { amount: "The largest top-up is 10000.00" }],
    ["topUpAction", () => A.topUpAction({ amount: "10", ...card("4111 1111 1111 1111") }), { cardNumber: expect.stringContaining("test cards") }],
    ["topUpAction", () => A.topUpAction({ amount: "10", ...card("4242 4242 4242 4241") }), { cardNumber: "This card number is not valid" }],
    ["topUpAction", () => A.topUpAction({ amount: "10", cardNumber: CARDS.ok, expiry: "13/30", cvc: "123" }), { expiry: "Expiry is MM/YY" }],
    ["topUpAction", () => A.topUpAction({ amount: "10", cardNumber: CARDS.ok, expiry: "12/99", cvc: "1" }), { cvc: "The CVC is 3 or 4 digits" }],
    ["confirmTopUpAction", () => A.confirmTopUpAction({ paymentId: "x" as never }), { paymentId: expect.any(String) }],
    ["updateBillingSettingsAction", () => A.updateBillingSettingsAction({ lowBalanceThreshold: "-1" }), { lowBalanceThreshold: "The threshold cannot be negative" }],
    ["updateBillingSettingsAction", () => A.updateBillingSettingsAction({ lowBalanceThreshold: "1", creditLimit: "100000.01" }), { creditLimit: "The credit limit can be at most 100000.00" }],
    ["saveVerificationDetailsAction", () => A.saveVerificationDetailsAction({ ...DETAILS, registrationNumber: "" }), { registrationNumber: "A company needs its registration number" }],
    ["saveVerificationDetailsAction", () => A.saveVerificationDetailsAction({ ...DETAILS, countryCode: "XX" }), { countryCode: "Choose a country" }],
    ["saveVerificationDetailsAction", () => A.saveVerificationDetailsAction({ ...DETAILS, legalName: "Acme\u0000" }), { legalName: expect.stringContaining("control characters") }],
    ["deleteVerificationDocumentAction", () => A.deleteVerificationDocumentAction({ documentId: -1 }), { documentId: expect.any(String) }],
    ["reviewVerificationAction", () => A.reviewVerificationAction({ outcome: "rejected", reason: "" }), { reason: "Say why the verification is rejected" }],
  ] as const)("%s: %j", async (_name, run, fieldErrors) => {
    const acct = await createTestAccount();
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await run()).toEqual({ ok: false, fieldErrors });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});

describe("another account's ids read as not found, nothing written on either side", () => {
  it("payments and documents", async () => {
    const theirs = await createTestAccount();
    const theirOwner = await theirs.actor("MainAccount");
    const paymentId = await pendingPayment(theirOwner);
    const documentId = await document(theirOwner);
    const mine = await createTestAccount();
    session.actor = asPanel(await mine.actor("MainAccount"));
    const [beforeMine, beforeTheirs] = [await snapshot(mine.id), await snapshot(theirs.id)];
    expect(await A.confirmTopUpAction({ paymentId })).toEqual({ ok: false, fieldErrors: { paymentId: "Payment not found" } });
    expect(await A.cancelTopUpAction({ paymentId })).toEqual({ ok: false, fieldErrors: { paymentId: "Payment not found" } });
    expect(await A.deleteVerificationDocumentAction({ documentId })).toEqual({ ok: false, fieldErrors: { documentId: "Document not found" } });
    expect([await snapshot(mine.id), await snapshot(theirs.id)]).toEqual([beforeMine, beforeTheirs]);
  });
});
