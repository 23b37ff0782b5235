// Phone numbers: every mutation against the matrix for all 12 principals (allowed ones succeed,
// the rest get FORBIDDEN with nothing written), tenant isolation of every id, and the money
// rules (a purchase the balance cannot cover writes nothing; 20 parallel purchases against a
// balance that covers 5 buy exactly 5; renewal charges once per period, blocks unpaid numbers
// and releases them after the grace period). Threats: buying without paying, double charges,
// reaching another account's numbers.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { addMonth } from "@/lib/core/day-range";
import { allRegions, countryByCode } from "./catalogue";
import {
  addBlacklistEntry,
  attachNumbers,
  buyNumbers,
  deactivateNumbers,
  deleteBlacklistEntry,
  releaseReservation,
  reserveNumbers,
  restoreBlockedNumber,
  runRenewals,
  updateBlacklistEntry,
  updateNumberSettings,
} from "./mutations";
import { blacklistedBy, listAccountNumbers, searchAvailableNumbers } from "./queries";
import { BLOCKED_GRACE_DAYS } from "./schemas";

const DAY = 24 * 60 * 60 * 1000;
const US_NY = allRegions().find((r) => r.country.code === "US" && r.region.name.startsWith("New York"))!;
const DE = countryByCode("DE")!;
const PRICE = US_NY.region.setupPriceMinor + US_NY.region.monthlyPriceMinor;

async function topUp(accountId: number, amountMinor: number) {
  await db.$transaction((tx) => postLedgerEntry(tx, { accountId, amountMinor, kind: "topup", memo: "test" }, () => new Date()));
}
const balance = async (accountId: number) => (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;

let serial = 0;
/**
 * Fresh available numbers of a region, made for one test (the tests share one database, and the
 * catalogue's own numbers are left to the catalogue's tests): the region's prices, unique numbers.
 */
async function freeNumbers(n: number, regionId = US_NY.region.id) {
  const { country, region } = allRegions().find((r) => r.region.id === regionId)!;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const number = `+${country.dialCode}9${String(process.pid % 1000).padStart(3, "0")}${String(++serial).padStart(6, "0")}`;
    rows.push(
      await db.phoneNumber.create({
        data: { number, countryCode: country.code, regionId, category: region.category, smsSupported: region.smsSupported, setupPriceMinor: region.setupPriceMinor, monthlyPriceMinor: region.monthlyPriceMinor },
        select: { id: true, number: true },
      }),
    );
  }
  return rows;
}

/** A number already held by the account, for the mutations that act on held numbers. */
async function ownNumber(accountId: number) {
  const [n] = await freeNumbers(1);
  await db.phoneNumber.update({ where: { id: n!.id }, data: { status: "active", accountId, purchasedAt: new Date(), nextRenewalAt: addMonth(new Date()) } });
  return n!;
}

async function snapshot(accountId: number) {
  const [numbers, ledger, audits, blacklist] = await Promise.all([
    db.phoneNumber.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { accountId } }),
    db.pstnBlacklistEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  ]);
  return { numbers, ledger, audits, blacklist };
}

type Case = { name: string; sections: SectionId[]; run: (actor: Actor, accountId: number) => Promise<unknown> };

const CASES: Case[] = [
  { name: "buyNumbers", sections: ["numbers.purchase"], run: async (a) => buyNumbers(a, { numberIds: [(await freeNumbers(1))[0]!.id] }) },
  { name: "reserveNumbers", sections: ["numbers.reserved"], run: async (a) => reserveNumbers(a, { numberIds: [(await freeNumbers(1))[0]!.id] }) },
  {
    name: "attachNumbers",
    sections: ["numbers.attach"],
    run: async (a, accountId) => {
      const app = await db.application.create({ data: { accountId, name: `app-${Math.random().toString(36).slice(2, 9)}` } });
      return attachNumbers(a, { numberIds: [(await ownNumber(accountId)).id], applicationId: app.id });
    },
  },
  { name: "attachNumbers (bulk)", sections: ["numbers.attach", "numbers.all_actions"], run: async (a, accountId) => attachNumbers(a, { numberIds: [(await ownNumber(accountId)).id, (await ownNumber(accountId)).id], applicationId: null }) },
  { name: "deactivateNumbers", sections: ["numbers.deactivate"], run: async (a, accountId) => deactivateNumbers(a, { numberIds: [(await ownNumber(accountId)).id] }) },
  { name: "updateNumberSettings", sections: ["numbers.parameters"], run: async (a, accountId) => updateNumberSettings(a, { numberIds: [(await ownNumber(accountId)).id], label: "front desk" }) },
  { name: "addBlacklistEntry", sections: ["numbers.blocked"], run: (a) => addBlacklistEntry(a, { phone: `+1900${Math.floor(Math.random() * 1e7)}`, reason: "spam" }) },
];

