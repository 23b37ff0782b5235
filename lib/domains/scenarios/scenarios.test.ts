// Scenarios' domain functions: the panel matrix for every principal (allowed ones write with an
// audit row, the rest get FORBIDDEN with nothing written), versions with their authors, saves
// over a newer version refused, restore as a new version, the texts a diff compares, shared
// scenarios, deletion refused while a rule starts the scenario, and tenant isolation. Threats:
// a principal without application.scenarios changing what calls run; another tenant's ids;
// silently losing a colleague's save.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { createScenario, deleteScenario, deleteScenarios, renameScenario, restoreScenarioVersion, saveScenario, setScenarioInfo } from "./mutations";
import { getScenario, getScenarioDiff, listScenarios, listScenarioVersions } from "./queries";
import { MAX_SCRIPT_BYTES } from "./schemas";
import { createRule } from "@/lib/domains/rules/mutations";

const app = (accountId: number) => db.application.create({ data: { accountId, name: uniq("sc-") } });

async function snapshot(accountId: number) {
  const [scenarios, versions, audits] = await Promise.all([
    db.scenario.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, script: true, applicationId: true } }),
    db.scenarioVersion.count({ where: { accountId } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { scenarios, versions, audits };
}

async function seedScenario(actor: Actor, applicationId: number | null, script = "Logger.write('v1');") {
  return createScenario(actor, { applicationId, name: uniq("s-"), script });
}

describe("scenario mutations: section application.scenarios for every principal", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  const cases = [
    { name: "createScenario", run: (a: Actor, appId: number) => createScenario(a, { applicationId: appId, name: uniq("n-"), script: "1;" }) },
    { name: "saveScenario", run: (a: Actor, _: number, id: number) => saveScenario(a, { scenarioId: id, script: "2;" }) },
    { name: "renameScenario", run: (a: Actor, _: number, id: number) => renameScenario(a, { scenarioId: id, name: uniq("r-") }) },
    { name: "restoreScenarioVersion", run: async (a: Actor, _: number, id: number) => restoreScenarioVersion(a, { scenarioId: id, version: 1 }) },
    { name: "deleteScenario", run: (a: Actor, _: number, id: number) => deleteScenario(a, { scenarioId: id }) },
  ];
  for (const c of cases) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.scenarios");
      it(`${c.name} as ${role}: ${allowed ? "ok and audited" : "FORBIDDEN, nothing written"}`, async () => {
        const a = await app(acct.id);
        const s = await seedScenario(owner, a.id);
        await saveScenario(owner, { scenarioId: s.id, script: "Logger.write('v2');" });
        const before = await snapshot(acct.id);
        const run = c.run(await acct.actor(role), a.id, s.id);
        if (allowed) {
          await run;
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          await expect(run).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }
});

describe("scenario versions", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  it("every save of a new text is a version with its author and time; an unchanged text writes nothing", async () => {
    const a = await app(acct.id);
    const dev = await acct.actor("Developer");
    const s = await createScenario(owner, { applicationId: a.id, name: uniq("v-"), script: "// one" });
    expect(s.version).toBe(1);
    const saved = await saveScenario(dev, { scenarioId: s.id, script: "// two", baseVersion: 1 });
    expect(saved).toMatchObject({ version: 2, changed: true });
    const before = await snapshot(acct.id);
    expect(await saveScenario(dev, { scenarioId: s.id, script: "// two", baseVersion: 2 })).toMatchObject({ version: 2, changed: false });
    expect(await snapshot(acct.id)).toEqual(before);
    const versions = await listScenarioVersions(owner, s.id);
    expect(versions.map((v) => [v.number, v.authorName, v.note])).toEqual([
      [2, dev.name, ""],
      [1, owner.name, "Created"],
    ]);
    expect(versions[0]!.createdAt).toBeInstanceOf(Date);
    expect((await getScenario(owner, s.id, a.id)).version).toBe(2);
  });

  it("a save over a version someone else saved later is refused, nothing written", async () => {
    const a = await app(acct.id);
    const s = await createScenario(owner, { applicationId: a.id, name: uniq("c-"), script: "// base" });
    await saveScenario(owner, { scenarioId: s.id, script: "// theirs", baseVersion: 1 });
    const before = await snapshot(acct.id);
    await expect(saveScenario(owner, { scenarioId: s.id, script: "// mine", baseVersion: 1 })).rejects.toMatchObject({ code: "CONFLICT", field: "script" });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("restore makes the old text a new version; the diff compares two versions' texts", async () => {
    const a = await app(acct.id);
    const s = await createScenario(owner, { applicationId: a.id, name: uniq("r-"), script: "let a = 1;" });
    await saveScenario(owner, { scenarioId: s.id, script: "let a = 2;" });
    const restored = await restoreScenarioVersion(owner, { scenarioId: s.id, version: 1 });
    expect(restored.version).toBe(3);
    expect((await getScenario(owner, s.id)).script).toBe("let a = 1;");
    expect((await listScenarioVersions(owner, s.id))[0]).toMatchObject({ number: 3, note: "Restored from version 1" });
    expect(await getScenarioDiff(owner, { scenarioId: s.id, from: 1, to: 2 })).toEqual({ from: { number: 1, script: "let a = 1;" }, to: { number: 2, script: "let a = 2;" } });
    await expect(getScenarioDiff(owner, { scenarioId: s.id, from: 1, to: 9 })).rejects.toMatchObject({ code: "NOT_FOUND", field: "to" });
    await expect(restoreScenarioVersion(owner, { scenarioId: s.id, version: 3 })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "version" });
  });

  it("names are unique per account; scripts are limited to 128 kB and to text", async () => {
    const a = await app(acct.id);
    const s = await seedScenario(owner, a.id);
    const before = await snapshot(acct.id);
    await expect(createScenario(owner, { applicationId: a.id, name: s.name, script: "" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: "scenario_name_taken" });
    await expect(saveScenario(owner, { scenarioId: s.id, script: "x".repeat(MAX_SCRIPT_BYTES + 1) })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "script" });
    await expect(saveScenario(owner, { scenarioId: s.id, script: "a\u0000b" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "script" });
    await expect(createScenario(owner, { applicationId: a.id, name: "has space", script: "" })).rejects.toMatchObject({ field: "name" });
    await expect(createScenario(owner, { applicationId: a.id, name: "x".repeat(30), script: "" })).rejects.toMatchObject({ field: "name" });
    expect(await snapshot(acct.id)).toEqual(before);
    expect((await saveScenario(owner, { scenarioId: s.id, script: "é".repeat(MAX_SCRIPT_BYTES / 2) })).changed).toBe(true);
  });

  it("shared scenarios are listed in every application; an application's own only in it", async () => {
    const [a, b] = [await app(acct.id), await app(acct.id)];
    const shared = await seedScenario(owner, null);
    const own = await seedScenario(owner, a.id);
    const names = async (id: number) => (await listScenarios(owner, { applicationId: id })).items.map((s) => s.name);
    expect(await names(a.id)).toEqual(expect.arrayContaining([shared.name, own.name]));
    expect(await names(b.id)).toContain(shared.name);
    expect(await names(b.id)).not.toContain(own.name);
    await expect(getScenario(owner, own.id, b.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listScenarios(owner, { scenarioId: own.id, withScript: true })).items[0]).toMatchObject({ script: "Logger.write('v1');" });
  });

  it("a scenario a rule starts cannot be deleted until the rule stops using it", async () => {
    const a = await app(acct.id);
    const s = await seedScenario(owner, a.id);
    const rule = await createRule(owner, { applicationId: a.id, name: "all", pattern: ".*", scenarioIds: [s.id] });
    const before = await snapshot(acct.id);
    await expect(deleteScenario(owner, { scenarioId: s.id })).rejects.toMatchObject({ code: "CONFLICT", reason: "scenario_in_use", message: expect.stringContaining("all") });
    await expect(deleteScenarios(owner, { scenarioIds: [s.id] })).rejects.toMatchObject({ reason: "scenario_in_use" });
    expect(await snapshot(acct.id)).toEqual(before);
    await db.rule.delete({ where: { id: rule.id } });
    await deleteScenario(owner, { scenarioId: s.id });
    expect(await db.scenarioVersion.count({ where: { scenarioId: s.id } })).toBe(0);
  });

  it("SetScenarioInfo renames and saves in one change; by current name too", async () => {
    const a = await app(acct.id);
    const s = await seedScenario(owner, a.id);
    const name = uniq("set-");
    expect(await setScenarioInfo(owner, { requiredName: s.name, name, script: "// new" })).toMatchObject({ name, version: 2, changed: true });
    expect((await getScenario(owner, s.id)).script).toBe("// new");
  });

  it("another account's scenario reads as not found and nothing is written", async () => {
    const other = await createTestAccount();
    const theirApp = await app(other.id);
    const theirs = await seedScenario(await other.actor(OWNER_ROLE), theirApp.id);
    const before = await snapshot(other.id);
    await expect(saveScenario(owner, { scenarioId: theirs.id, script: "pwned" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteScenario(owner, { scenarioId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(restoreScenarioVersion(owner, { scenarioId: theirs.id, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getScenario(owner, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listScenarioVersions(owner, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createScenario(owner, { applicationId: theirApp.id, name: uniq("x-"), script: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(other.id)).toEqual(before);
  });
});
