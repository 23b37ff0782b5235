// Rules' domain functions and routing: the panel matrix for every principal, anchored
// patterns, first match in order, exclude patterns, patterns that do not compile or backtrack
// catastrophically refused with the message, order changes (move, reorder), scenario binding,
// the tester answering exactly what routeCall answers, and tenant isolation. Threats: ReDoS
// (a pattern that hangs routing for every call of the account), a principal without
// application.rules rerouting calls, another tenant's ids.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { createScenario } from "@/lib/domains/scenarios/mutations";
import { bindScenarios, createRule, deleteRule, deleteRules, moveRule, reorderRuleScenarios, reorderRules, updateRule } from "./mutations";
import { listRules } from "./queries";
import { routeCall, testRoute } from "./routing";
import { MAX_DIALLED_LENGTH, patternProblem, ruleMatches } from "./patterns";

const app = (accountId: number) => db.application.create({ data: { accountId, name: uniq("ru-") } });

async function snapshot(accountId: number) {
  const [rules, links, audits] = await Promise.all([
    db.rule.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, pattern: true, patternExclude: true, position: true } }),
    db.ruleScenario.findMany({ where: { rule: { accountId } }, orderBy: [{ ruleId: "asc" }, { position: "asc" }] }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { rules, links, audits };
}

describe("patterns", () => {
  it("match the whole string (anchored), with the exclude pattern", () => {
    expect(ruleMatches({ pattern: "1555", patternExclude: "" }, "+15551234")).toBe(false);
    expect(ruleMatches({ pattern: "\\+?1555.*", patternExclude: "" }, "+15551234")).toBe(true);
    expect(ruleMatches({ pattern: "a|b", patternExclude: "" }, "ab")).toBe(false);
    expect(ruleMatches({ pattern: ".*", patternExclude: "\\+44.*" }, "+442071234567")).toBe(false);
    expect(ruleMatches({ pattern: ".*", patternExclude: "\\+44.*" }, "+15551234567")).toBe(true);
    expect(ruleMatches({ pattern: ".*", patternExclude: "" }, "1".repeat(MAX_DIALLED_LENGTH + 1))).toBe(false);
  });

  // Threat: ReDoS. A catastrophic pattern would hang routing for every call of the account.
  it("catastrophic backtracking and compile errors are refused with a message", () => {
    expect(patternProblem("(a+)+")).toMatch(/catastrophic backtracking/);
    expect(patternProblem("(\\d|\\d)*x")).toMatch(/catastrophic backtracking/);
    expect(patternProblem("([0-9]+)*$")).toMatch(/catastrophic backtracking/);
    expect(patternProblem("(")).toMatch(/^is not a valid regular expression: /);
    // The engine's reason, not the anchored expression we compile.
    expect(patternProblem("([")).toBe("is not a valid regular expression: Unterminated character class");
    expect(patternProblem("\\+1\\d{10}")).toBeNull();
    expect(patternProblem(".*")).toBeNull();
    expect(patternProblem("sales_.+|support")).toBeNull();
  });
});

