import "server-only";
// Rules: AddRule, DelRule, SetRuleInfo, GetRules, ReorderRules, with the public reference's
// parameter names and RuleInfo structure. Every handler calls lib/domains/rules, the same
// functions as the panel's Rules page (patterns validated there: 625 for one that does not
// compile or can backtrack catastrophically). bind_key_id / attached_key_id are accepted and
// ignored: rules here start scenarios with no service account of their own.
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, resolveAppRef } from "@/lib/domains/applications/api";
import { resolveApplication } from "@/lib/domains/applications/queries";
import { scenarioIdsByNames } from "@/lib/domains/scenarios/queries";
import { ZScenarioInfo, scenarioInfo } from "@/lib/domains/scenarios/api";
import { createRule, deleteRules, reorderRules, updateRule } from "./mutations";
import { listRules, type RuleDto } from "./queries";
import { MAX_RULE_NAME, ZRuleName, ZRulePattern, ZRulePatternExclude } from "./schemas";

const GROUP = "Rules";
const INVALID_APPLICATION_ID = 116;
const INVALID_SCENARIO_ID = 620;
const INVALID_RULE_ID = 621;

export const ZRuleInfo = z
  .object({
    rule_id: z.number().int(),
    application_id: z.number().int(),
    rule_name: z.string(),
    rule_pattern: z.string(),
    rule_pattern_exclude: z.string(),
    video_conference: z.boolean(),
    scenarios: z.array(ZScenarioInfo).optional(),
    modified: w.timestamp,
  })
  .meta({ id: "RuleInfo" });
export type RuleInfo = z.output<typeof ZRuleInfo>;

export function ruleInfo(r: RuleDto, withScenarios: boolean): RuleInfo {
  return {
    rule_id: r.id,
    application_id: r.applicationId,
    rule_name: r.name,
    rule_pattern: r.pattern,
    rule_pattern_exclude: r.patternExclude,
    video_conference: r.videoConference,
    ...(withScenarios ? { scenarios: r.scenarios.map(scenarioInfo) } : {}),
    modified: w.formatApiDate(r.updatedAt),
  };
}

const RULE_ERRORS: ErrorMapping = {
  fields: {
    ...APP_REF_FIELDS,
    applicationIds: "application_id",
    name: "rule_name",
    pattern: "rule_pattern",
    patternExclude: "rule_pattern_exclude",
    videoConference: "video_conference",
    scenarioIds: "scenario_id",
    ruleId: "rule_id",
    ruleIds: "rule_id",
    names: "rule_name",
  },
};

const ruleName = w.text(ZRuleName, { description: `The rule name (at most ${MAX_RULE_NAME} characters, unique in the application)` });
const rulePattern = w.text(ZRulePattern, { description: "A regular expression the whole dialled number or user name must match (anchored)" });
const rulePatternExclude = w.text(ZRulePatternExclude, { description: "A regular expression; a dialled string it matches (wholly) skips the rule" });
const videoConference = w.bool({ description: "Whether the rule is for video conferences (stored; routing ignores it)" });
const bindKeyId = w.optionalText(z.string().max(100), "Accepted and ignored");

export const addRule = defineMethod({
  name: "AddRule",
  group: GROUP,
  summary: "Adds a rule at the end of the application's order, starting the listed scenarios (the application's or shared) in order.",
  params: z.object({
    rule_name: ruleName,
    rule_pattern: rulePattern,
    ...appRefParams,
    rule_pattern_exclude: rulePatternExclude.optional(),
    video_conference: videoConference.optional(),
    bind_key_id: bindKeyId,
    scenario_id: w.intList({ apiCode: INVALID_SCENARIO_ID, description: "The scenario ids" }).optional(),
    scenario_name: w.stringList(z.string().max(200), { description: "The scenario names" }).optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true), { params: ["scenario_id", "scenario_name"], required: true }],
  response: z.object({ result: z.literal(1), rule_id: z.number().int() }),
  errors: RULE_ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const scenarioIds = p.scenario_name ? await scenarioIdsByNames(actor, p.scenario_name) : p.scenario_id!;
    const rule = await createRule(actor, {
      applicationId: app.id,
      name: p.rule_name,
      pattern: p.rule_pattern,
      patternExclude: p.rule_pattern_exclude ?? "",
      videoConference: p.video_conference ?? false,
      scenarioIds,
    });
    return done({ rule_id: rule.id });
  },
});

