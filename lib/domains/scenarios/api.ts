import "server-only";
// Scenarios: AddScenario, DelScenario, BindScenario, GetScenarios, SetScenarioInfo,
// ReorderScenarios, with the public reference's parameter names and ScenarioInfo structure.
// Every handler calls lib/domains/scenarios and lib/domains/rules, the same functions as the
// panel's Scenarios and Rules pages. StartScenarios is the call simulator's (lib/domains/calls).
// AddScenario without an application makes a shared scenario (the reference's Shared folder).
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import type { Actor } from "@/lib/access/actor-types";
import { APP_REF_FIELDS, appRefParams, resolveOptionalAppRef } from "@/lib/domains/applications/api";
import { bindScenarios, bindScenariosInTx, reorderRuleScenarios } from "@/lib/domains/rules/mutations";
import { resolveRule } from "@/lib/domains/rules/queries";
import { addScenario, deleteScenarios, setScenarioInfo } from "./mutations";
import { listScenarios, scenarioIdsByNames } from "./queries";
import { MAX_SCENARIO_NAME, ZScenarioName, ZScenarioScript } from "./schemas";

const GROUP = "Scenarios";
/** Ours (lib/api/codes.ts): no such scenario / rule. */
const INVALID_SCENARIO_ID = 620;
const INVALID_RULE_ID = 621;

// Wire structures.

export const ZScenarioInfo = z
  .object({
    scenario_id: z.number().int(),
    scenario_name: z.string(),
    scenario_script: z.string().optional(),
    modified: w.timestamp,
    parent: z.boolean().meta({ description: "Whether the scenario is the parent account's shared one (a child account may bind it, not change it)" }),
  })
  .meta({ id: "ScenarioInfo" });
export type ScenarioInfo = z.output<typeof ZScenarioInfo>;

export function scenarioInfo(s: { id: number; name: string; updatedAt: Date; script?: string; parent?: boolean }): ScenarioInfo {
  return { scenario_id: s.id, scenario_name: s.name, ...(s.script !== undefined ? { scenario_script: s.script } : {}), modified: w.formatApiDate(s.updatedAt), parent: s.parent ?? false };
}

const SCENARIO_ERRORS: ErrorMapping = {
  fields: {
    ...APP_REF_FIELDS,
    name: "scenario_name",
    script: "scenario_script",
    scenarioId: "scenario_id",
    scenarioIds: "scenario_id",
    names: "scenario_name",
    requiredName: "required_scenario_name",
    ruleId: "rule_id",
    ruleName: "rule_name",
  },
};

const scenarioName = w.text(ZScenarioName, { description: `The scenario name (latin letters, digits, _ - .; at most ${MAX_SCENARIO_NAME} characters)` });
const scenarioScript = w.text(ZScenarioScript, { description: "The scenario's JavaScript (at most 128 kB)" });
const ruleRef = {
  rule_id: w.id(INVALID_RULE_ID, { description: "The rule id" }).optional(),
  rule_name: w.optionalText(z.string().max(200), "The rule name (with the application, when several applications have one of that name)"),
};

/** rule_id / rule_name (+ the application) -> the actor's rule, or undefined when neither was sent. */
async function ruleOf(actor: Actor, p: { rule_id?: number; rule_name?: string; application_id?: number; application_name?: string }) {
  if (p.rule_id === undefined && p.rule_name === undefined) return undefined;
  const app = await resolveOptionalAppRef(actor, p);
  return resolveRule(actor, { id: p.rule_id, name: p.rule_name, applicationId: app?.id });
}

export const addScenarioMethod = defineMethod({
  name: "AddScenario",
  group: GROUP,
  summary:
    "Adds a scenario to an application (or, without one, a shared scenario every application may use), optionally binding it to a rule; with rewrite=true replaces the text of the scenario of that name (a new version).",
  params: z.object({
    scenario_name: scenarioName,
    scenario_script: scenarioScript.optional(),
    ...ruleRef,
    rewrite: w.bool({ description: "Replace the text of the existing scenario of this name" }).optional(),
    ...appRefParams,
  }),
  oneOf: [
    { params: ["rule_id", "rule_name"], required: false },
    { params: ["application_id", "application_name"], required: false },
  ],
  response: z.object({ result: z.literal(1), scenario_id: z.number().int() }),
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    const rule = await ruleOf(actor, p);
    const app = (await resolveOptionalAppRef(actor, p)) ?? null;
    const applicationId = app?.id ?? rule?.applicationId ?? null;
    const saved = await addScenario(
      actor,
      { applicationId, name: p.scenario_name, script: p.scenario_script ?? "", rewrite: p.rewrite ?? false },
      rule ? (tx, scenarioId) => bindScenariosInTx(tx, actor, rule.id, [scenarioId]) : null,
    );
    return done({ scenario_id: saved.id });
  },
});

