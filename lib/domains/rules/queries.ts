import "server-only";
import { db } from "@/lib/core/db";

/**
 * The application's rules in order (position, then id), patterns only: what routing needs to
 * pick one. Not an access check (the simulator has already resolved the application for its
 * caller); scoped by the application, which belongs to one account.
 */
export async function loadRoutingRules(applicationId: number): Promise<{ id: number; name: string; pattern: string; patternExclude: string }[]> {
  return db.rule.findMany({
    where: { applicationId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, pattern: true, patternExclude: true },
  });
}

/** A rule's scenarios in their order, each with its current script. */
export async function loadRuleScenarios(ruleId: number): Promise<{ id: number; name: string; script: string }[]> {
  const rows = await db.ruleScenario.findMany({
    where: { ruleId },
    orderBy: [{ position: "asc" }, { scenarioId: "asc" }],
    select: { scenario: { select: { id: true, name: true, script: true } } },
  });
  return rows.map((r) => r.scenario);
}
