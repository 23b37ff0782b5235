// Account.numberCount (the numbers an account holds: status active or blocked) is kept by database
// triggers (migration held_number_count_routine_audit), not by the app: the dashboard and /numbers'
// unfiltered total read it instead of counting numbers (issue 11). A migration that rebuilds
// PhoneNumber without recreating the triggers, or a database made without the migrations, would
// let it drift silently: this runs on every adapter's suite and compares the counter with a real
// count after every kind of write.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount } from "@/test/factories";
import { fixtureAvailableNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { buyNumbers, deactivateNumbers } from "@/lib/domains/phone-numbers/mutations";
import { heldNumberCount, listAccountNumbers } from "@/lib/domains/phone-numbers/queries";
import { getChecklist } from "@/lib/domains/dashboard/queries";

async function counterAndCount(accountId: number) {
  return { counter: await heldNumberCount(db, accountId), count: await db.phoneNumber.count({ where: { accountId, status: { in: ["active", "blocked"] } } }) };
}

describe("Account.numberCount", () => {
  it("follows purchases, releases, blocks, moves and deletes, by the domain and by raw writes, and the readers use it", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const owner = await acct.actor(OWNER_ROLE);
    expect(await counterAndCount(acct.id)).toEqual({ counter: 0, count: 0 });

    // The domain's purchase.
    await fixtureTopUp(acct.id, 1_000_00);
    const [a, b] = [await fixtureAvailableNumber(), await fixtureAvailableNumber()];
    await buyNumbers(owner, { numberIds: [a.id, b.id] });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 2, count: 2 });

    // Raw writes: a number created held, one created available (not held), one reserved.
    const raw = await fixtureAvailableNumber();
    await db.phoneNumber.update({ where: { id: raw.id }, data: { status: "active", accountId: acct.id } });
    const reserved = await fixtureAvailableNumber();
    await db.phoneNumber.update({ where: { id: reserved.id }, data: { status: "reserved", accountId: acct.id } });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 3, count: 3 });

    // Blocked is still held; an update of neither column changes nothing.
    await db.phoneNumber.update({ where: { id: raw.id }, data: { status: "blocked", blockedReason: "unpaid" } });
    await db.phoneNumber.update({ where: { id: a.id }, data: { label: "front desk" } });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 3, count: 3 });

    // A move to another account.
    await db.phoneNumber.update({ where: { id: raw.id }, data: { accountId: other.id } });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 2, count: 2 });
    expect(await counterAndCount(other.id)).toEqual({ counter: 1, count: 1 });

    // The readers: the unfiltered list's total and the dashboard; a filter still counts rows.
    expect((await listAccountNumbers(owner)).total).toBe(2);
    expect((await listAccountNumbers(owner, { statuses: ["blocked", "active"] })).total).toBe(2);
    expect((await listAccountNumbers(owner, { statuses: ["blocked"] })).total).toBe(0);
    expect((await listAccountNumbers(owner, { digits: a.number.slice(-7) })).total).toBe(1);
    const numberStep = async () => (await getChecklist(owner)).find((step) => step.id === "number")?.done;
    expect(await numberStep()).toBe(true);

    // The domain's release, then a raw delete.
    await deactivateNumbers(owner, { numberIds: [a.id] });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 1, count: 1 });
    await db.phoneNumber.delete({ where: { id: b.id } });
    expect(await counterAndCount(acct.id)).toEqual({ counter: 0, count: 0 });
    expect(await numberStep()).toBe(false);
  });

  it("stays exact when numbers are bought in parallel", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id, 1_000_00);
    const numbers = await Promise.all(Array.from({ length: 8 }, () => fixtureAvailableNumber()));
    await Promise.all(numbers.map((n) => buyNumbers(owner, { numberIds: [n.id] })));
    expect(await counterAndCount(acct.id)).toEqual({ counter: 8, count: 8 });
  });
});
