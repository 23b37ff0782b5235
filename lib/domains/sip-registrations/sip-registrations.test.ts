// SIP registrations: the domain both panel pages and the Management API share. Threats: a
// registration created without its first month paid (or paid without being created); a
// principal without the page (or without the application page, for binding) changing one;
// another account's registration, application, rule or user reached by id; a user holding two
// registrations; a renewal charged twice; the password read back.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import { changeRowCount, createTestAccount, PRINCIPALS } from "@/test/factories";
import { fixtureApp } from "../applications/api-fixtures";
import { fixtureTopUp } from "../phone-numbers/api-fixtures";
import { fixtureAppUser } from "../calls/call-fixtures";
import { fixtureRule } from "../scenarios/api-fixtures";
import { runBillingDay, runRenewals } from "../phone-numbers/mutations";
import { MAX_SIP_REGISTRATIONS, SIP_REGISTRATION_MONTHLY_PRICE_MINOR, sipRegistrationState } from "./client-safe";
import { fixtureSipRegistration, sipUser } from "./api-fixtures";
import { bindSipRegistration, createSipRegistration, deleteSipRegistration, renewSipRegistrations, restoreSipRegistration, updateSipRegistration } from "./mutations";
import { listSipRegistrations } from "./queries";
import { register } from "./registrar";

const T0 = new Date("2030-01-15T10:00:00Z");
const at = (iso: string) => () => new Date(iso);
const ledger = (accountId: number) => db.ledgerEntry.findMany({ where: { accountId, kind: "sip_registration" }, orderBy: { id: "asc" }, select: { amountMinor: true, memo: true, referenceId: true } });
const rows = (accountId: number) => db.sipRegistration.findMany({ where: { accountId }, orderBy: { id: "asc" } });

async function funded() {
  const acct = await createTestAccount();
  await fixtureTopUp(acct.id, 10_00);
  return { acct, owner: await acct.actor("MainAccount") };
}

describe("the simulated registrar", () => {
  it("registers, times out on an .invalid host, is challenged without a password, and waits for a non-persistent one's user", () => {
    expect(register({ proxy: "pbx.example.com", outboundProxy: "", password: "p", isPersistent: true })).toEqual({ successful: true, statusCode: 200, errorMessage: "" });
    expect(register({ proxy: "pbx.nowhere.invalid:5060", outboundProxy: "", password: "p", isPersistent: true })).toMatchObject({ successful: false, statusCode: 408 });
    expect(register({ proxy: "pbx.example.com", outboundProxy: "sbc.invalid", password: "p", isPersistent: true })).toMatchObject({ statusCode: 408, errorMessage: "Request Timeout: no answer from sbc.invalid" });
    expect(register({ proxy: "pbx.example.com", outboundProxy: "", password: "", isPersistent: true })).toMatchObject({ successful: false, statusCode: 401 });
    expect(register({ proxy: "pbx.example.com", outboundProxy: "", password: "p", isPersistent: false })).toMatchObject({ successful: false, statusCode: null });
    expect(sipRegistrationState({ deactivated: false, successful: false, isPersistent: false, statusCode: null })).toBe("waiting");
    expect(sipRegistrationState({ deactivated: true, successful: true, isPersistent: true, statusCode: 200 })).toBe("deactivated");
  });
});