export const delRule = defineMethod({
  name: "DelRule",
  group: GROUP,
  summary: "Deletes rules: ids; all (of the given applications, or of all with application_id=all); or names within the given applications. All or nothing.",
  params: z.object({
    rule_id: w.idListOrAll({ apiCode: INVALID_RULE_ID, description: "The rule ids" }).optional(),
    rule_name: w.stringList(z.string().max(200), { description: "The rule names (with the applications)" }).optional(),
    application_id: w.idListOrAll({ apiCode: INVALID_APPLICATION_ID, description: "The applications" }).optional(),
    application_name: w.stringList(z.string().max(200), { description: "The application names" }).optional(),
  }),
  oneOf: [
    { params: ["rule_id", "rule_name"], required: true },
    { params: ["application_id", "application_name"], required: false },
  ],
  response: DONE_RESPONSE,
  errors: RULE_ERRORS,
  async handler(p, { actor }) {
    let applicationIds: number[] | "all" | undefined = p.application_id;
    if (p.application_name) {
      applicationIds = [];
      for (const name of p.application_name) applicationIds.push((await resolveApplication(actor, { applicationName: name })).id);
    }
    if (p.rule_name) {
      if (applicationIds === undefined || applicationIds === "all") {
        await deleteRules(actor, { names: p.rule_name, applicationIds: [] });
      } else await deleteRules(actor, { names: p.rule_name, applicationIds });
    } else if (p.rule_id === "all") {
      await deleteRules(actor, { ruleIds: "all", applicationIds: applicationIds ?? "all" });
    } else {
      await deleteRules(actor, { ruleIds: p.rule_id! });
    }
    return done();
  },
});

export const setRuleInfo = defineMethod({
  name: "SetRuleInfo",
  group: GROUP,
  summary: "Renames a rule and/or changes its patterns.",
  params: z.object({
    rule_id: w.id(INVALID_RULE_ID, { description: "The rule id" }),
    rule_name: ruleName.optional(),
    rule_pattern: rulePattern.optional(),
    rule_pattern_exclude: rulePatternExclude.optional(),
    video_conference: videoConference.optional(),
    bind_key_id: bindKeyId,
  }),
  response: DONE_RESPONSE,
  errors: RULE_ERRORS,
  async handler(p, { actor }) {
    await updateRule(actor, { ruleId: p.rule_id, name: p.rule_name, pattern: p.rule_pattern, patternExclude: p.rule_pattern_exclude, videoConference: p.video_conference });
    return done();
  },
});

export const getRules = defineMethod({
  name: "GetRules",
  group: GROUP,
  summary: "Lists an application's rules in their order (the order calls try them); template keeps the rules a dialled string would match; with_scenarios adds their scenarios in order.",
  params: z.object({
    ...appRefParams,
    rule_id: w.id(INVALID_RULE_ID, { description: "Only this rule" }).optional(),
    rule_name: w.optionalText(z.string().max(200), "Only rules whose name contains this"),
    video_conference: videoConference.optional(),
    attached_key_id: bindKeyId,
    template: w.optionalText(z.string().max(128), "Only rules whose pattern matches this number or user name"),
    with_scenarios: w.bool({ description: "Add each rule's scenarios" }).optional(),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: listResponse(ZRuleInfo),
  errors: RULE_ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const { items, total } = await listRules(actor, {
      applicationId: app.id,
      ruleId: p.rule_id,
      namePart: p.rule_name,
      template: p.template,
      videoConference: p.video_conference,
      offset: p.offset,
      count: p.count,
    });
    return page(items.map((r) => ruleInfo(r, p.with_scenarios ?? false)), total);
  },
});

export const reorderRulesMethod = defineMethod({
  name: "ReorderRules",
  group: GROUP,
  summary: "Reorders rules of one application: the listed rules take the places they held, in the listed order (list them all to set the whole order).",
  params: z.object({ rule_id: w.intList({ apiCode: INVALID_RULE_ID, description: "The rule ids in their new order" }) }),
  response: DONE_RESPONSE,
  errors: RULE_ERRORS,
  async handler(p, { actor }) {
    await reorderRules(actor, { ruleIds: p.rule_id });
    return done();
  },
});

export const ruleMethods: RegisteredMethod[] = [addRule, delRule, setRuleInfo, getRules, reorderRulesMethod] as RegisteredMethod[];
