import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, type TestAccount } from "@/test/factories";
import { insertKey } from "@/test/api-kit";
import { CHECKLIST } from "./checklist";
import { getChecklist, getDashboard, getDashboardOverview } from "./queries";

async function addApplication(accountId: number, name: string, users: number) {
  const app = await db.application.create({ data: { accountId, name } });
  for (let i = 0; i < users; i++) {
    await db.appUser.create({ data: { accountId, applicationId: app.id, name: `u${i}`, displayName: `User ${i}`, passwordHash: TEST_PASSWORD_HASH } });
  }
}

describe("getDashboardOverview", () => {
  let mine: TestAccount;
  let other: TestAccount;
  let owner: Actor;

  beforeAll(async () => {
    mine = await createTestAccount();
    other = await createTestAccount();
    owner = await mine.actor("MainAccount");
    await addApplication(mine.id, "sales", 3);
    await addApplication(mine.id, "support", 2);
    await db.subuser.create({ data: { accountId: mine.id, name: "first-sub", passwordHash: TEST_PASSWORD_HASH } });
    await db.ledgerEntry.createMany({
      data: [
        { accountId: mine.id, amountMinor: 50_00, kind: "credit" },
        { accountId: mine.id, amountMinor: -1_25, kind: "charge" },
      ],
    });
    // The other account is bigger in every way, so any leak would show.
    await addApplication(other.id, "sales", 4);
    await addApplication(other.id, "other", 1);
    await addApplication(other.id, "third", 0);
    await db.subuser.createMany({
      data: ["x-sub-one", "x-sub-two"].map((name) => ({ accountId: other.id, name, passwordHash: TEST_PASSWORD_HASH })),
    });
    await db.ledgerEntry.create({ data: { accountId: other.id, amountMinor: 1_000_00, kind: "credit" } });
    await insertKey(other.id, ["Owner"]);
  });

  it("counts the actor's own account only, with the balance as the ledger sum", async () => {
    expect(await getDashboardOverview(owner)).toEqual({ applications: 2, appUsers: 5, subusers: 1, serviceAccounts: 0, balanceMinor: 48_75 });
    expect(await getDashboardOverview(await other.actor("MainAccount"))).toEqual({
      applications: 3, appUsers: 5, subusers: 2, serviceAccounts: 1, balanceMinor: 1_000_00,
    });
  });

  // Threat: information exposure through shared chrome (docs/SECURITY.md "What shared chrome may
  // show"). The dashboard is open to every principal; it must not show the balance to one without
  // Billing, nor counts of sections it cannot open.
  it("is open to every principal holding the control panel, shows each figure only with its section, and refuses keys", async () => {
    const sectionOf = { applications: "applications", appUsers: "application.users", subusers: "subusers", serviceAccounts: "service_accounts", balanceMinor: "billing" } as const;
    for (const role of PRINCIPALS) {
      const actor = await mine.actor(role);
      if (can(actor, "control_panel")) {
        const o = await getDashboardOverview(actor);
        const expected = Object.entries(sectionOf).filter(([, s]) => can(actor, s)).map(([k]) => k).sort();
        expect(Object.keys(o).sort(), role).toEqual(expected);
        if (can(actor, "applications")) expect(o.applications, role).toBe(2);
        if (can(actor, "billing")) expect(o.balanceMinor, role).toBe(48_75);
        else expect(o.balanceMinor, role).toBeUndefined();
      } else {
        await expect(getDashboardOverview(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    await expect(getDashboardOverview({ ...owner, kind: "key", keyId: "k", roles: ["Owner"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("narrows with a role preview like any principal holding those roles", async () => {
    const o = await getDashboardOverview({ ...owner, preview: { roles: ["Payer"] } });
    expect(o).toEqual({ balanceMinor: 48_75 });
  });
});

describe("getting-started checklist", () => {
  it("shows a new account's owner every step, none done, and ticks each as the account's real state changes", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const done = async () => Object.fromEntries((await getChecklist(owner)).map((s) => [s.id, s.done]));
    expect(await done()).toEqual({ application: false, user: false, subuser: false, "service-account": false, number: false, "test-call": false });
    const app = await db.application.create({ data: { accountId: acct.id, name: "first" } });
    expect(await done()).toMatchObject({ application: true, user: false });
    await db.appUser.create({ data: { accountId: acct.id, applicationId: app.id, name: "u1", displayName: "U", passwordHash: TEST_PASSWORD_HASH } });
    await db.subuser.create({ data: { accountId: acct.id, name: "first-sub", passwordHash: TEST_PASSWORD_HASH } });
    await insertKey(acct.id, []);
    expect(await done()).toEqual({ application: true, user: true, subuser: true, "service-account": true, number: false, "test-call": false });
    // A reservation is not a purchase; a bought number is.
    const number = (n: string) => ({ number: n, countryCode: "US", regionId: 1, category: "GEOGRAPHIC", smsSupported: true, setupPriceMinor: 100, monthlyPriceMinor: 100, accountId: acct.id });
    await db.phoneNumber.create({ data: { ...number(`+1998${Date.now() % 10_000_000}`.padEnd(12, "0")), status: "reserved", reservedUntil: new Date(Date.now() + 86_400_000) } });
    expect(await done()).toMatchObject({ number: false });
    await db.phoneNumber.create({ data: { ...number(`+1997${Date.now() % 10_000_000}`.padEnd(12, "0")), status: "active", purchasedAt: new Date() } });
    expect(await done()).toMatchObject({ number: true, "test-call": false });
    const now = new Date();
    await db.callSession.create({
      data: { accountId: acct.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "", toNumber: "+12125550199", status: "completed", startedAt: now, plannedEndAt: now },
    });
    expect(await done()).toEqual({ application: true, user: true, subuser: true, "service-account": true, number: true, "test-call": true });
  });

  it("shows each principal only the steps of sections it holds", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "control_panel")) continue;
      const ids = (await getChecklist(actor)).map((s) => s.id);
      expect(ids, role).toEqual(CHECKLIST.filter((c) => can(actor, c.section) && (!c.alsoAnyOf || c.alsoAnyOf.some((x) => can(actor, x)))).map((c) => c.id));
      // "Make a test call" needs the call history and a way to place one (scenarios or rules).
      expect(ids.includes("test-call"), role).toBe(can(actor, "calls") && (can(actor, "application.scenarios") || can(actor, "application.rules")));
    }
    // The seed's Supervisor hears calls but places none: no step it cannot take.
    expect(can(await acct.actor("Supervisor"), "calls")).toBe(true);
    expect((await getChecklist(await acct.actor("Supervisor"))).map((s) => s.id)).not.toContain("test-call");
  });

  it("a subuser's service-account step counts only the keys it reaches", async () => {
    const acct = await createTestAccount();
    await insertKey(acct.id, ["Owner"]);
    const dev = await acct.actor("Developer");
    expect((await getChecklist(dev)).find((s) => s.id === "service-account")?.done).toBe(false);
    expect((await getChecklist(await acct.actor("MainAccount"))).find((s) => s.id === "service-account")?.done).toBe(true);
  });
});

describe("getDashboard", () => {
  it("is the overview and the checklist of the same viewer, for every principal", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "control_panel")) {
        await expect(getDashboard(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
        continue;
      }
      expect(await getDashboard(actor), role).toEqual({ overview: await getDashboardOverview(actor), steps: await getChecklist(actor) });
    }
  });
});