describe("SIP registrations", () => {
  it("create registers, charges the first month in the same transaction and audits, never returning the password", async () => {
    const { acct, owner } = await funded();
    const r = await createSipRegistration(owner, { sipUsername: "1001", proxy: " SIP:PBX.Example.com:5080 ", password: "s3cret", authUser: "auth1001" }, at("2030-01-15T10:00:00Z"));
    expect(r).toMatchObject({ sipUsername: "1001", proxy: "pbx.example.com:5080", authUser: "auth1001", successful: true, statusCode: 200, deactivated: false, monthlyPriceMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR, applicationId: null });
    expect(r.nextRenewalAt.toISOString()).toBe("2030-02-15T10:00:00.000Z");
    expect(r).not.toHaveProperty("password");
    expect(await ledger(acct.id)).toEqual([{ amountMinor: -SIP_REGISTRATION_MONTHLY_PRICE_MINOR, memo: "SIP registration 1001@pbx.example.com:5080: the month from 2030-01-15", referenceId: String(r.id) }]);
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "sip_registration.create" } });
    expect(JSON.parse(row.detail)).toEqual({ registration: "1001@pbx.example.com:5080", persistent: true, status: 200, chargedMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR });
    expect(row.detail).not.toContain("s3cret");

    const failed = await createSipRegistration(owner, { sipUsername: "1002", proxy: "pbx.example.com" });
    expect(failed).toMatchObject({ successful: false, statusCode: 401, errorMessage: "Unauthorized: the registrar asks for a password" });
  });

  it("writes nothing when the balance cannot pay the first month", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await expect(createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" })).rejects.toMatchObject({ code: "CONFLICT", reason: "insufficient_funds" });
    expect(await rows(acct.id)).toEqual([]);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(0);
    expect(await changeRowCount(acct.id)).toBe(0);
  });

  it("refuses bad input with a field error naming it, writing nothing", async () => {
    const { acct, owner } = await funded();
    const base = { sipUsername: "1001", proxy: "pbx.example.com", password: "p" };
    const cases: [Record<string, unknown>, string][] = [
      [{ sipUsername: "" }, "sipUsername"],
      [{ sipUsername: "a@b" }, "sipUsername"],
      [{ sipUsername: "x".repeat(65) }, "sipUsername"],
      [{ proxy: "" }, "proxy"],
      [{ proxy: "pbx..example.com" }, "proxy"],
      [{ proxy: "pbx.example.com:70000" }, "proxy"],
      [{ proxy: "-pbx.example.com" }, "proxy"],
      [{ proxy: "999.1.1.1" }, "proxy"],
      [{ outboundProxy: "sbc example" }, "outboundProxy"],
      [{ authUser: "a b" }, "authUser"],
      [{ password: "a\u0007b" }, "password"],
      [{ password: "x".repeat(129) }, "password"],
      [{ isPersistent: false }, "userId"],
      [{ ruleId: 5 }, "applicationId"],
    ];
    for (const [patch, field] of cases) {
      await expect(createSipRegistration(owner, { ...base, ...patch } as never), JSON.stringify(patch)).rejects.toMatchObject({ field });
    }
    expect(await rows(acct.id)).toEqual([]);
    expect(await ledger(acct.id)).toEqual([]);
    expect(await changeRowCount(acct.id)).toBe(0);
  });

  it("one registration per user and proxy, at most MAX_SIP_REGISTRATIONS per account", async () => {
    const { acct, owner } = await funded();
    await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" });
    await expect(createSipRegistration(owner, { sipUsername: "1001", proxy: "PBX.example.com", password: "p" })).rejects.toMatchObject({ code: "CONFLICT", reason: "sip_registration_taken", field: "sipUsername" });
    // Another proxy, or another account, may hold the same user name.
    await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com:5080", password: "p" });
    const other = await funded();
    await createSipRegistration(other.owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" });

    await db.sipRegistration.createMany({ data: Array.from({ length: MAX_SIP_REGISTRATIONS - 2 }, (_, i) => ({ accountId: acct.id, sipUsername: `bulk${i}`, proxy: "pbx.example.com", monthlyPriceMinor: 100, nextRenewalAt: T0 })) });
    await expect(createSipRegistration(owner, { sipUsername: "1003", proxy: "pbx.example.com", password: "p" })).rejects.toMatchObject({ reason: "sip_registration_limit" });
    expect(await ledger(acct.id)).toHaveLength(2);
  });

  it("binds to an application's rule or user (a user holds one registration), unbinds one or all of an application's, within the account", async () => {
    const { acct, owner } = await funded();
    const app = await fixtureApp(acct.id);
    const rule = await fixtureRule(acct.id, app.id, [], "inbound");
    const alice = await fixtureAppUser(acct.id, app.id, { name: "alice" });
    const a = await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p", applicationId: app.id, ruleName: "inbound" });
    expect(a).toMatchObject({ applicationId: app.id, applicationName: app.name, ruleId: rule.id, ruleName: "inbound", appUserId: null });
    const b = await createSipRegistration(owner, { sipUsername: "1002", proxy: "pbx.example.com", password: "p", isPersistent: false, applicationName: app.name, userName: "Alice" });
    expect(b).toMatchObject({ appUserId: alice.id, appUserName: "alice", successful: false, statusCode: null });
    // Binding alice to a moves her off b.
    expect(await bindSipRegistration(owner, { sipRegistrationId: a.id, applicationId: app.id, userId: alice.id })).toBe(1);
    const [ra, rb] = await rows(acct.id);
    expect([ra!.appUserId, ra!.ruleId, rb!.appUserId, rb!.applicationId]).toEqual([alice.id, null, null, null]);
    // Logs say so: b's unbinding has its own row, naming a.
    const moved = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "sip_registration.unbind" } });
    expect(moved).toMatchObject({ targetId: String(b.id) });
    expect(JSON.parse(moved.detail)).toEqual({ registrations: ["1002@pbx.example.com"], application: app.name, user: "alice", replacedBy: "1001@pbx.example.com" });
    // A non-persistent registration is only ever bound to a user.
    await expect(bindSipRegistration(owner, { sipRegistrationId: b.id, applicationId: app.id, ruleId: rule.id })).rejects.toMatchObject({ field: "userId" });
    await expect(bindSipRegistration(owner, { sipRegistrationId: a.id, applicationId: app.id, ruleId: rule.id, userId: alice.id })).rejects.toMatchObject({ reason: "exclusive_parameters" });

    // Another account's application, rule, user and registration read as missing.
    const other = await funded();
    const theirApp = await fixtureApp(other.acct.id);
    const theirRule = await fixtureRule(other.acct.id, theirApp.id, [], "theirs");
    const theirs = await fixtureSipRegistration(other.acct.id);
    await expect(bindSipRegistration(owner, { sipRegistrationId: a.id, applicationId: theirApp.id })).rejects.toMatchObject({ reason: "application_not_found" });
    await expect(bindSipRegistration(owner, { sipRegistrationId: a.id, applicationId: app.id, ruleId: theirRule.id })).rejects.toMatchObject({ reason: "rule_not_found" });
    await expect(bindSipRegistration(owner, { sipRegistrationId: theirs.id, applicationId: app.id })).rejects.toMatchObject({ reason: "sip_registration_not_found" });
    await expect(updateSipRegistration(owner, { sipRegistrationId: theirs.id, password: "x" })).rejects.toMatchObject({ reason: "sip_registration_not_found" });
    await expect(deleteSipRegistration(owner, { sipRegistrationId: theirs.id })).rejects.toMatchObject({ reason: "sip_registration_not_found" });

    await bindSipRegistration(owner, { sipRegistrationId: b.id, applicationId: app.id, userId: alice.id });
    expect(await bindSipRegistration(owner, { bind: false, applicationId: app.id })).toBe(1);
    expect((await rows(acct.id)).map((r) => r.applicationId)).toEqual([null, null]);
    expect(await bindSipRegistration(owner, { bind: false, applicationId: app.id })).toBe(0);
    expect((await db.sipRegistration.findUniqueOrThrow({ where: { id: theirs.id } })).accountId).toBe(other.acct.id);
  });

  it("update changes the fields given and registers again; the password changes only when sent", async () => {
    const { acct, owner } = await funded();
    const r = await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" }, at("2030-01-15T10:00:00Z"));
    const moved = await updateSipRegistration(owner, { sipRegistrationId: r.id, proxy: "pbx.gone.invalid" }, at("2030-01-16T00:00:00Z"));
    expect(moved).toMatchObject({ proxy: "pbx.gone.invalid", successful: false, statusCode: 408 });
    expect(moved.lastUpdatedAt.toISOString()).toBe("2030-01-16T00:00:00.000Z");
    const back = await updateSipRegistration(owner, { sipRegistrationId: r.id, proxy: "pbx.example.com", authUser: "a1" });
    expect(back).toMatchObject({ successful: true, statusCode: 200, authUser: "a1" });
    expect((await db.sipRegistration.findUniqueOrThrow({ where: { id: r.id } })).password).toBe("p");
    await updateSipRegistration(owner, { sipRegistrationId: r.id, password: "" });
    expect(await db.sipRegistration.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ password: "", statusCode: 401 });
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: "sip_registration.update" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => (JSON.parse(a.detail) as { changed: string[] }).changed)).toEqual([["proxy"], ["proxy", "authUser"], ["password"]]);
    await createSipRegistration(owner, { sipUsername: "1002", proxy: "pbx.example.com", password: "p" });
    await expect(updateSipRegistration(owner, { sipRegistrationId: r.id, sipUsername: "1002" })).rejects.toMatchObject({ reason: "sip_registration_taken" });
  });

  it("lists with the reference's filters, counting every match", async () => {
    const { acct, owner } = await funded();
    const app = await fixtureApp(acct.id);
    await createSipRegistration(owner, { sipUsername: "sales-1", proxy: "pbx.example.com", password: "p", applicationId: app.id });
    await createSipRegistration(owner, { sipUsername: "sales-2", proxy: "pbx.nowhere.invalid", password: "p" });
    await createSipRegistration(owner, { sipUsername: "support", proxy: "pbx.example.com" });
    const names = async (input: Parameters<typeof listSipRegistrations>[1]) => (await listSipRegistrations(owner, input)).items.map((r) => r.sipUsername);
    expect(await names({})).toEqual(["sales-1", "sales-2", "support"]);
    expect(await names({ sipUsername: "SALES" })).toEqual(["sales-1", "sales-2"]);
    expect(await names({ successful: true })).toEqual(["sales-1"]);
    expect(await names({ statusCode: "408" })).toEqual(["sales-2"]);
    expect(await names({ isBoundToApplication: true })).toEqual(["sales-1"]);
    expect(await names({ applicationNames: [app.name] })).toEqual(["sales-1"]);
    expect(await names({ proxies: ["PBX.example.com"] })).toEqual(["sales-1", "support"]);
    expect(await names({ inProgress: true })).toEqual([]);
    expect(await listSipRegistrations(owner, { count: 1, offset: 1 })).toMatchObject({ total: 3, items: [{ sipUsername: "sales-2" }] });
    await expect(listSipRegistrations(owner, { statusCode: "20" })).rejects.toMatchObject({ field: "statusCode" });
  });

  it("renew monthly on the billing day, once per period; deactivate when unpaid; Pay and restore registers again", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await fixtureTopUp(acct.id, 2_50);
    const r = await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" }, at("2030-01-15T10:00:00Z"));
    // Numbers and SIP registrations renew in one run.
    const first = await runRenewals(at("2030-02-15T10:00:00Z"), { accountId: acct.id });
    expect(first).toMatchObject({ sipRenewed: 1, sipDeactivated: 0, chargedMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR });
    expect(await renewSipRegistrations(at("2030-02-15T10:00:00Z"), { accountId: acct.id })).toEqual({ renewed: 0, deactivated: 0, chargedMinor: 0 });
    expect((await db.sipRegistration.findUniqueOrThrow({ where: { id: r.id } })).nextRenewalAt.toISOString()).toBe("2030-03-15T10:00:00.000Z");
    // 0.50 left: the March month cannot be paid.
    expect(await renewSipRegistrations(at("2030-03-15T10:00:00Z"), { accountId: acct.id })).toEqual({ renewed: 0, deactivated: 1, chargedMinor: 0 });
    expect(await db.sipRegistration.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ deactivated: true, successful: false, statusCode: null });
    expect(await ledger(acct.id)).toHaveLength(2);
    await expect(restoreSipRegistration(owner, { sipRegistrationId: r.id })).rejects.toMatchObject({ reason: "insufficient_funds" });
    await fixtureTopUp(acct.id, 5_00);
    const restored = await restoreSipRegistration(owner, { sipRegistrationId: r.id }, at("2030-03-20T00:00:00Z"));
    expect(restored).toMatchObject({ deactivated: false, successful: true, statusCode: 200 });
    expect(restored.nextRenewalAt.toISOString()).toBe("2030-04-20T00:00:00.000Z");
    await expect(restoreSipRegistration(owner, { sipRegistrationId: r.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "sip_registration." } }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual([
      "sip_registration.create",
      "sip_registration.renew",
      "sip_registration.deactivate",
      "sip_registration.restore",
    ]);
  });

  it("Run billing day renews everything due on the next due date's UTC day in one run", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await fixtureTopUp(acct.id, 10_00);
    await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" }, at("2030-01-15T10:00:00Z"));
    await createSipRegistration(owner, { sipUsername: "1002", proxy: "pbx.example.com", password: "p" }, at("2030-01-15T10:07:00Z"));
    const report = await runBillingDay(owner, at("2030-01-16T00:00:00Z"));
    expect(report).toMatchObject({ sipRenewed: 2, asOf: new Date("2030-02-15T23:59:59.999Z") });
    expect((await rows(acct.id)).map((r) => r.nextRenewalAt.toISOString())).toEqual(["2030-03-15T10:00:00.000Z", "2030-03-15T10:07:00.000Z"]);
  });

  it("Pay and restore before the unpaid month has begun (a billing day run ahead) pays that month, not the one already paid", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await fixtureTopUp(acct.id, 1_00);
    const r = await createSipRegistration(owner, { sipUsername: "1001", proxy: "pbx.example.com", password: "p" }, at("2030-01-15T10:00:00Z"));
    // The demo's Run billing day: the renewal as of its due date, on the 16th of January.
    expect(await renewSipRegistrations(at("2030-02-15T10:00:00Z"), { accountId: acct.id })).toMatchObject({ deactivated: 1 });
    await fixtureTopUp(acct.id, 5_00);
    const restored = await restoreSipRegistration(owner, { sipRegistrationId: r.id }, at("2030-01-16T09:00:00Z"));
    expect(restored.nextRenewalAt.toISOString()).toBe("2030-03-15T10:00:00.000Z");
    expect((await ledger(acct.id)).map((e) => e.memo)).toEqual([
      "SIP registration 1001@pbx.example.com: the month from 2030-01-15",
      "SIP registration 1001@pbx.example.com: the month from 2030-02-15",
    ]);
  });
});

