import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { accountBalanceMinor, getLedger } from "./queries";
import { formatMoney } from "./money";

const T0 = Date.UTC(2026, 2, 1);

describe("billing queries", () => {
  let mine: TestAccount;
  let other: TestAccount;
  let owner: Actor;
  const amounts = [100_00, -1_23, -45, 20_00, -3_00];

  beforeAll(async () => {
    mine = await createTestAccount();
    other = await createTestAccount();
    owner = await mine.actor("MainAccount");
    for (const [i, amountMinor] of amounts.entries()) {
      await db.ledgerEntry.create({
        data: { accountId: mine.id, amountMinor, kind: amountMinor > 0 ? "credit" : "charge", memo: `entry ${i}`, createdAt: new Date(T0 + i * 1000) },
      });
    }
    await db.ledgerEntry.create({ data: { accountId: other.id, amountMinor: 999_99, kind: "credit", memo: "foreign top-up" } });
  });

  it("balance is the sum of the account's own ledger, and nothing else", async () => {
    const expected = amounts.reduce((a, b) => a + b, 0);
    expect(await accountBalanceMinor(mine.id)).toBe(expected);
    expect(await accountBalanceMinor(other.id)).toBe(999_99);
    const ledger = await getLedger(owner, { size: 100 });
    expect(ledger.balanceMinor).toBe(expected);
    expect(ledger.rows.reduce((s, r) => s + r.amountMinor, 0)).toBe(expected);
  });

  it("follows the ledger: a new entry moves the balance by exactly its amount", async () => {
    const before = await accountBalanceMinor(mine.id);
    const entry = await db.ledgerEntry.create({ data: { accountId: mine.id, amountMinor: -7, kind: "charge", memo: "probe" } });
    expect(await accountBalanceMinor(mine.id)).toBe(before - 7);
    await db.ledgerEntry.delete({ where: { id: entry.id } });
    expect(await accountBalanceMinor(mine.id)).toBe(before);
  });

  it("an account without entries has a zero balance", async () => {
    const empty = await createTestAccount();
    expect(await getLedger(await empty.actor("MainAccount"))).toMatchObject({ balanceMinor: 0, total: 0, rows: [], page: 1 });
  });

  it("lists only the actor's entries, newest first, paged", async () => {
    const first = await getLedger(owner, { size: 2 });
    expect(first.total).toBe(amounts.length);
    expect(first.rows.map((r) => r.memo)).toEqual(["entry 4", "entry 3"]);
    const last = await getLedger(owner, { size: 2, page: 3 });
    expect(last.rows.map((r) => r.memo)).toEqual(["entry 0"]);
    expect((await getLedger(owner, { q: "foreign" })).total).toBe(0);
  });

  it("sorts by amount and filters by kind or memo", async () => {
    const byAmount = await getLedger(owner, { sort: "amountMinor", dir: "asc", size: 100 });
    expect(byAmount.rows.map((r) => r.amountMinor)).toEqual([...amounts].sort((a, b) => a - b));
    const charges = await getLedger(owner, { q: "charge", size: 100 });
    expect(charges.total).toBe(3);
    expect(charges.rows.every((r) => r.amountMinor < 0)).toBe(true);
  });

  it("rejects bad list parameters with a field error", async () => {
    await expect(getLedger(owner, { page: 0 })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "page" });
  });

  it("is open exactly to the principals holding Billing", async () => {
    for (const role of PRINCIPALS) {
      const actor = await mine.actor(role);
      if (can(actor, "billing")) expect((await getLedger(actor)).total, role).toBe(amounts.length);
      else await expect(getLedger(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("formats minor units as money without rounding drift", () => {
    expect(formatMoney(100_00)).toBe("$100.00");
    expect(formatMoney(-45)).toBe("-$0.45");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(123_456_789)).toBe("$1,234,567.89");
  });
});

describe("payments (the Receipts tab)", () => {
  const card = (cardNumber: string) => ({ cardNumber, expiry: "12/99", cvc: "123" });

  it("pages the account's own payments, filters by receipt number or last four digits, sorts by amount; the pending ones apart", async () => {
    const { createTopUp } = await import("./mutations");
    const { getPayments, listPendingPayments } = await import("./queries");
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const ok = await createTopUp(owner, { amountMinor: 30_00, ...card("4242424242424242") });
    await createTopUp(owner, { amountMinor: 10_00, ...card("4000000000000002") });
    const pending = await createTopUp(owner, { amountMinor: 20_00, ...card("4000002760003184") });
    const stranger = await createTestAccount();
    await createTopUp(await stranger.actor("MainAccount"), { amountMinor: 99_00, ...card("4242424242424242") });

    const all = await getPayments(owner);
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.status)).toEqual(["requires_confirmation", "declined", "succeeded"]);
    expect((await getPayments(owner, { sort: "amountMinor", dir: "asc" })).rows.map((r) => r.amountMinor)).toEqual([10_00, 20_00, 30_00]);
    expect((await getPayments(owner, { size: 2, page: 2 })).rows.map((r) => r.id)).toEqual([ok.id]);
    // Past the last page reads the last page.
    expect(await getPayments(owner, { size: 2, page: 9 })).toMatchObject({ page: 2, total: 3 });
    expect((await getPayments(owner, { q: ok.receiptNumber!.toLowerCase() })).rows.map((r) => r.id)).toEqual([ok.id]);
    expect((await getPayments(owner, { q: "3184" })).rows.map((r) => r.id)).toEqual([pending.id]);
    await expect(getPayments(owner, { size: 1000 })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "size" });

    expect((await listPendingPayments(owner)).map((p) => p.id)).toEqual([pending.id]);
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (can(actor, "billing")) expect((await getPayments(actor)).total, role).toBe(3);
      else {
        await expect(getPayments(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(listPendingPayments(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
  });
});