describe("phone number mutations: the matrix, for every principal", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await topUp(acct.id, 1000_00);
  });

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = c.sections.every((s) => can({ roles: [role] }, s));
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const actor = await acct.actor(role);
        if (allowed) {
          const before = await snapshot(acct.id);
          await c.run(actor, acct.id);
          expect((await snapshot(acct.id)).audits).toBeGreaterThan(before.audits);
        } else {
          // The cases' own setup (a held number, an application) writes no ledger entry and no
          // audit row; the refused mutation must write neither either.
          const count = async () => [await db.ledgerEntry.count({ where: { accountId: acct.id } }), await db.auditLog.count({ where: { accountId: acct.id } })];
          const before = await count();
          await expect(c.run(actor, acct.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await count()).toEqual(before);
        }
      });
    }
  }
});

describe("buying numbers", () => {
  it("charges setup and first month per number, one ledger entry each, and starts the rent period", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, 100_00);
    const owner = await acct.actor("MainAccount");
    const picked = await freeNumbers(2);
    const now = new Date(Date.UTC(2026, 0, 31, 12));
    const bought = await buyNumbers(owner, { numberIds: picked.map((p) => p.id) }, () => now);
    expect(bought.map((b) => b.status)).toEqual(["active", "active"]);
    expect(bought[0]!.nextRenewalAt?.toISOString()).toBe("2026-02-28T12:00:00.000Z");
    const entries = await db.ledgerEntry.findMany({ where: { accountId: acct.id, kind: "number_purchase" } });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.amountMinor === -PRICE && e.referenceType === "phone_number")).toBe(true);
    expect(await balance(acct.id)).toBe(100_00 - 2 * PRICE);
  });

  it("a purchase the balance cannot cover is refused with a clear error and writes nothing (all or nothing)", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, PRICE + PRICE - 1);
    const owner = await acct.actor("MainAccount");
    const picked = await freeNumbers(2);
    const before = await snapshot(acct.id);
    await expect(buyNumbers(owner, { numberIds: picked.map((p) => p.id) })).rejects.toMatchObject({ code: "CONFLICT", reason: "insufficient_funds" });
    expect(await snapshot(acct.id)).toEqual(before);
    const still = await db.phoneNumber.findMany({ where: { id: { in: picked.map((p) => p.id) } }, select: { status: true, accountId: true } });
    expect(still).toEqual([{ status: "available", accountId: null }, { status: "available", accountId: null }]);
  });

  it("20 parallel purchases against a balance that covers 5 buy exactly 5", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, 5 * PRICE);
    const owner = await acct.actor("MainAccount");
    const picked = await freeNumbers(20);
    const results = await Promise.allSettled(picked.map((p) => buyNumbers(owner, { numberIds: [p.id] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ reason: "insufficient_funds" });
    expect(await db.phoneNumber.count({ where: { accountId: acct.id, status: "active" } })).toBe(5);
    expect(await balance(acct.id)).toBe(0);
  });

  it("a number another account bought is unavailable; its id reads as nothing of mine", async () => {
    const [a, b] = [await createTestAccount(), await createTestAccount()];
    await topUp(a.id, 100_00);
    await topUp(b.id, 100_00);
    const [n] = await freeNumbers(1);
    await buyNumbers(await a.actor("MainAccount"), { numberIds: [n!.id] });
    const bOwner = await b.actor("MainAccount");
    await expect(buyNumbers(bOwner, { numberIds: [n!.id] })).rejects.toMatchObject({ reason: "phone_number_unavailable" });
    for (const run of [
      () => attachNumbers(bOwner, { numberIds: [n!.id], applicationId: null }),
      () => deactivateNumbers(bOwner, { numberIds: [n!.id] }),
      () => updateNumberSettings(bOwner, { numberIds: [n!.id], label: "x" }),
      () => restoreBlockedNumber(bOwner, { numberId: n!.id }),
    ]) {
      await expect(run()).rejects.toMatchObject({ code: "NOT_FOUND", reason: "phone_number_not_found" });
    }
    expect((await listAccountNumbers(bOwner, { ids: [n!.id] })).total).toBe(0);
  });

  it("numbers of a country that requires verification are sold only to verified accounts", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, 1000_00);
    const owner = await acct.actor("MainAccount");
    const region = DE.regions[0]!;
    const [n] = await freeNumbers(1, region.id);
    await expect(buyNumbers(owner, { numberIds: [n!.id] })).rejects.toMatchObject({ reason: "verification_required" });
    await db.accountVerification.create({ data: { accountId: acct.id, status: "verified" } });
    await expect(buyNumbers(owner, { numberIds: [n!.id] })).resolves.toHaveLength(1);
  });

  it("the buy page lists available numbers by country, region, category and a digit pattern", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const all = await searchAvailableNumbers(owner, { countryCode: "US", regionId: US_NY.region.id, count: 1000 });
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((i) => i.regionId === US_NY.region.id && i.countryCode === "US")).toBe(true);
    const digits = all.items[0]!.number.slice(-3);
    const some = await searchAvailableNumbers(owner, { countryCode: "us", digits: digits, count: 1000 });
    expect(some.items.length).toBeGreaterThan(0);
    expect(some.items.every((i) => i.number.includes(digits))).toBe(true);
    const tollFree = await searchAvailableNumbers(owner, { countryCode: "US", category: "TOLLFREE" });
    expect(tollFree.items.every((i) => i.category === "TOLLFREE")).toBe(true);
  });
});

