// Marketplace installs: section `marketplace` for every principal (the owner installs; every
// subuser role gets FORBIDDEN with nothing written), a scenario plus its rule in one transaction
// with audit rows, each refusal named under the form's field with nothing written, the users a
// template calls and the caller ID it shows checked against the application and the account, another tenant's application out of reach, and
// the install record going with its scenario. Threats: a subuser changing what calls run through
// the Marketplace; a half-installed template; a script calling a user that does not exist.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, refusal, uniq, type TestAccount } from "@/test/factories";
import { deleteScenario } from "@/lib/domains/scenarios/mutations";
import { deleteRule } from "@/lib/domains/rules/mutations";
import { installTemplate } from "./mutations";
import { listInstalledTemplates } from "./queries";
import type { InstallTemplateInput } from "./schemas";
import { fixtureQueue, fixtureSkill } from "@/lib/domains/queues/api-fixtures";
import { fixtureCallerId } from "@/lib/domains/calls/call-fixtures";

const newApp = (accountId: number) => db.application.create({ data: { accountId, name: uniq("mk-") } });

async function snapshot(accountId: number) {
  const [scenarios, rules, installs, audits] = await Promise.all([
    db.scenario.count({ where: { accountId } }),
    db.rule.count({ where: { accountId } }),
    db.marketplaceInstall.count({ where: { accountId } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { scenarios, rules, installs, audits };
}

const queueValues = { queue: "Support", skills: "English 2", offerSeconds: "20", welcome: "Please hold", apology: "Sorry" };

describe("installTemplate", () => {
  let acct: TestAccount;
  let owner: Actor;
  let appId: number;
  const forward = (extra: Partial<InstallTemplateInput> = {}): InstallTemplateInput => ({
    templateId: "forward-to-number",
    applicationId: appId,
    scenarioName: uniq("fwd-"),
    addRule: true,
    rulePattern: "\\+1.*",
    values: { number: "+14155550123" },
    ...extra,
  });

  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
    appId = (await newApp(acct.id)).id;
    await fixtureQueue(acct.id, appId, "Support");
    await fixtureSkill(acct.id, appId, "English");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "marketplace");
    it(`as ${role}: ${allowed ? "installs the scenario and its rule, audited" : "FORBIDDEN, nothing written"}`, async () => {
      const actor = await acct.actor(role);
      const before = await snapshot(acct.id);
      if (!allowed) {
        expect((await refusal(installTemplate(actor, forward()))).code).toBe("FORBIDDEN");
        await expect(listInstalledTemplates(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        expect(await snapshot(acct.id)).toEqual(before);
        return;
      }
      const input = forward();
      const done = await installTemplate(actor, input);
      expect(await snapshot(acct.id)).toEqual({ scenarios: before.scenarios + 1, rules: before.rules + 1, installs: before.installs + 1, audits: before.audits + 3 });
      const scenario = await db.scenario.findUniqueOrThrow({ where: { id: done.scenarioId }, include: { versions: true } });
      expect(scenario).toMatchObject({ name: input.scenarioName, applicationId: appId });
      expect(scenario.script).toContain('const FORWARD_TO = "+14155550123";');
      expect(scenario.versions.map((v) => [v.number, v.note])).toEqual([[1, "Created"]]);
      const rule = await db.rule.findUniqueOrThrow({ where: { id: done.ruleId! }, include: { scenarios: true } });
      expect(rule).toMatchObject({ name: input.scenarioName, pattern: "\\+1.*", applicationId: appId });
      expect(rule.scenarios.map((s) => s.scenarioId)).toEqual([done.scenarioId]);
      const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "marketplace.install" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ targetType: "scenario", targetId: String(done.scenarioId) });
      const listed = await listInstalledTemplates(actor);
      expect(listed[0]).toMatchObject({ templateId: "forward-to-number", templateTitle: "Forward to a phone number", scenario: { id: done.scenarioId }, rule: { id: done.ruleId, pattern: "\\+1.*" }, installedBy: actor.name });
    });
  }

  it("the rule goes first by default (the application's rules move down one), or last when asked", async () => {
    const app = (await newApp(acct.id)).id;
    const catchAll = await installTemplate(owner, forward({ applicationId: app, rulePattern: ".*", ruleFirst: false }));
    const first = await installTemplate(owner, forward({ applicationId: app, templateId: "voicemail", values: { greeting: "Hi", maxSeconds: "10" } }));
    const last = await installTemplate(owner, forward({ applicationId: app, ruleFirst: false }));
    expect([catchAll.ruleAt, first.ruleAt, last.ruleAt]).toEqual(["last", "first", "last"]);
    const order = await db.rule.findMany({ where: { applicationId: app }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    expect(order).toEqual([
      { id: first.ruleId, position: 0 },
      { id: catchAll.ruleId, position: 1 },
      { id: last.ruleId, position: 2 },
    ]);
  });

  it("without a rule: only the scenario and the record", async () => {
    const before = await snapshot(acct.id);
    const done = await installTemplate(owner, forward({ addRule: false, rulePattern: "((" }));
    expect(done.ruleId).toBeNull();
    expect(await snapshot(acct.id)).toMatchObject({ scenarios: before.scenarios + 1, rules: before.rules, installs: before.installs + 1 });
  });

  it("Queue to agents installs when the application has the queue and skills, ignoring case", async () => {
    const done = await installTemplate(owner, forward({ templateId: "queue-to-agents", values: { ...queueValues, queue: "support", skills: "ENGLISH 2" } }));
    const scenario = await db.scenario.findUniqueOrThrow({ where: { id: done.scenarioId } });
    expect(scenario.script).toContain('const QUEUE = "support";');
    expect(scenario.script).toContain("require(Modules.SmartQueue);");
  });

  it("each refusal names the form's field and writes nothing", async () => {
    const taken = await installTemplate(owner, forward());
    const before = await snapshot(acct.id);
    const cases: [Partial<InstallTemplateInput>, string, RegExp][] = [
      [{ templateId: "no-such" }, "templateId", /No such template/],
      [{ applicationId: 999_999_999 }, "applicationId", /not found/i],
      [{ values: { number: "12" } }, "number", /international format/],
      [{ values: {} }, "number", /phone number/i],
      [{ scenarioName: "" }, "scenarioName", /required/],
      [{ scenarioName: taken.scenarioName }, "scenarioName", /already exists/],
      [{ rulePattern: "" }, "rulePattern", /Pattern is required/],
      [{ rulePattern: "((" }, "rulePattern", /Pattern/],
      [{ templateId: "ring-user", values: { username: "nobody-here", ringSeconds: "10", greeting: "Hi", maxSeconds: "10" } }, "username", /"nobody-here" is not a user of/],
      [{ templateId: "ivr-menu", values: { prompt: "Press 1", options: "1 +14155550123\n2 ghost-user\n3 ghost-two" } }, "options", /"ghost-user", "ghost-two" are not users of/],
      [{ templateId: "queue-to-agents", values: { ...queueValues, queue: "Nowhere" } }, "queue", /has no queue "Nowhere": choose the application whose queue it is, or add it on mk-\S+'s Queues tab/],
      [{ templateId: "queue-to-agents", values: { ...queueValues, skills: "english 2\nBilling\nFrench 3" } }, "skills", /has no skill "Billing", "French": check the spelling, or add them/],
      // A caller ID the account may not show (its numbers and verified caller IDs only).
      [{ templateId: "call-list-notification", values: { callerId: "+19995550123", numberColumn: "phone_number", message: "Hello" } }, "callerId", /^\+19995550123 is neither one of the account's numbers nor a verified caller ID/],
    ];
    for (const [extra, field, message] of cases) {
      const r = await refusal(installTemplate(owner, forward(extra)));
      expect(r.field, JSON.stringify(extra)).toBe(field);
      expect(r.message).toMatch(message);
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("every field's error comes at once: the form's, the rule pattern's and the template's", async () => {
    const r = await refusal(installTemplate(owner, forward({ templateId: "queue-to-agents", scenarioName: "", rulePattern: "([", values: { ...queueValues, skills: "english 9", offerSeconds: "2" } })));
    expect(r).toMatchObject({ code: "INVALID_INPUT", field: "scenarioName" });
    expect(Object.keys(r.otherFields ?? {}).sort()).toEqual(["offerSeconds", "rulePattern", "skills"]);
  });

  it("a rule of that name in the application: refused under scenarioName, the scenario not written either", async () => {
    const name = uniq("dup-");
    const scenario = await installTemplate(owner, forward({ scenarioName: name }));
    await deleteScenarioAndKeepRule(scenario.scenarioId, scenario.ruleId!);
    const before = await snapshot(acct.id);
    const r = await refusal(installTemplate(owner, forward({ scenarioName: name })));
    expect(r).toMatchObject({ code: "CONFLICT", field: "scenarioName", message: expect.stringContaining(`already has a rule named ${name}`) });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("Call list: spoken notification installs with a caller ID the account may show", async () => {
    await fixtureCallerId(acct.id, "+14155550177");
    const done = await installTemplate(owner, forward({ templateId: "call-list-notification", values: { callerId: "+1 415 555 0177", numberColumn: "phone_number", message: "Hello {name}" } }));
    expect((await db.scenario.findUniqueOrThrow({ where: { id: done.scenarioId } })).script).toContain('const CALLER_ID = "+14155550177";');
  });

  it("calls users the application has: installed; the user names are matched as stored (lower case)", async () => {
    await db.appUser.create({ data: { accountId: acct.id, applicationId: appId, name: "alice", displayName: "Alice", passwordHash: "x" } });
    const done = await installTemplate(owner, forward({ templateId: "ivr-menu", values: { prompt: "Press 1 for Alice", options: "1 Alice" } }));
    expect((await db.scenario.findUniqueOrThrow({ where: { id: done.scenarioId } })).script).toContain('"to":"alice"');
  });

  it("another account's application is not found, and its installs are not listed", async () => {
    const other = await createTestAccount();
    const theirOwner = await other.actor(OWNER_ROLE);
    const theirApp = await newApp(other.id);
    await installTemplate(theirOwner, { ...forward(), applicationId: theirApp.id });
    const before = await snapshot(acct.id);
    expect(await refusal(installTemplate(owner, forward({ applicationId: theirApp.id })))).toMatchObject({ code: "NOT_FOUND", field: "applicationId" });
    expect(await snapshot(acct.id)).toEqual(before);
    expect((await listInstalledTemplates(owner)).every((i) => i.application?.id !== theirApp.id)).toBe(true);
  });

  it("the record goes with its scenario and outlives its rule", async () => {
    const a = await installTemplate(owner, forward());
    await deleteRule(owner, { ruleId: a.ruleId! });
    expect((await listInstalledTemplates(owner)).find((i) => i.id === a.installId)).toMatchObject({ rule: null });
    await deleteScenario(owner, { scenarioId: a.scenarioId });
    expect((await listInstalledTemplates(owner)).some((i) => i.id === a.installId)).toBe(false);
  });

  /** Leaves the rule without the install's scenario: moves the rule onto another scenario first. */
  async function deleteScenarioAndKeepRule(scenarioId: number, ruleId: number) {
    const keep = await db.scenario.create({ data: { accountId: acct.id, applicationId: appId, name: uniq("keep-"), script: "" } });
    await db.ruleScenario.updateMany({ where: { ruleId }, data: { scenarioId: keep.id } });
    await deleteScenario(owner, { scenarioId });
  }
});
