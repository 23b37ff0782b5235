// Routing: which rule a dialled number or user name reaches, and the scenarios it starts. The
// call simulator (lib/domains/calls) and the Rules page's tester both call routeCall, so what
// the tester shows is what a call does.
import type { RouteCall, RouteMatch } from "@/lib/domains/scenarios/runtime-contract";
import { ruleMatches } from "./patterns";
import { loadRoutingRules, loadRuleScenarios } from "./queries";

/** The first rule (in the application's order) whose rule matches `dialled`, without its scenarios. */
export function firstMatchingRule<R extends { pattern: string; patternExclude: string }>(rules: readonly R[], dialled: string): R | null {
  return rules.find((r) => ruleMatches(r, dialled)) ?? null;
}

/**
 * The application's rules in order; the first whose pattern matches the whole dialled string
 * (and whose exclude pattern does not) wins, with its scenarios in order and their current
 * scripts. null: no rule matches. Patterns are anchored (lib/domains/rules/patterns.ts).
 */
export const routeCall: RouteCall = async (applicationId: number, dialled: string): Promise<RouteMatch | null> => {
  const rule = firstMatchingRule(await loadRoutingRules(applicationId), dialled);
  if (!rule) return null;
  return { rule: { id: rule.id, name: rule.name }, scenarios: await loadRuleScenarios(rule.id) };
};
