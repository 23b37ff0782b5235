// Scenarios and rules over the wire, with the public reference's names (ScenarioInfo,
// RuleInfo), through the same domain functions as the panel's pages. Threats: another tenant's
// scenario, rule or application reached by id or by name; a pattern that backtracks
// catastrophically stored through the API; a rule left with nothing to run.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { routeCall } from "../rules/routing";
import { FIXTURE_SCRIPT, fixtureRule, fixtureScenario } from "./api-fixtures";
import { fixtureChild } from "../child-accounts/api-fixtures";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Developer"]);
  app = await fixtureApp(acct.id, "sales");
});

describe("scenario and rule methods", () => {
  it("add scenarios and a rule, list them with scripts and scenarios, reorder, and routeCall follows", async () => {
    const greet = (await callAs(key, "AddScenario", { application_id: String(app.id), scenario_name: "greet", scenario_script: FIXTURE_SCRIPT })).body;
    expect(greet).toEqual({ result: 1, scenario_id: expect.any(Number) });
    const shared = (await callAs(key, "AddScenario", { scenario_name: "shared-log", scenario_script: "Logger.write('x');" })).body;
    expect(shared.result).toBe(1);

    const rule = (await callAs(key, "AddRule", { application_name: "sales", rule_name: "all", rule_pattern: "\\+?[0-9]+", scenario_name: "greet;shared-log" })).body;
    expect(rule).toEqual({ result: 1, rule_id: expect.any(Number) });
    const ruleId = String(rule.rule_id);

    const scenarios = (await callAs(key, "GetScenarios", { application_id: String(app.id), with_script: "true" })).body;
    expect(scenarios).toMatchObject({ count: 2, total_count: 2, application_id: app.id, application_name: "sales" });
    expect(scenarios.result).toEqual(
      expect.arrayContaining([
        { scenario_id: greet.scenario_id, scenario_name: "greet", scenario_script: FIXTURE_SCRIPT, modified: expect.any(String), parent: false },
      ]),
    );
    const rules = (await callAs(key, "GetRules", { application_id: String(app.id), with_scenarios: "true" })).body;
    expect(rules).toMatchObject({ count: 1, total_count: 1 });
    const info = (rules.result as { rule_pattern: string; rule_pattern_exclude: string; scenarios: { scenario_name: string }[] }[])[0]!;
    expect(info).toMatchObject({ rule_id: rule.rule_id, application_id: app.id, rule_name: "all", rule_pattern: "\\+?[0-9]+", rule_pattern_exclude: "", video_conference: false });
    expect(info.scenarios.map((s) => s.scenario_name)).toEqual(["greet", "shared-log"]);

    expect((await callAs(key, "ReorderScenarios", { rule_id: ruleId, scenario_id: `${shared.scenario_id};${greet.scenario_id}` })).body).toEqual({ result: 1 });
    const routed = await routeCall(app.id, "+15550001");
    expect(routed?.scenarios.map((s) => s.name)).toEqual(["shared-log", "greet"]);
    expect(await routeCall(app.id, "alice")).toBeNull();

    // template: only the rules whose (anchored) pattern matches.
    expect((await callAs(key, "GetRules", { application_id: String(app.id), template: "12345" })).body.count).toBe(1);
    expect((await callAs(key, "GetRules", { application_id: String(app.id), template: "x12345" })).body.count).toBe(0);
  });

  it("SetScenarioInfo writes a new version; AddScenario rewrite=true too; DelScenario refuses a scenario a rule starts", async () => {
    const s = await fixtureScenario(acct.id, app.id, "ivr");
    expect((await callAs(key, "SetScenarioInfo", { scenario_id: String(s.id), scenario_script: "Logger.write('v2');" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "AddScenario", { scenario_name: "ivr", scenario_script: "Logger.write('v3');", rewrite: "true" })).body).toMatchObject({ result: 1, scenario_id: s.id });
    const versions = await db.scenarioVersion.findMany({ where: { scenarioId: s.id }, orderBy: { number: "asc" } });
    expect(versions.map((v) => [v.number, v.script])).toEqual([[1, FIXTURE_SCRIPT], [2, "Logger.write('v2');"], [3, "Logger.write('v3');"]]);
    expect((await callAs(key, "AddScenario", { scenario_name: "ivr", scenario_script: "x" })).body.error?.code).toBe(622);

    await fixtureRule(acct.id, app.id, [s.id], "r1");
    expect((await callAs(key, "DelScenario", { scenario_name: "ivr" })).body.error?.code).toBe(624);
    expect(await db.scenario.count({ where: { id: s.id } })).toBe(1);
    await callAs(key, "DelRule", { rule_name: "r1", application_id: String(app.id) });
    expect((await callAs(key, "DelScenario", { scenario_name: "ivr" })).body).toEqual({ result: 1 });
    expect(await db.scenarioVersion.count({ where: { scenarioId: s.id } })).toBe(0);
  });

  it("ReorderRules and SetRuleInfo change routing; BindScenario with bind=false keeps at least one", async () => {
    const a = await fixtureScenario(acct.id, app.id, "a");
    const b = await fixtureScenario(acct.id, app.id, "b");
    const first = await fixtureRule(acct.id, app.id, [a.id], "first", "[0-9]+");
    const second = await fixtureRule(acct.id, app.id, [b.id], "second", "1[0-9]+");
    expect((await routeCall(app.id, "123"))?.rule.name).toBe("first");
    expect((await callAs(key, "ReorderRules", { rule_id: `${second.id};${first.id}` })).body).toEqual({ result: 1 });
    expect((await routeCall(app.id, "123"))?.rule.name).toBe("second");
    expect((await callAs(key, "SetRuleInfo", { rule_id: String(second.id), rule_pattern_exclude: "12[0-9]" })).body).toEqual({ result: 1 });
    expect((await routeCall(app.id, "123"))?.rule.name).toBe("first");

    expect((await callAs(key, "BindScenario", { rule_id: String(first.id), scenario_id: String(b.id) })).body).toEqual({ result: 1 });
    expect((await callAs(key, "BindScenario", { rule_id: String(first.id), scenario_id: `${a.id};${b.id}`, bind: "false" })).body.error?.code).toBeDefined();
    expect(await db.ruleScenario.count({ where: { ruleId: first.id } })).toBe(2);
    expect((await callAs(key, "BindScenario", { rule_id: String(first.id), scenario_id: String(a.id), bind: "false" })).body).toEqual({ result: 1 });
    expect((await routeCall(app.id, "555"))?.scenarios.map((s) => s.name)).toEqual(["b"]);
  });

  it("wire rules and other tenants' objects answer their codes with nothing written", async () => {
    const other = await createTestAccount();
    const theirApp = await fixtureApp(other.id, "theirs");
    const theirScenario = await fixtureScenario(other.id, theirApp.id, "their-sc");
    const theirRule = await fixtureRule(other.id, theirApp.id, [theirScenario.id], "their-rule");
    const mine = await fixtureScenario(acct.id, app.id, "mine");
    const myRule = await fixtureRule(acct.id, app.id, [mine.id], "my-rule");
    const before = await snapshot(acct.id);
    const cases: [string, Record<string, string>, number][] = [
      ["AddScenario", { application_id: String(app.id), scenario_name: "bad name!", scenario_script: "x" }, 101],
      ["AddScenario", { application_id: String(app.id), scenario_name: "big", scenario_script: "x".repeat(128 * 1024 + 1) }, 101],
      ["AddScenario", { application_id: String(theirApp.id), scenario_name: "x1", scenario_script: "x" }, 558],
      ["AddRule", { application_id: String(app.id), rule_name: "evil", rule_pattern: "(a+)+$", scenario_id: String(mine.id) }, 625],
      ["AddRule", { application_id: String(app.id), rule_name: "broken", rule_pattern: "([0-9]", scenario_id: String(mine.id) }, 625],
      ["AddRule", { application_id: String(app.id), rule_name: "theirs", rule_pattern: ".*", scenario_id: String(theirScenario.id) }, 620],
      ["AddRule", { application_id: String(app.id), rule_name: "my-rule", rule_pattern: ".*", scenario_id: String(mine.id) }, 623],
      ["SetRuleInfo", { rule_id: String(theirRule.id), rule_name: "stolen" }, 621],
      ["SetRuleInfo", { rule_id: String(myRule.id), rule_pattern: "(x*)*y" }, 625],
      ["DelRule", { rule_id: String(theirRule.id) }, 621],
      ["DelScenario", { scenario_id: String(theirScenario.id) }, 620],
      ["DelScenario", { scenario_name: "their-sc" }, 620],
      ["SetScenarioInfo", { scenario_id: String(theirScenario.id), scenario_script: "x" }, 620],
      ["BindScenario", { rule_id: String(myRule.id), scenario_id: String(theirScenario.id) }, 620],
      ["BindScenario", { rule_id: String(theirRule.id), scenario_id: String(mine.id) }, 621],
      ["ReorderRules", { rule_id: `${myRule.id};${theirRule.id}` }, 621],
      ["GetRules", { application_id: String(theirApp.id) }, 558],
    ];
    for (const [method, params, code] of cases) {
      const { body } = await callAs(key, method, params);
      expect(body.error?.code, `${method} ${JSON.stringify(params).slice(0, 120)}`).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect((await callAs(key, "GetScenarios", {})).body.result).toEqual([expect.objectContaining({ scenario_name: "mine" })]);
    expect(await db.scenario.findUniqueOrThrow({ where: { id: theirScenario.id } })).toMatchObject({ name: "their-sc", script: FIXTURE_SCRIPT });
  });
});

describe("a child account's key and its parent's shared scenarios", () => {
  it("GetScenarios lists them with parent=true after the child's own; AddRule and BindScenario take them by name; DelScenario of the parent's refuses while the child uses it", async () => {
    const kid = await fixtureChild(acct.id);
    const kidKey = await insertKey(kid.id, ["Developer"]);
    const kidApp = await fixtureApp(kid.id, "kid-app");
    const parentGreet = await fixtureScenario(acct.id, null, "greet");
    const parentPrivate = await fixtureScenario(acct.id, app.id, "private");
    const own = (await callAs(kidKey, "AddScenario", { scenario_name: "own", scenario_script: FIXTURE_SCRIPT })).body;

    const listed = (await callAs(kidKey, "GetScenarios", { application_id: String(kidApp.id) })).body.result as { scenario_id: number; parent: boolean }[];
    expect(listed.map((r) => [r.scenario_id, r.parent])).toEqual([
      [own.scenario_id, false],
      [parentGreet.id, true],
    ]);
    expect(listed.map((r) => r.scenario_id)).not.toContain(parentPrivate.id);

    const rule = (await callAs(kidKey, "AddRule", { application_id: String(kidApp.id), rule_name: "in", rule_pattern: ".*", scenario_name: "greet" })).body;
    expect(rule.result).toBe(1);
    expect((await callAs(kidKey, "BindScenario", { rule_id: String(rule.rule_id), scenario_name: "own" })).body.result).toBe(1);
    expect((await routeCall(kidApp.id, "123"))?.scenarios.map((x) => x.id)).toEqual([parentGreet.id, own.scenario_id]);

    // The child cannot change the parent's scenario; the parent cannot delete it from under the child's rule.
    expect((await callAs(kidKey, "SetScenarioInfo", { scenario_id: String(parentGreet.id), scenario_script: "// mine" })).body.error).toMatchObject({ code: 620 });
    const before = await snapshot(acct.id);
    expect((await callAs(key, "DelScenario", { scenario_id: String(parentGreet.id) })).body.error).toMatchObject({ code: 624, msg: expect.stringContaining(kid.name) });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
