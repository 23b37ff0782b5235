// The ledger's one writer: charges never overdraw (alone or in parallel), a retried charge is
// charged once, and the low-balance notification fires once per crossing. Threats: an account
// spending money it does not have by racing requests; a retried request paying twice.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { createTestAccount } from "@/test/factories";
import { postLedgerEntry } from "./ledger";

const clock = () => new Date();

async function funded(balanceMinor: number, settings: { creditLimitMinor?: number; lowBalanceThresholdMinor?: number } = {}) {
  const acct = await createTestAccount();
  if (Object.keys(settings).length > 0) await db.account.update({ where: { id: acct.id }, data: settings });
  if (balanceMinor !== 0) await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: balanceMinor, kind: "topup", memo: "test top-up" }, clock));
  return acct.id;
}

const charge = (accountId: number, amountMinor: number, extra: { idempotencyKey?: string } = {}) =>
  db.$transaction((tx) => postLedgerEntry(tx, { accountId, amountMinor: -amountMinor, kind: "number_purchase", memo: "test charge", ...extra }, clock));

const balance = async (accountId: number) => (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

describe("postLedgerEntry", () => {
  it("charges within the balance and reports the balance after", async () => {
    const id = await funded(10_00);
    const e = await charge(id, 3_50);
    expect(e).toMatchObject({ amountMinor: -3_50, balanceAfterMinor: 6_50, created: true });
    expect(await balance(id)).toBe(6_50);
  });

  it("refuses a charge the balance cannot cover, with insufficient_funds, and writes nothing", async () => {
    const id = await funded(1_00);
    const before = await db.ledgerEntry.count({ where: { accountId: id } });
    const err = await charge(id, 1_01).catch((e: unknown) => e);
    expect(isAppError(err) && err.reason).toBe("insufficient_funds");
    expect(isAppError(err) && err.message).toMatch(/Insufficient funds/);
    expect(await db.ledgerEntry.count({ where: { accountId: id } })).toBe(before);
    expect(await balance(id)).toBe(1_00);
  });

  it("lets charges go below zero down to the account's credit limit, no further", async () => {
    const id = await funded(1_00, { creditLimitMinor: 5_00 });
    await charge(id, 6_00);
    expect(await balance(id)).toBe(-5_00);
    await expect(charge(id, 1)).rejects.toMatchObject({ reason: "insufficient_funds" });
  });

  it("charges a retried request once: the same idempotency key returns the first entry", async () => {
    const id = await funded(10_00);
    const first = await charge(id, 2_00, { idempotencyKey: "renewal:42:2026-12" });
    const again = await charge(id, 2_00, { idempotencyKey: "renewal:42:2026-12" });
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(await balance(id)).toBe(8_00);
  });

  it("20 parallel charges against a balance that covers 5 charge exactly 5", async () => {
    const id = await funded(5_00);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => charge(id, 1_00)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason).toMatchObject({ reason: "insufficient_funds" });
    expect(await balance(id)).toBe(0);
  });

  it("raises the low-balance notification once when the threshold is crossed, again only after a top-up re-arms it", async () => {
    const id = await funded(10_00, { lowBalanceThresholdMinor: 5_00 });
    await charge(id, 4_00);
    expect(await db.notification.count({ where: { accountId: id, kind: "low_balance" } })).toBe(0);
    await charge(id, 2_00);
    await charge(id, 1_00);
    expect(await db.notification.count({ where: { accountId: id, kind: "low_balance" } })).toBe(1);
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: id, amountMinor: 10_00, kind: "topup", memo: "top-up" }, clock));
    await charge(id, 9_00);
    expect(await db.notification.count({ where: { accountId: id, kind: "low_balance" } })).toBe(2);
  });

  it("refuses a zero or fractional amount outright", async () => {
    const id = await funded(1_00);
    await expect(db.$transaction((tx) => postLedgerEntry(tx, { accountId: id, amountMinor: 0, kind: "adjustment", memo: "" }, clock))).rejects.toThrow(/non-zero whole/);
    await expect(db.$transaction((tx) => postLedgerEntry(tx, { accountId: id, amountMinor: 1.5, kind: "adjustment", memo: "" }, clock))).rejects.toThrow(/non-zero whole/);
  });
});