describe("reservations", () => {
  it("hold a number for the account: others cannot buy it, the holder can, and letting it go frees it", async () => {
    const [a, b] = [await createTestAccount(), await createTestAccount()];
    await topUp(a.id, 100_00);
    await topUp(b.id, 100_00);
    const manager = await a.actor("PhoneNumberManager");
    const [n, m] = await freeNumbers(2);
    await reserveNumbers(manager, { numberIds: [n!.id, m!.id] });
    await expect(buyNumbers(await b.actor("MainAccount"), { numberIds: [n!.id] })).rejects.toMatchObject({ reason: "phone_number_unavailable" });
    await expect(buyNumbers(manager, { numberIds: [n!.id] })).resolves.toHaveLength(1);
    await releaseReservation(manager, { numberId: m!.id });
    expect(await db.phoneNumber.findUnique({ where: { id: m!.id }, select: { status: true, accountId: true } })).toEqual({ status: "available", accountId: null });
  });
});

describe("renewal (the billing day)", () => {
  async function held(accountId: number, renewAt: Date) {
    const n = await ownNumber(accountId);
    await db.phoneNumber.update({ where: { id: n.id }, data: { nextRenewalAt: renewAt } });
    return n;
  }

  it("charges each due number's rent once per period, however often it runs", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, 10_00);
    const due = new Date(Date.UTC(2026, 5, 15));
    const n = await held(acct.id, due);
    const clock = () => new Date(due.getTime() + 1000);
    const first = await runRenewals(clock, { accountId: acct.id });
    expect(first).toMatchObject({ renewed: 1, blocked: 0, chargedMinor: US_NY.region.monthlyPriceMinor });
    const again = await runRenewals(clock, { accountId: acct.id });
    expect(again).toMatchObject({ renewed: 0, chargedMinor: 0 });
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "number_rent" } })).toBe(1);
    expect((await db.phoneNumber.findUnique({ where: { id: n.id } }))?.nextRenewalAt?.toISOString()).toBe("2026-07-15T00:00:00.000Z");
  });

  it("blocks a number whose rent cannot be paid, restores it when paid, and releases it after the grace period", async () => {
    const acct = await createTestAccount();
    const due = new Date(Date.UTC(2026, 5, 15));
    const n = await held(acct.id, due);
    const r = await runRenewals(() => due, { accountId: acct.id });
    expect(r).toMatchObject({ blocked: 1 });
    const row = await db.phoneNumber.findUnique({ where: { id: n.id } });
    expect(row).toMatchObject({ status: "blocked", blockedReason: "unpaid" });
    expect(row?.releaseAt?.getTime()).toBe(due.getTime() + BLOCKED_GRACE_DAYS * DAY);
    expect(await db.notification.count({ where: { accountId: acct.id, kind: "number_blocked" } })).toBe(1);

    const owner = await acct.actor("MainAccount");
    await expect(restoreBlockedNumber(owner, { numberId: n.id })).rejects.toMatchObject({ reason: "insufficient_funds" });
    await topUp(acct.id, 10_00);
    const restored = await restoreBlockedNumber(owner, { numberId: n.id });
    expect(restored.status).toBe("active");

    const other = await held(acct.id, due);
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: -(await balance(acct.id)), kind: "adjustment", memo: "empty it" } });
    await runRenewals(() => due, { accountId: acct.id });
    const afterGrace = new Date(due.getTime() + (BLOCKED_GRACE_DAYS + 1) * DAY);
    const released = await runRenewals(() => afterGrace, { accountId: acct.id });
    expect(released.released).toBeGreaterThanOrEqual(1);
    expect(await db.phoneNumber.findUnique({ where: { id: other.id }, select: { status: true, accountId: true } })).toEqual({ status: "available", accountId: null });
  });

  it("releases a number without auto-renew at its renewal date, charging nothing", async () => {
    const acct = await createTestAccount();
    await topUp(acct.id, 10_00);
    const due = new Date(Date.UTC(2026, 5, 15));
    const n = await held(acct.id, due);
    await db.phoneNumber.update({ where: { id: n.id }, data: { autoRenew: false } });
    expect(await runRenewals(() => due, { accountId: acct.id })).toMatchObject({ released: 1, chargedMinor: 0 });
    expect(await balance(acct.id)).toBe(10_00);
  });
});

