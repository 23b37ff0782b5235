// The simulator's real routing and sandbox (lib/domains/rules, lib/domains/scenarios): what a call
// placed in the running server uses unless a test injects scripted ones (./simulator.ts deps).
import { smartQueueSnapshot } from "@/lib/domains/queues/queries";
import { loadRoutingRules, loadRuleScenarios } from "@/lib/domains/rules/queries";
import { routeCall } from "@/lib/domains/rules/routing";
import { runScenarios } from "@/lib/domains/scenarios/runtime";
import type { RouteMatch } from "@/lib/domains/scenarios/runtime-contract";

/** A rule of the application by id, with its scenarios in order (StartScenarios' rule_id, the panel's rule choice). */
export async function ruleById(applicationId: number, ruleId: number): Promise<RouteMatch | null> {
  const rule = (await loadRoutingRules(applicationId)).find((r) => r.id === ruleId);
  return rule ? { rule: { id: rule.id, name: rule.name }, scenarios: await loadRuleScenarios(rule.id) } : null;
}

export const realRuntime = { route: routeCall, ruleById, run: runScenarios, smartQueue: smartQueueSnapshot };
