import { z } from "zod";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { ZScenarioName } from "@/lib/domains/scenarios/schemas";
import { ZRulePattern } from "@/lib/domains/rules/schemas";

/**
 * The Marketplace's Install: a template (templates.ts) into one of the account's applications,
 * as a scenario named `scenarioName`; with `addRule`, also a routing rule of the same name,
 * matching `rulePattern`, first in the application's order with `ruleFirst` (the default: a rule
 * placed after a catch-all would never run) or else last (both ignored without `addRule`). `values`: the
 * template's own fields by name, as the form sends them (text).
 */
export const ZInstallTemplateInput = z.object({
  templateId: z.string({ error: "Choose a template" }).max(100, "Choose a template"),
  applicationId: ZApplicationId,
  scenarioName: ZScenarioName,
  addRule: z.boolean().default(true),
  rulePattern: z.string().default(""),
  ruleFirst: z.boolean().default(true),
  values: z.record(z.string().max(100), z.string().max(10_000), { error: "The template's fields are missing" }).default({}),
});
export type InstallTemplateInput = z.input<typeof ZInstallTemplateInput>;

/** The rule's pattern, checked only when a rule is added. */
export const ZInstallRulePattern = z.object({ rulePattern: ZRulePattern });
