// The panel's reads of phone numbers: each asks its own section for every principal, and none
// reaches another account's numbers or applications. Threats: a principal reading through a
// page's helper query what its sections do not grant; another tenant's data through an id.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS } from "@/test/factories";
import { fixtureAvailableNumber, fixtureOwnNumber, fixtureTopUp } from "./api-fixtures";
import {
  accountNumberCountries,
  applicationsWithNumbers,
  attachableNumbers,
  attachTargets,
  countHeldNumbers,
  exportAccountNumbers,
  listAccountNumbers,
  listApplicationNumbers,
  numberMoneyContext,
} from "./queries";

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("the panel's phone number queries: the matrix, for every principal", () => {
  const cases: { name: string; section: SectionId; run: (a: Actor, appId: number) => Promise<unknown> }[] = [
    { name: "applicationsWithNumbers", section: "numbers.list", run: (a) => applicationsWithNumbers(a) },
    { name: "countHeldNumbers", section: "numbers.list", run: (a) => countHeldNumbers(a) },
    { name: "exportAccountNumbers", section: "numbers.list", run: (a) => collect(exportAccountNumbers(a)) },
    { name: "attachTargets", section: "numbers.attach", run: (a) => attachTargets(a) },
    { name: "attachableNumbers", section: "numbers.attach", run: (a) => attachableNumbers(a) },
    { name: "listApplicationNumbers", section: "application.phone_numbers", run: (a, appId) => listApplicationNumbers(a, { applicationId: appId }) },
    { name: "numberMoneyContext", section: "numbers.available", run: (a) => numberMoneyContext(a, "numbers.available") },
  ];
  for (const c of cases) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "answers" : "FORBIDDEN"}`, async () => {
        const acct = await createTestAccount();
        const app = await db.application.create({ data: { accountId: acct.id, name: "calls" } });
        const actor = await acct.actor(role);
        if (allowed) await expect(c.run(actor, app.id)).resolves.toBeDefined();
        else await expect(c.run(actor, app.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      });
    }
  }
});

describe("what the pages read", () => {
  it("the application filter names only applications holding the account's numbers; attach targets are all of its applications", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const owner = await acct.actor("MainAccount");
    const [sales, idle] = [
      await db.application.create({ data: { accountId: acct.id, name: "sales" } }),
      await db.application.create({ data: { accountId: acct.id, name: "idle" } }),
    ];
    await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    const n = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: n.id }, data: { applicationId: sales.id } });
    expect(await applicationsWithNumbers(owner)).toEqual([{ id: sales.id, name: "sales" }]);
    expect(await attachTargets(owner)).toEqual([
      { id: idle.id, name: "idle" },
      { id: sales.id, name: "sales" },
    ]);
  });

  it("an application's Numbers tab lists its numbers only, and another account's application is not found", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const support = await acct.actor("Support");
    const app = await db.application.create({ data: { accountId: acct.id, name: "desk" } });
    const theirs = await db.application.create({ data: { accountId: other.id, name: "desk" } });
    const [a, b] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    await db.phoneNumber.update({ where: { id: a.id }, data: { applicationId: app.id } });
    const page = await listApplicationNumbers(support, { applicationId: app.id });
    expect(page.items.map((i) => i.id)).toEqual([a.id]);
    expect(page.total).toBe(1);
    expect((await listApplicationNumbers(support, { applicationId: app.id, digits: a.number.slice(-6) })).total).toBe(1);
    expect((await listApplicationNumbers(support, { applicationId: app.id, digits: b.number.slice(-6) })).total).toBe(0);
    await expect(listApplicationNumbers(support, { applicationId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND", reason: "application_not_found" });
  });

  it("the attach picker offers the account's active unattached numbers, never another account's", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const admin = await acct.actor("Admin");
    const app = await db.application.create({ data: { accountId: acct.id, name: "desk" } });
    const [free, attached, blocked] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    await db.phoneNumber.update({ where: { id: attached.id }, data: { applicationId: app.id } });
    await db.phoneNumber.update({ where: { id: blocked.id }, data: { status: "blocked", blockedReason: "unpaid" } });
    await fixtureOwnNumber(other.id);
    const offered = await attachableNumbers(admin);
    expect(offered.items.map((i) => i.id)).toEqual([free.id]);
    expect((await attachableNumbers(admin, { digits: "+1 " + free.number.slice(2, 5) })).total).toBe(1);
    await expect(attachableNumbers(admin, { digits: "abc" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("the list and the export name each number's application and rule (none when unattached); unfiltered, the total is the held count", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const [desk, front] = [await db.application.create({ data: { accountId: acct.id, name: "desk" } }), await db.application.create({ data: { accountId: acct.id, name: "front" } })];
    const inbound = await db.rule.create({ data: { accountId: acct.id, applicationId: desk.id, name: "inbound", pattern: ".*", position: 1 } });
    const [a, b, c] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    await db.phoneNumber.update({ where: { id: a.id }, data: { applicationId: desk.id, ruleId: inbound.id } });
    await db.phoneNumber.update({ where: { id: b.id }, data: { applicationId: front.id } });
    const names = (items: { id: number; applicationName: string | null; ruleName: string | null }[]) =>
      Object.fromEntries(items.map((n) => [n.id, [n.applicationName, n.ruleName]]));
    const expected = { [a.id]: ["desk", "inbound"], [b.id]: ["front", null], [c.id]: [null, null] };
    const page = await listAccountNumbers(owner);
    expect(names(page.items)).toEqual(expected);
    expect(page.total).toBe(3);
    expect(names(await collect(exportAccountNumbers(owner)))).toEqual(expected);
    // Past the end of the list, the held count still answers the total.
    expect(await listAccountNumbers(owner, { offset: 3 })).toEqual({ items: [], total: 3 });
    expect((await listAccountNumbers(owner, { applicationId: desk.id })).items.map((n) => [n.id, n.applicationName, n.ruleName])).toEqual([[a.id, "desk", "inbound"]]);
  });

  it("the export streams every number matching the filter, past one batch, and nothing of another account", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const owner = await acct.actor("MainAccount");
    const base = (await fixtureAvailableNumber()) as { countryCode: string; regionId: number; category: string; smsSupported: boolean; setupPriceMinor: number; monthlyPriceMinor: number };
    const stamp = `${Date.now()}`.slice(-5);
    const data = Array.from({ length: 503 }, (_, i) => ({
      number: `+1999${stamp}${String(i).padStart(3, "0")}`,
      countryCode: base.countryCode,
      regionId: base.regionId,
      category: base.category,
      smsSupported: base.smsSupported,
      setupPriceMinor: base.setupPriceMinor,
      monthlyPriceMinor: base.monthlyPriceMinor,
      status: "active",
      accountId: acct.id,
      smsEnabled: i % 2 === 0,
    }));
    await db.phoneNumber.createMany({ data });
    await fixtureOwnNumber(other.id);
    const all = await collect(exportAccountNumbers(owner));
    expect(all).toHaveLength(503);
    expect(new Set(all.map((n) => n.id)).size).toBe(503);
    const sms = await collect(exportAccountNumbers(owner, { smsEnabled: true }));
    expect(sms).toHaveLength(252);
    expect((await listAccountNumbers(owner, { smsEnabled: true })).total).toBe(252);
  });

  it("the country filter lists the countries of the account's active and blocked numbers, A to Z, within applications when given", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const owner = await acct.actor("MainAccount");
    const app = await db.application.create({ data: { accountId: acct.id, name: "desk" } });
    const [gb, de, fr, se] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id), await fixtureOwnNumber(other.id)];
    await db.phoneNumber.update({ where: { id: gb.id }, data: { countryCode: "GB", applicationId: app.id } });
    await db.phoneNumber.update({ where: { id: de.id }, data: { countryCode: "DE", status: "blocked", blockedReason: "unpaid" } });
    await db.phoneNumber.update({ where: { id: fr.id }, data: { countryCode: "FR", status: "reserved" } });
    await db.phoneNumber.update({ where: { id: se.id }, data: { countryCode: "SE" } });
    expect(await accountNumberCountries(owner)).toEqual(["DE", "GB"]);
    expect(await accountNumberCountries(owner, [app.id])).toEqual(["GB"]);
    expect(await accountNumberCountries(await other.actor("MainAccount"))).toEqual(["SE"]);
  });

  it("the money context shows the balance and credit limit to Billing holders only", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 12_34);
    const withBilling = await numberMoneyContext(await acct.actor("Admin"), "numbers.available");
    expect(withBilling).toEqual({ currency: "USD", verified: false, funds: { balanceMinor: 12_34, creditLimitMinor: 0 } });
    const without = await numberMoneyContext(await acct.actor("PhoneNumberManager"), "numbers.available");
    expect(without).toEqual({ currency: "USD", verified: false, funds: null });
    await db.accountVerification.create({ data: { accountId: acct.id, status: "verified" } });
    expect((await numberMoneyContext(await acct.actor("MainAccount"), "numbers.available")).verified).toBe(true);
  });
});
