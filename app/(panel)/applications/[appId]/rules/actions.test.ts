// Rule server actions: every action x every principal (allowed: done and audited; refused:
// "Only ... can use" and nothing written), no session, field errors per field (a pattern that
// backtracks catastrophically is refused on the pattern), another account's rule not found, and
// the tester answering what routeCall answers.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, uniq, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureRule, fixtureScenario } from "@/lib/domains/scenarios/api-fixtures";
import { routeCall } from "@/lib/domains/rules/routing";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createRuleAction, updateRuleAction, deleteRuleAction, moveRuleAction, reorderRulesAction, testRouteAction } = await import("./actions");


const snapshot = async (accountId: number) => ({
  rules: await db.rule.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  bindings: await db.ruleScenario.findMany({ where: { rule: { accountId } }, orderBy: [{ ruleId: "asc" }, { position: "asc" }] }),
  audits: await changeRowCount(accountId),
});

describe("rule server actions", () => {
  let acct: TestAccount;
  let appId: number;
  let scenarioId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "rules-app" } })).id;
    scenarioId = (await fixtureScenario(acct.id, appId)).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "createRuleAction", run: () => createRuleAction({ applicationId: appId, name: uniq("r"), pattern: "[0-9]+", scenarioIds: [scenarioId] }) },
    { name: "updateRuleAction", run: (id: number) => updateRuleAction({ ruleId: id, name: uniq("renamed"), pattern: "1[0-9]*", patternExclude: "" }) },
    { name: "deleteRuleAction", run: (id: number) => deleteRuleAction({ ruleId: id }) },
    { name: "moveRuleAction", run: (id: number) => moveRuleAction({ ruleId: id, direction: "up" }) },
    { name: "reorderRulesAction", run: (id: number, prev: number) => reorderRulesAction({ ruleIds: [id, prev] }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.rules");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const prev = await fixtureRule(acct.id, appId, [scenarioId]);
        const rule = await fixtureRule(acct.id, appId, [scenarioId]);
        const before = await snapshot(acct.id);
        const r = await c.run(rule.id, prev.id);
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
    const allowed = can({ roles: [role] }, "application.rules");
    it(`testRouteAction as ${role}: ${allowed ? "answers, nothing written" : "refused"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const before = await snapshot(acct.id);
      const r = await testRouteAction({ applicationId: appId, dialled: "12345" });
      if (allowed) expect(r).toMatchObject({ ok: true, data: { dialled: "12345" } });
      else expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
      expect(await snapshot(acct.id)).toEqual(before);
    });
  }

  it("no session: refused, nothing written", async () => {
    const prev = await fixtureRule(acct.id, appId, [scenarioId]);
    const rule = await fixtureRule(acct.id, appId, [scenarioId]);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(rule.id, prev.id)).toMatchObject({ ok: false, formError: expect.stringContaining("session") });
    expect(await testRouteAction({ applicationId: appId, dialled: "1" })).toMatchObject({ ok: false });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const rule = await fixtureRule(acct.id, appId, [scenarioId]);
    const before = await snapshot(acct.id);
    const base = { applicationId: appId, name: uniq("r"), pattern: "[0-9]+", scenarioIds: [scenarioId] };
    expect(await createRuleAction({ ...base, pattern: "([0-9]" })).toMatchObject({ ok: false, fieldErrors: { pattern: expect.any(String) } });
    // ReDoS: a pattern with catastrophic backtracking would let one dialled string stall routing.
    expect(await createRuleAction({ ...base, pattern: "(a+)+b" })).toMatchObject({ ok: false, fieldErrors: { pattern: expect.stringMatching(/backtrack/i) } });
    expect(await createRuleAction({ ...base, patternExclude: "(x*)*y" })).toMatchObject({ ok: false, fieldErrors: { patternExclude: expect.any(String) } });
    expect(await createRuleAction({ ...base, name: "" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await createRuleAction({ ...base, scenarioIds: [] })).toMatchObject({ ok: false, fieldErrors: { scenarioIds: expect.any(String) } });
    expect(await updateRuleAction({ ruleId: rule.id, pattern: "(" })).toMatchObject({ ok: false, fieldErrors: { pattern: expect.any(String) } });
    expect(await moveRuleAction({ ruleId: rule.id, direction: "sideways" as "up" })).toMatchObject({ ok: false, fieldErrors: { direction: expect.any(String) } });
    expect(await testRouteAction({ applicationId: appId, dialled: "" })).toMatchObject({ ok: false, fieldErrors: { dialled: expect.any(String) } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's rule, application or scenario is not found, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const other = await createTestAccount();
    const theirApp = await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    const theirScenario = await fixtureScenario(other.id, theirApp.id);
    const theirs = await fixtureRule(other.id, theirApp.id, [theirScenario.id]);
    const mine = await fixtureRule(acct.id, appId, [scenarioId]);
    const before = { mine: await snapshot(acct.id), theirs: await snapshot(other.id) };
    for (const c of calls.slice(1)) expect(await c.run(theirs.id, mine.id), c.name).toMatchObject({ ok: false, fieldErrors: { ruleId: "Rule not found" } });
    expect(await createRuleAction({ applicationId: theirApp.id, name: uniq("r"), pattern: ".*", scenarioIds: [theirScenario.id] })).toMatchObject({ ok: false });
    expect(await createRuleAction({ applicationId: appId, name: uniq("r"), pattern: ".*", scenarioIds: [theirScenario.id] })).toMatchObject({ ok: false });
    expect(await testRouteAction({ applicationId: theirApp.id, dialled: "1" })).toMatchObject({ ok: false });
    expect({ mine: await snapshot(acct.id), theirs: await snapshot(other.id) }).toEqual(before);
  });

  it("the tester answers what routeCall answers, anchored and in order", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const app = await db.application.create({ data: { accountId: acct.id, name: uniq("tester") } });
    const s = await fixtureScenario(acct.id, app.id);
    await fixtureRule(acct.id, app.id, [s.id], "short", "[0-9]{3}");
    await fixtureRule(acct.id, app.id, [s.id], "any", "[0-9]+");
    for (const dialled of ["123", "1234", "x123", "alice"]) {
      const r = await testRouteAction({ applicationId: app.id, dialled });
      const routed = await routeCall(app.id, dialled);
      expect(r.ok && r.data.match?.rule.name, dialled).toBe(routed?.rule.name ?? undefined);
    }
    expect(await testRouteAction({ applicationId: app.id, dialled: "1234" })).toMatchObject({ ok: true, data: { match: { rule: { name: "any" }, scenarios: [{ id: s.id }] } } });
    expect(await testRouteAction({ applicationId: app.id, dialled: "x123" })).toEqual({ ok: true, data: { dialled: "x123", match: null } });
  });
});
