// Scenario server actions: every action x every principal (allowed: done and audited; refused:
// "Only ... can use" and nothing written), no session, field errors per field, and another
// account's scenario refused as not found.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, uniq, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureScenario } from "@/lib/domains/scenarios/api-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createScenarioAction, saveScenarioAction, renameScenarioAction, restoreScenarioVersionAction, deleteScenarioAction, checkScriptAction } = await import("./actions");


const snapshot = async (accountId: number) => ({
  scenarios: await db.scenario.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  versions: await db.scenarioVersion.count({ where: { accountId } }),
  audits: await changeRowCount(accountId),
});

/** A scenario with two versions, so Restore of version 1 has something to do. */
async function twoVersions(accountId: number, applicationId: number) {
  const s = await fixtureScenario(accountId, applicationId, uniq("sc"), "Logger.write('one');");
  await db.scenarioVersion.create({ data: { accountId, scenarioId: s.id, number: 2, script: "Logger.write('two');", authorName: "fixture" } });
  await db.scenario.update({ where: { id: s.id }, data: { script: "Logger.write('two');" } });
  return s;
}

describe("scenario server actions", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "scenarios-app" } })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "createScenarioAction", run: () => createScenarioAction({ applicationId: appId, name: uniq("n"), script: "Logger.write('hi');" }) },
    { name: "saveScenarioAction", run: (id: number) => saveScenarioAction({ scenarioId: id, script: "Logger.write('three');", baseVersion: 2 }) },
    { name: "renameScenarioAction", run: (id: number) => renameScenarioAction({ scenarioId: id, name: uniq("renamed") }) },
    { name: "restoreScenarioVersionAction", run: (id: number) => restoreScenarioVersionAction({ scenarioId: id, version: 1 }) },
    { name: "deleteScenarioAction", run: (id: number) => deleteScenarioAction({ scenarioId: id }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.scenarios");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const s = await twoVersions(acct.id, appId);
        const before = await snapshot(acct.id);
        const r = await c.run(s.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.scenarios");
    it(`checkScriptAction as ${role}: ${allowed ? "compiles, nothing written" : "refused"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const before = await snapshot(acct.id);
      const r = await checkScriptAction({ script: "let a = 1;\nlet b = ;" });
      if (allowed) expect(r).toEqual({ ok: true, data: { error: { name: "SyntaxError", message: expect.any(String), line: 2 } } });
      else expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
      expect(await snapshot(acct.id)).toEqual(before);
    });
  }

  it("no session: refused, nothing written", async () => {
    const s = await twoVersions(acct.id, appId);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(s.id)).toMatchObject({ ok: false, formError: expect.stringContaining("session") });
    expect(await checkScriptAction({ script: "1" })).toMatchObject({ ok: false });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field; a save over a newer version is refused on the script", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const s = await twoVersions(acct.id, appId);
    const before = await snapshot(acct.id);
    expect(await createScenarioAction({ applicationId: appId, name: "bad name!", script: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await createScenarioAction({ applicationId: appId, name: "big", script: "x".repeat(128 * 1024 + 1) })).toMatchObject({ ok: false, fieldErrors: { script: expect.any(String) } });
    expect(await renameScenarioAction({ scenarioId: s.id, name: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await restoreScenarioVersionAction({ scenarioId: s.id, version: 0 })).toMatchObject({ ok: false, fieldErrors: { version: expect.any(String) } });
    expect(await saveScenarioAction({ scenarioId: s.id, script: "x", baseVersion: 1 })).toMatchObject({ ok: false, fieldErrors: { script: expect.stringContaining("Version 2") } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's scenario (or application) is not found, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const other = await createTestAccount();
    const theirApp = await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    const theirs = await twoVersions(other.id, theirApp.id);
    const before = { mine: await snapshot(acct.id), theirs: await snapshot(other.id) };
    for (const c of calls.slice(1)) expect(await c.run(theirs.id), c.name).toMatchObject({ ok: false, fieldErrors: { scenarioId: "Scenario not found" } });
    expect(await createScenarioAction({ applicationId: theirApp.id, name: uniq("x"), script: "" })).toMatchObject({ ok: false });
    expect({ mine: await snapshot(acct.id), theirs: await snapshot(other.id) }).toEqual(before);
  });

  it("a scenario a rule starts cannot be deleted", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const s = await twoVersions(acct.id, appId);
    await db.rule.create({ data: { accountId: acct.id, applicationId: appId, name: uniq("r"), pattern: ".*", position: 99, scenarios: { create: [{ scenarioId: s.id, position: 0 }] } } });
    expect(await deleteScenarioAction({ scenarioId: s.id })).toMatchObject({ ok: false, fieldErrors: { scenarioId: expect.stringContaining("used by the rule") } });
    expect(await db.scenario.count({ where: { id: s.id } })).toBe(1);
  });
});