export const delScenario = defineMethod({
  name: "DelScenario",
  group: GROUP,
  summary: "Deletes scenarios (ids, all, or names) with their versions. All or nothing; a scenario a rule starts is refused (624).",
  params: z.object({
    scenario_id: w.idListOrAll({ apiCode: INVALID_SCENARIO_ID, description: "The scenario ids" }).optional(),
    scenario_name: w.stringList(z.string().max(200), { description: "The scenario names" }).optional(),
  }),
  oneOf: [{ params: ["scenario_id", "scenario_name"], required: true }],
  response: DONE_RESPONSE,
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    await deleteScenarios(actor, p.scenario_name ? { names: p.scenario_name } : { scenarioIds: p.scenario_id! });
    return done();
  },
});

export const bindScenario = defineMethod({
  name: "BindScenario",
  group: GROUP,
  summary: "Binds scenarios to a rule (appended in order), or unbinds them with bind=false; a rule keeps at least one. The scenarios must be the rule's application's or shared.",
  params: z.object({
    scenario_id: w.intList({ apiCode: INVALID_SCENARIO_ID, description: "The scenario ids" }).optional(),
    scenario_name: w.stringList(z.string().max(200), { description: "The scenario names" }).optional(),
    ...ruleRef,
    ...appRefParams,
    bind: w.bool({ description: "true (default) to bind, false to unbind" }).optional(),
  }),
  oneOf: [
    { params: ["scenario_id", "scenario_name"], required: true },
    { params: ["rule_id", "rule_name"], required: true },
    { params: ["application_id", "application_name"], required: false },
  ],
  response: DONE_RESPONSE,
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    const rule = (await ruleOf(actor, p))!;
    const scenarioIds = p.scenario_name ? await scenarioIdsByNames(actor, p.scenario_name) : p.scenario_id!;
    await bindScenarios(actor, { ruleId: rule.id, scenarioIds, bind: p.bind ?? true });
    return done();
  },
});

export const getScenarios = defineMethod({
  name: "GetScenarios",
  group: GROUP,
  summary:
    "Lists scenarios by name: an application's and the shared ones, or all of the account's, then (a child account) the parent account's shared ones with parent=true; with_script adds each text.",
  params: z.object({
    scenario_id: w.id(INVALID_SCENARIO_ID, { description: "Only this scenario" }).optional(),
    scenario_name: w.optionalText(z.string().max(200), "Only scenarios whose name contains this (case-insensitive)"),
    with_script: w.bool({ description: "Add each scenario's text" }).optional(),
    ...appRefParams,
    ...w.paging,
  }),
  oneOf: [{ params: ["application_id", "application_name"], required: false }],
  response: z.object({
    result: z.array(ZScenarioInfo),
    count: z.number().int(),
    total_count: z.number().int(),
    application_id: z.number().int().optional(),
    application_name: z.string().optional(),
    extended_application_name: z.string().optional(),
  }),
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    const app = (await resolveOptionalAppRef(actor, p)) ?? null;
    const { items, total } = await listScenarios(actor, {
      applicationId: app?.id,
      scenarioId: p.scenario_id,
      namePart: p.scenario_name,
      withScript: p.with_script ?? false,
      offset: p.offset,
      count: p.count,
    });
    return { ...page(items.map(scenarioInfo), total), ...(app ? { application_id: app.id, application_name: app.name, extended_application_name: app.fullName } : {}) };
  },
});

export const setScenarioInfoMethod = defineMethod({
  name: "SetScenarioInfo",
  group: GROUP,
  summary: "Renames a scenario and/or replaces its text (a new version).",
  params: z.object({
    scenario_id: w.id(INVALID_SCENARIO_ID, { description: "The scenario id" }).optional(),
    required_scenario_name: w.optionalText(z.string().max(200), "The scenario's current name (instead of scenario_id)"),
    scenario_name: scenarioName.optional(),
    scenario_script: scenarioScript.optional(),
  }),
  oneOf: [{ params: ["scenario_id", "required_scenario_name"], required: true }],
  response: DONE_RESPONSE,
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    await setScenarioInfo(actor, { scenarioId: p.scenario_id, requiredName: p.required_scenario_name, name: p.scenario_name, script: p.scenario_script });
    return done();
  },
});

export const reorderScenarios = defineMethod({
  name: "ReorderScenarios",
  group: GROUP,
  summary: "Sets the order of a rule's scenarios: list exactly its scenarios, first to run first.",
  params: z.object({
    ...ruleRef,
    scenario_id: w.intList({ apiCode: INVALID_SCENARIO_ID, description: "The rule's scenario ids in their new order" }),
  }),
  oneOf: [{ params: ["rule_id", "rule_name"], required: true }],
  response: DONE_RESPONSE,
  errors: SCENARIO_ERRORS,
  async handler(p, { actor }) {
    const rule = (await ruleOf(actor, p))!;
    await reorderRuleScenarios(actor, { ruleId: rule.id, scenarioIds: p.scenario_id });
    return done();
  },
});

export const scenarioMethods: RegisteredMethod[] = [addScenarioMethod, delScenario, bindScenario, getScenarios, setScenarioInfoMethod, reorderScenarios] as RegisteredMethod[];
