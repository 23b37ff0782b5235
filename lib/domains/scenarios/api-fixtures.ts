// Test-only: one valid call for each Management API method of scenarios and rules, merged into
// the registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { withApp } from "../applications/api-fixtures";

const tag = () => randomBytes(4).toString("hex");

export const FIXTURE_SCRIPT = 'VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); e.call.hangup(); });';

/** A scenario with one version (applicationId null: shared). */
export async function fixtureScenario(accountId: number, applicationId: number | null, name = `sc-${tag()}`, script = FIXTURE_SCRIPT) {
  return db.scenario.create({
    data: { accountId, applicationId, name, script, versions: { create: { accountId, number: 1, script, authorName: "fixture" } } },
  });
}

/** A rule at the end of the application's order starting the given scenarios in order. */
export async function fixtureRule(accountId: number, applicationId: number, scenarioIds: number[], name = `rule-${tag()}`, pattern = ".*") {
  const position = await db.rule.count({ where: { applicationId } });
  return db.rule.create({
    data: { accountId, applicationId, name, pattern, position, scenarios: { create: scenarioIds.map((scenarioId, i) => ({ scenarioId, position: i })) } },
  });
}

export const SCENARIO_FIXTURES: Fixtures = {
  AddScenario: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), scenario_name: `new-${tag()}`, scenario_script: FIXTURE_SCRIPT } }),
  DelScenario: async (ctx) => ({ params: { scenario_id: String((await fixtureScenario(ctx.accountId, (await withApp(ctx)).id)).id) } }),
  BindScenario: async (ctx) => {
    const app = await withApp(ctx);
    const a = await fixtureScenario(ctx.accountId, app.id);
    const b = await fixtureScenario(ctx.accountId, null);
    const rule = await fixtureRule(ctx.accountId, app.id, [a.id]);
    return { params: { rule_id: String(rule.id), scenario_id: String(b.id) } };
  },
  GetScenarios: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureScenario(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), with_script: "true" } };
  },
  SetScenarioInfo: async (ctx) => {
    const s = await fixtureScenario(ctx.accountId, (await withApp(ctx)).id);
    return { params: { required_scenario_name: s.name, scenario_name: `renamed-${tag()}`, scenario_script: `${FIXTURE_SCRIPT}\n// v2` } };
  },
  ReorderScenarios: async (ctx) => {
    const app = await withApp(ctx);
    const a = await fixtureScenario(ctx.accountId, app.id);
    const b = await fixtureScenario(ctx.accountId, app.id);
    const rule = await fixtureRule(ctx.accountId, app.id, [a.id, b.id]);
    return { params: { rule_id: String(rule.id), scenario_id: `${b.id};${a.id}` } };
  },
  AddRule: async (ctx) => {
    const app = await withApp(ctx);
    const s = await fixtureScenario(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), rule_name: "all", rule_pattern: "\\+?[0-9]+", scenario_id: String(s.id) } };
  },
  DelRule: async (ctx) => {
    const app = await withApp(ctx);
    const rule = await fixtureRule(ctx.accountId, app.id, [(await fixtureScenario(ctx.accountId, app.id)).id]);
    return { params: { rule_id: String(rule.id) } };
  },
  SetRuleInfo: async (ctx) => {
    const app = await withApp(ctx);
    const rule = await fixtureRule(ctx.accountId, app.id, [(await fixtureScenario(ctx.accountId, app.id)).id]);
    return { params: { rule_id: String(rule.id), rule_name: `renamed-${tag()}`, rule_pattern: "1[0-9]{3}" } };
  },
  GetRules: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureRule(ctx.accountId, app.id, [(await fixtureScenario(ctx.accountId, app.id)).id]);
    return { params: { application_name: app.name, with_scenarios: "true" } };
  },
  ReorderRules: async (ctx) => {
    const app = await withApp(ctx);
    const s = await fixtureScenario(ctx.accountId, app.id);
    const a = await fixtureRule(ctx.accountId, app.id, [s.id]);
    const b = await fixtureRule(ctx.accountId, app.id, [s.id]);
    return { params: { rule_id: `${b.id};${a.id}` } };
  },
};