describe("SIP registrations follow the matrix for every principal", () => {
  for (const role of PRINCIPALS) {
    const manage = can({ roles: [role] }, "sip_registrations");
    const bind = can({ roles: [role] }, "application.sip_registrations");
    it(`${role}: create/update/delete/restore ${manage ? "allowed" : "FORBIDDEN"}, bind ${bind ? "allowed" : "FORBIDDEN"}, nothing written when refused`, async () => {
      const { acct } = await funded();
      const actor = await acct.actor(role);
      const app = await fixtureApp(acct.id);
      const reg = await fixtureSipRegistration(acct.id, { deactivated: true });
      const before = await changeRowCount(acct.id);
      const ops = {
        create: () => createSipRegistration(actor, { sipUsername: sipUser(), proxy: "pbx.example.com", password: "p" }),
        update: () => updateSipRegistration(actor, { sipRegistrationId: reg.id, password: "q" }),
        restore: () => restoreSipRegistration(actor, { sipRegistrationId: reg.id }),
        delete: () => deleteSipRegistration(actor, { sipRegistrationId: reg.id }),
      };
      let writes = 0;
      for (const [name, op] of Object.entries(ops)) {
        if (manage) {
          await expect(op(), name).resolves.not.toThrow();
          writes += 1;
        } else await expect(op(), name).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      const other = await fixtureSipRegistration(acct.id);
      if (bind) {
        expect(await bindSipRegistration(actor, { sipRegistrationId: other.id, applicationId: app.id })).toBe(1);
        writes += 1;
      } else await expect(bindSipRegistration(actor, { sipRegistrationId: other.id, applicationId: app.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Creating with a binding needs both pages.
      const both = manage && bind;
      const bound = createSipRegistration(actor, { sipUsername: sipUser(), proxy: "pbx.example.com", password: "p", applicationId: app.id });
      if (both) {
        await bound;
        writes += 1;
      } else await expect(bound).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Reading: each page's own section.
      for (const section of ["sip_registrations", "application.sip_registrations"] as const) {
        if (can({ roles: [role] }, section)) expect((await listSipRegistrations(actor, {}, section)).total).toBeGreaterThan(0);
        else await expect(listSipRegistrations(actor, {}, section)).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      expect(await changeRowCount(acct.id)).toBe(before + writes);
    });
  }
});
