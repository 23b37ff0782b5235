// The ledger's running balance (migration ledger_running_balance): the database writes each
// entry's balanceAfterMinor at insert, whoever inserts (the ledger's writer, raw fixtures,
// multi-row inserts), so it always equals the sum of the account's entries up to it, and the
// balance read (the newest entry's) equals the ledger's sum. Entries cannot be changed afterwards.
// Runs on every adapter of the suite (triggers are per database). Threat: a balance that drifts
// from the ledger it summarises, letting a charge overdraw or a page show the wrong money.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { balanceOf } from "@/lib/domains/calls/call-fixtures";
import { postLedgerEntry } from "./ledger";
import { accountBalanceMinor } from "./queries";

/** Every entry's running balance against the prefix sum of the account's entries by id. */
async function expectRunningSums(accountId: number) {
  const rows = await db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { amountMinor: true, balanceAfterMinor: true } });
  let sum = 0;
  for (const r of rows) {
    sum += r.amountMinor;
    expect(r.balanceAfterMinor).toBe(sum);
  }
  expect(await accountBalanceMinor(accountId)).toBe(sum);
  expect(await accountBalanceMinor(accountId)).toBe(await balanceOf(accountId));
}

describe("the ledger's running balance", () => {
  it("follows every insert path, per account, and the balance is the ledger's sum", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    expect(await accountBalanceMinor(a.id)).toBe(0);
    const clock = () => new Date();
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: a.id, amountMinor: 50_00, kind: "topup", memo: "top-up" }, clock));
    await db.ledgerEntry.create({ data: { accountId: b.id, amountMinor: 7_00, kind: "credit", memo: "b's credit" } });
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: a.id, amountMinor: -1_25, kind: "charge", memo: "charge" }, clock));
    await db.ledgerEntry.createMany({
      data: [
        { accountId: a.id, amountMinor: -10, kind: "sms", memo: "one" },
        { accountId: b.id, amountMinor: -3_00, kind: "charge", memo: "b's charge" },
        { accountId: a.id, amountMinor: 2_00, kind: "refund", memo: "two" },
        { accountId: a.id, amountMinor: -35, kind: "call", memo: "three" },
      ],
    });
    // Entries posted with an older clock still run in insertion order.
    await db.ledgerEntry.create({ data: { accountId: a.id, amountMinor: -5, kind: "charge", memo: "back-dated", createdAt: new Date("2020-01-01T00:00:00Z") } });
    await expectRunningSums(a.id);
    await expectRunningSums(b.id);
    expect(await accountBalanceMinor(a.id)).toBe(50_00 - 1_25 - 10 + 2_00 - 35 - 5);
    expect(await accountBalanceMinor(b.id)).toBe(4_00);
  });

  it("refuses changing an entry's amount or account, and leaves it as it was", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    const entry = await db.ledgerEntry.create({ data: { accountId: a.id, amountMinor: 10_00, kind: "credit", memo: "fixed" } });
    // The trigger aborts the statement (the drivers report it differently: SQLite's as a constraint failure).
    await expect(db.ledgerEntry.update({ where: { id: entry.id }, data: { amountMinor: 1_000_00 } })).rejects.toThrow();
    await expect(db.ledgerEntry.update({ where: { id: entry.id }, data: { accountId: b.id } })).rejects.toThrow();
    // The memo is not money: it may be corrected.
    await db.ledgerEntry.update({ where: { id: entry.id }, data: { memo: "fixed memo" } });
    expect(await db.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ amountMinor: 10_00, accountId: a.id, balanceAfterMinor: 10_00 });
    expect(await accountBalanceMinor(b.id)).toBe(0);
  });
});