describe("rule mutations: section application.rules for every principal", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });
  const cases = [
    { name: "createRule", section: "application.rules", run: (a: Actor, appId: number, _r: number, s: number) => createRule(a, { applicationId: appId, name: uniq("n"), pattern: ".*", scenarioIds: [s] }) },
    { name: "updateRule", section: "application.rules", run: (a: Actor, _: number, r: number) => updateRule(a, { ruleId: r, pattern: "\\+1.*" }) },
    { name: "moveRule", section: "application.rules", run: (a: Actor, _: number, r: number) => moveRule(a, { ruleId: r, direction: "up" }) },
    { name: "reorderRules", section: "application.rules", run: (a: Actor, _: number, r: number) => reorderRules(a, { ruleIds: [r] }) },
    { name: "deleteRule", section: "application.rules", run: (a: Actor, _: number, r: number) => deleteRule(a, { ruleId: r }) },
    { name: "bindScenarios", section: "application.scenarios", run: (a: Actor, _: number, r: number, s: number, s2: number) => bindScenarios(a, { ruleId: r, scenarioIds: [s2], bind: true }).then(() => s) },
    { name: "reorderRuleScenarios", section: "application.scenarios", run: (a: Actor, _: number, r: number, s: number) => reorderRuleScenarios(a, { ruleId: r, scenarioIds: [s] }) },
  ] as const;
  for (const c of cases) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "ok and audited" : "FORBIDDEN, nothing written"}`, async () => {
        const a = await app(acct.id);
        const s = await createScenario(owner, { applicationId: a.id, name: uniq("s"), script: "" });
        const s2 = await createScenario(owner, { applicationId: a.id, name: uniq("s"), script: "" });
        await createRule(owner, { applicationId: a.id, name: "first", pattern: "1.*", scenarioIds: [s.id] });
        const r = await createRule(owner, { applicationId: a.id, name: "second", pattern: ".*", scenarioIds: [s.id] });
        const before = await snapshot(acct.id);
        const run = c.run(await acct.actor(role), a.id, r.id, s.id, s2.id);
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

describe("routing and the rule tester", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  it("the first rule in order whose pattern matches (and exclude does not) wins, with its scenarios' current scripts in order", async () => {
    const a = await app(acct.id);
    const greet = await createScenario(owner, { applicationId: a.id, name: uniq("greet"), script: "// greet" });
    const shared = await createScenario(owner, { applicationId: null, name: uniq("lib"), script: "// lib" });
    const uk = await createRule(owner, { applicationId: a.id, name: "uk", pattern: "\\+44\\d+", scenarioIds: [greet.id] });
    const us = await createRule(owner, { applicationId: a.id, name: "us but not 555", pattern: "\\+1\\d{10}", patternExclude: "\\+1555\\d{7}", scenarioIds: [shared.id, greet.id] });
    const rest = await createRule(owner, { applicationId: a.id, name: "everything", pattern: ".*", scenarioIds: [greet.id] });

    expect(await routeCall(a.id, "+442071234567")).toEqual({ rule: { id: uk.id, name: "uk" }, scenarios: [{ id: greet.id, name: greet.name, script: "// greet" }] });
    expect((await routeCall(a.id, "+12125551234"))?.scenarios.map((s) => s.script)).toEqual(["// lib", "// greet"]);
    expect((await routeCall(a.id, "+15551234567"))?.rule.id).toBe(rest.id);
    expect((await routeCall(a.id, "alice"))?.rule.id).toBe(rest.id);
    // Order decides: move "everything" to the top.
    await reorderRules(owner, { ruleIds: [rest.id, uk.id, us.id] });
    expect((await routeCall(a.id, "+442071234567"))?.rule.id).toBe(rest.id);
    expect((await listRules(owner, { applicationId: a.id })).items.map((r) => [r.name, r.position])).toEqual([
      ["everything", 0],
      ["uk", 1],
      ["us but not 555", 2],
    ]);
    // Keyboard moves swap with the neighbour; the ends stay put.
    expect(await moveRule(owner, { ruleId: rest.id, direction: "up" })).toEqual({ moved: false });
    await moveRule(owner, { ruleId: rest.id, direction: "down" });
    expect((await listRules(owner, { applicationId: a.id })).items.map((r) => r.name)).toEqual(["uk", "everything", "us but not 555"]);
    // A partial reorder permutes only the listed rules' places.
    await reorderRules(owner, { ruleIds: [us.id, uk.id] });
    expect((await listRules(owner, { applicationId: a.id })).items.map((r) => r.name)).toEqual(["us but not 555", "everything", "uk"]);
    // Deleting keeps positions dense.
    await deleteRule(owner, { ruleId: rest.id });
    expect((await listRules(owner, { applicationId: a.id })).items.map((r) => r.position)).toEqual([0, 1]);
    expect(await routeCall(a.id, "bob")).toBeNull();
  });

  it("the tester answers exactly what routeCall answers", async () => {
    const a = await app(acct.id);
    const s = await createScenario(owner, { applicationId: a.id, name: uniq("t"), script: "// t" });
    await createRule(owner, { applicationId: a.id, name: "agents", pattern: "agent_.+", scenarioIds: [s.id] });
    await createRule(owner, { applicationId: a.id, name: "numbers", pattern: "\\+?\\d+", patternExclude: "\\+?1900\\d*", scenarioIds: [s.id] });
    for (const dialled of ["agent_7", "agent_", "+15551234567", "+19001234567", "someone", "1".repeat(200).slice(0, MAX_DIALLED_LENGTH)]) {
      const routed = await routeCall(a.id, dialled);
      const tested = await testRoute(owner, { applicationId: a.id, dialled });
      expect(tested.match, dialled).toEqual(routed && { rule: routed.rule, scenarios: routed.scenarios.map(({ id, name }) => ({ id, name })) });
    }
    await expect(testRoute(await acct.actor("Supervisor"), { applicationId: a.id, dialled: "1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("bad patterns, names and scenario lists are refused naming the field, nothing written", async () => {
    const a = await app(acct.id);
    const other = await app(acct.id);
    const s = await createScenario(owner, { applicationId: a.id, name: uniq("b"), script: "" });
    const elsewhere = await createScenario(owner, { applicationId: other.id, name: uniq("e"), script: "" });
    await createRule(owner, { applicationId: a.id, name: "taken", pattern: ".*", scenarioIds: [s.id] });
    const before = await snapshot(acct.id);
    const base = { applicationId: a.id, name: uniq("r"), pattern: ".*", scenarioIds: [s.id] };
    await expect(createRule(owner, { ...base, pattern: "(a+)+" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "pattern", reason: "rule_pattern_invalid", message: expect.stringContaining("catastrophic") });
    await expect(createRule(owner, { ...base, pattern: "[" })).rejects.toMatchObject({ field: "pattern", message: expect.stringContaining("not a valid regular expression") });
    await expect(createRule(owner, { ...base, patternExclude: "(x*)*y" })).rejects.toMatchObject({ field: "patternExclude" });
    await expect(createRule(owner, { ...base, pattern: "" })).rejects.toMatchObject({ field: "pattern" });
    await expect(createRule(owner, { ...base, name: "taken" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: "rule_name_taken" });
    await expect(createRule(owner, { ...base, scenarioIds: [] })).rejects.toMatchObject({ field: "scenarioIds" });
    await expect(createRule(owner, { ...base, scenarioIds: [elsewhere.id] })).rejects.toMatchObject({ code: "NOT_FOUND", field: "scenarioIds" });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("binding adds scenarios after the rule's own; unbinding keeps at least one; reorder needs exactly the rule's scenarios", async () => {
    const a = await app(acct.id);
    const [s1, s2] = [await createScenario(owner, { applicationId: a.id, name: uniq("a"), script: "" }), await createScenario(owner, { applicationId: null, name: uniq("b"), script: "" })];
    const r = await createRule(owner, { applicationId: a.id, name: "r", pattern: ".*", scenarioIds: [s1.id] });
    await bindScenarios(owner, { ruleId: r.id, scenarioIds: [s2.id, s1.id] });
    const ids = async () => (await listRules(owner, { applicationId: a.id })).items[0]!.scenarios.map((s) => s.id);
    expect(await ids()).toEqual([s1.id, s2.id]);
    await reorderRuleScenarios(owner, { ruleId: r.id, scenarioIds: [s2.id, s1.id] });
    expect(await ids()).toEqual([s2.id, s1.id]);
    await expect(reorderRuleScenarios(owner, { ruleId: r.id, scenarioIds: [s2.id] })).rejects.toMatchObject({ field: "scenarioIds" });
    await bindScenarios(owner, { ruleId: r.id, scenarioIds: [s2.id], bind: false });
    expect(await ids()).toEqual([s1.id]);
    await expect(bindScenarios(owner, { ruleId: r.id, scenarioIds: [s1.id], bind: false })).rejects.toMatchObject({ message: expect.stringContaining("at least one") });
  });

  it("another account's rules and applications read as not found, nothing written", async () => {
    const other = await createTestAccount();
    const theirOwner = await other.actor(OWNER_ROLE);
    const theirApp = await app(other.id);
    const ts = await createScenario(theirOwner, { applicationId: theirApp.id, name: uniq("t"), script: "" });
    const tr = await createRule(theirOwner, { applicationId: theirApp.id, name: "theirs", pattern: ".*", scenarioIds: [ts.id] });
    const mine = await app(acct.id);
    const ms = await createScenario(owner, { applicationId: mine.id, name: uniq("m"), script: "" });
    const before = await snapshot(other.id);
    await expect(updateRule(owner, { ruleId: tr.id, pattern: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteRule(owner, { ruleId: tr.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteRules(owner, { ruleIds: [tr.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reorderRules(owner, { ruleIds: [tr.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bindScenarios(owner, { ruleId: tr.id, scenarioIds: [ms.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createRule(owner, { applicationId: theirApp.id, name: "x", pattern: ".*", scenarioIds: [ms.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createRule(owner, { applicationId: mine.id, name: "x", pattern: ".*", scenarioIds: [ts.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(testRoute(owner, { applicationId: theirApp.id, dialled: "1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listRules(owner, { applicationId: theirApp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(other.id)).toEqual(before);
  });

  it("deleting an application takes its rules and own scenarios, not the shared ones", async () => {
    const { deleteApplication } = await import("@/lib/domains/applications/mutations");
    const a = await app(acct.id);
    const own = await createScenario(owner, { applicationId: a.id, name: uniq("o"), script: "" });
    const shared = await createScenario(owner, { applicationId: null, name: uniq("sh"), script: "" });
    await createRule(owner, { applicationId: a.id, name: "r", pattern: ".*", scenarioIds: [own.id, shared.id] });
    await deleteApplication(owner, { applicationId: a.id });
    expect(await db.rule.count({ where: { applicationId: a.id } })).toBe(0);
    expect(await db.scenario.findUnique({ where: { id: own.id } })).toBeNull();
    expect(await db.scenario.findUnique({ where: { id: shared.id } })).not.toBeNull();
  });
});