describe("the PSTN blacklist", () => {
  it("refuses callers by number or prefix, per account; entries are unique and tenant-scoped", async () => {
    const [a, b] = [await createTestAccount(), await createTestAccount()];
    const owner = await a.actor("MainAccount");
    const exact = await addBlacklistEntry(owner, { phone: "+1 415 555 0100", reason: "robocaller" });
    expect(exact.phone).toBe("+14155550100");
    await addBlacklistEntry(owner, { phone: "+1900", isPrefix: true });
    expect((await blacklistedBy(a.id, "+14155550100"))?.id).toBe(exact.id);
    expect(await blacklistedBy(a.id, "+19005550123")).not.toBeNull();
    expect(await blacklistedBy(a.id, "+14155550101")).toBeNull();
    expect(await blacklistedBy(b.id, "+14155550100")).toBeNull();
    await expect(addBlacklistEntry(owner, { phone: "+14155550100" })).rejects.toMatchObject({ code: "CONFLICT", field: "phone" });
    await expect(addBlacklistEntry(owner, { phone: "not a number" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "phone" });
    const bOwner = await b.actor("MainAccount");
    await expect(updateBlacklistEntry(bOwner, { entryId: exact.id, reason: "mine now" })).rejects.toMatchObject({ code: "NOT_FOUND", reason: "blacklist_entry_not_found" });
    await expect(deleteBlacklistEntry(bOwner, { entryId: exact.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteBlacklistEntry(owner, { entryId: exact.id });
    expect(await blacklistedBy(a.id, "+14155550100")).toBeNull();
  });
});
