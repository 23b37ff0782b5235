// Routing: which rule a dialled number or user name reaches, and the scenarios it starts. The
// call simulator (lib/domains/calls) and the Rules page's tester both call routeCall, so what
// the tester shows is what a call does.
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { applicationNotFound, getApplication } from "@/lib/domains/applications/queries";
import type { RouteCall, RouteMatch } from "@/lib/domains/scenarios/runtime-contract";
import { ruleMatches } from "./patterns";
import { loadRoutingRules, loadRuleScenarios } from "./queries";
import { ZTestRouteInput, type TestRouteInput } from "./schemas";

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

export type RouteTest = { dialled: string; match: { rule: { id: number; name: string }; scenarios: { id: number; name: string }[] } | null };

/**
 * The Rules page's tester: what a call to `dialled` in the actor's application would run,
 * answered by routeCall itself (the code the call simulator uses), without the scripts.
 */
export async function testRoute(actor: Actor, input: TestRouteInput): Promise<RouteTest> {
  authorize(actor, { section: "application.rules", method: "GetRules" });
  const p = parseInput(ZTestRouteInput, input);
  const app = await getApplication(actor, p.applicationId);
  if (!app) throw applicationNotFound();
  const match = await routeCall(app.id, p.dialled);
  return { dialled: p.dialled, match: match && { rule: match.rule, scenarios: match.scenarios.map(({ id, name }) => ({ id, name })) } };
}
