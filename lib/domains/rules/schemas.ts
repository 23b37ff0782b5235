// Rule inputs, shared by the Rules page's forms and actions, the mutations and the Management
// API (AddRule, SetRuleInfo, DelRule, GetRules, ReorderRules, BindScenario, ReorderScenarios).
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { ZScenarioId } from "@/lib/domains/scenarios/schemas";
import { MAX_DIALLED_LENGTH, patternProblem } from "./patterns";

/** The reference: a rule's name "should be less than 100" characters. */
export const MAX_RULE_NAME = 99;
/** Ours: how many scenarios one rule may start. */
export const MAX_RULE_SCENARIOS = 20;

export const ZRuleId = zId("Invalid rule id", "rule_not_found");

export const ZRuleName = z
  .string({ error: "Rule name is required" })
  .trim()
  .superRefine(safeText("Rule name"))
  .superRefine((v, ctx) => {
    if (v.length === 0) issue(ctx, "Rule name is required", "required_empty");
    else if (v.length > MAX_RULE_NAME) issue(ctx, `Rule name must be at most ${MAX_RULE_NAME} characters`);
  });

const pattern = (label: string, required: boolean) =>
  z
    .string({ error: `${label} is required` })
    .superRefine(safeText(label))
    .superRefine((v, ctx) => {
      if (v === "") {
        if (required) issue(ctx, `${label} is required`, "required_empty");
        return;
      }
      const problem = patternProblem(v);
      if (problem) issue(ctx, `${label} ${problem}`, "rule_pattern_invalid");
    });

/** A rule's pattern: a regular expression the whole dialled number or user name must match. */
export const ZRulePattern = pattern("Pattern", true);
/** The exclude pattern: "" for none. */
export const ZRulePatternExclude = pattern("Exclude pattern", false);

const ZScenarioIds = z
  .array(ZScenarioId, { error: "Choose the scenarios the rule starts" })
  .min(1, "Choose at least one scenario")
  .max(MAX_RULE_SCENARIOS, `A rule starts at most ${MAX_RULE_SCENARIOS} scenarios`)
  .refine((ids) => new Set(ids).size === ids.length, "A scenario is listed twice");

export const ZCreateRuleInput = z.object({
  applicationId: ZApplicationId,
  name: ZRuleName,
  pattern: ZRulePattern,
  patternExclude: ZRulePatternExclude.default(""),
  videoConference: z.boolean().default(false),
  scenarioIds: ZScenarioIds,
});
export type CreateRuleInput = z.input<typeof ZCreateRuleInput>;

/** Edit: any of the fields; scenarioIds replaces the rule's scenarios and their order. */
export const ZUpdateRuleInput = z.object({
  ruleId: ZRuleId,
  name: ZRuleName.optional(),
  pattern: ZRulePattern.optional(),
  patternExclude: ZRulePatternExclude.optional(),
  videoConference: z.boolean().optional(),
  scenarioIds: ZScenarioIds.optional(),
});
export type UpdateRuleInput = z.input<typeof ZUpdateRuleInput>;

export const ZDeleteRuleInput = z.object({ ruleId: ZRuleId });
export type DeleteRuleInput = z.input<typeof ZDeleteRuleInput>;

/** The keyboard's Move up / Move down. */
export const ZMoveRuleInput = z.object({ ruleId: ZRuleId, direction: z.enum(["up", "down"], { error: "Choose up or down" }) });
export type MoveRuleInput = z.input<typeof ZMoveRuleInput>;

/** ReorderRules / a drag: the listed rules (of one application) take the places they held, in this order. */
export const ZReorderRulesInput = z.object({
  ruleIds: z
    .array(ZRuleId)
    .min(1, "List the rules to reorder")
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, "A rule is listed twice"),
});
export type ReorderRulesInput = z.input<typeof ZReorderRulesInput>;

/** BindScenario: add (bind) or remove (unbind) scenarios of a rule. */
export const ZBindScenariosInput = z.object({
  ruleId: ZRuleId,
  scenarioIds: z.array(ZScenarioId).min(1, "List the scenarios").max(MAX_RULE_SCENARIOS),
  bind: z.boolean().default(true),
});
export type BindScenariosInput = z.input<typeof ZBindScenariosInput>;

/** ReorderScenarios: the rule's scenarios in their new order (exactly the ones it has). */
export const ZReorderScenariosInput = z.object({ ruleId: ZRuleId, scenarioIds: ZScenarioIds });
export type ReorderScenariosInput = z.input<typeof ZReorderScenariosInput>;

/** The rule tester: a number or user name as a call would dial it. */
export const ZTestRouteInput = z.object({
  applicationId: ZApplicationId,
  dialled: z
    .string({ error: "Enter a number or user name" })
    .trim()
    .min(1, "Enter a number or user name")
    .max(MAX_DIALLED_LENGTH, `At most ${MAX_DIALLED_LENGTH} characters`)
    .superRefine(safeText("The number or user name")),
});
export type TestRouteInput = z.input<typeof ZTestRouteInput>;

/** GetRules / the Rules page: an application's rules in order. */
export const ZListRulesInput = z.object({
  applicationId: ZApplicationId,
  ruleId: ZRuleId.optional(),
  namePart: z.string().trim().max(200).superRefine(safeText("Name filter")).optional(),
  /** GetRules' `template`: only rules whose pattern matches this string. */
  template: z.string().trim().max(MAX_DIALLED_LENGTH).superRefine(safeText("Template")).optional(),
  videoConference: z.boolean().optional(),
  withScenarios: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(1000),
});
export type ListRulesInput = z.input<typeof ZListRulesInput>;
