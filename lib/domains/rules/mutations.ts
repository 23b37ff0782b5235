import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, conflict, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { parentAccountIdOf, usableScenarioWhere } from "@/lib/domains/scenarios/queries";
import { findOwnRule, findOwnRuleByName } from "./queries";
import {
  MAX_RULE_SCENARIOS,
  ZBindScenariosInput,
  ZCreateRuleInput,
  ZDeleteRuleInput,
  ZMoveRuleInput,
  ZReorderRulesInput,
  ZReorderScenariosInput,
  ZRuleId,
  ZUpdateRuleInput,
  type BindScenariosInput,
  type CreateRuleInput,
  type DeleteRuleInput,
  type MoveRuleInput,
  type ReorderRulesInput,
  type ReorderScenariosInput,
  type UpdateRuleInput,
} from "./schemas";

// Rule changes: `application.rules` (API keys: the method's roles); binding and ordering a
// rule's scenarios from the Scenarios family of the API (BindScenario, ReorderScenarios) needs
// `application.scenarios`, as the reference files them. A rule's scenarios are its
// application's or the account's shared ones, and a rule always has at least one. Positions
// are kept dense (0..n-1) so "move up" and a drag are plain swaps of places.

const nameTaken = () => conflict("name", "A rule with this name already exists in this application", "rule_name_taken");

async function assertNameFree(tx: Tx, actor: Actor, applicationId: number, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.rule.findFirst({ where: { accountId: actor.accountId, applicationId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw nameTaken();
}

/**
 * The scenarios, each usable in the application: the actor's (the application's own or shared)
 * or, for a child account, its parent's shared ones; NOT_FOUND naming `field` otherwise.
 */
async function usableScenarios(tx: Tx, actor: Actor, applicationId: number, ids: readonly number[], field = "scenarioIds"): Promise<{ id: number; name: string }[]> {
  const parentId = await parentAccountIdOf(tx, actor.accountId);
  const rows = await tx.scenario.findMany({
    where: { AND: [{ id: { in: [...ids] } }, usableScenarioWhere(actor, parentId, applicationId)] },
    select: { id: true, name: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const s = byId.get(id);
    if (!s) throw new AppError("NOT_FOUND", { message: `Scenario ${id} not found in this application`, field, reason: "scenario_not_found" });
    return s;
  });
}

async function writeScenarioList(tx: Tx, ruleId: number, scenarioIds: readonly number[]): Promise<void> {
  await tx.ruleScenario.deleteMany({ where: { ruleId } });
  for (const [position, scenarioId] of scenarioIds.entries()) await tx.ruleScenario.create({ data: { ruleId, scenarioId, position } });
}

/** Rewrites the application's rule positions to 0..n-1 in `order`. */
async function writePositions(tx: Tx, actor: Actor, order: readonly { id: number; position: number }[]): Promise<void> {
  for (const [position, r] of order.entries()) {
    if (r.position !== position) await tx.rule.updateMany({ where: { id: r.id, accountId: actor.accountId }, data: { position } });
  }
}

async function rulesInOrder(tx: Tx, actor: Actor, applicationId: number) {
  return tx.rule.findMany({ where: { accountId: actor.accountId, applicationId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, name: true, position: true } });
}

export type SavedRule = { id: number; name: string; applicationId: number };

/** AddRule / the Rules page's Add rule: last in the application's order. */
export async function createRule(actor: Actor, input: CreateRuleInput): Promise<SavedRule> {
  authorize(actor, { section: "application.rules", method: "AddRule" });
  const data = parseInput(ZCreateRuleInput, input);
  try {
    return await db.$transaction((tx) => createRuleInTx(tx, actor, data));
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/**
 * createRule's writes, inside the caller's transaction (the Marketplace installs a scenario and its
 * rule in one): the caller has authorized the actor and parsed `data`. The rule goes last in the
 * application's order, or `first` (the others move down one). Throws NOT_FOUND for an
 * application or scenario outside the account, CONFLICT (`name`) for a name the application uses.
 */
export async function createRuleInTx(tx: Tx, actor: Actor, data: z.output<typeof ZCreateRuleInput>, at: "first" | "last" = "last"): Promise<SavedRule> {
  const app = await findOwnApplication(tx, actor, data.applicationId);
  await assertNameFree(tx, actor, app.id, data.name);
  const scenarios = await usableScenarios(tx, actor, app.id, data.scenarioIds);
  const order = await rulesInOrder(tx, actor, app.id);
  // First: the others move down one place (positions stay dense, 0..n-1).
  if (at === "first") {
    for (const [i, r] of order.entries()) await tx.rule.updateMany({ where: { id: r.id, accountId: actor.accountId }, data: { position: i + 1 } });
  }
  const position = at === "first" ? 0 : order.length;
  const rule = await tx.rule.create({
    data: { accountId: actor.accountId, applicationId: app.id, name: data.name, pattern: data.pattern, patternExclude: data.patternExclude, videoConference: data.videoConference, position },
    select: { id: true, name: true, applicationId: true },
  });
  await writeScenarioList(tx, rule.id, data.scenarioIds);
  await audit(tx, actor, {
    action: "rule.create",
    targetType: "rule",
    targetId: rule.id,
    detail: { name: rule.name, application: app.name, pattern: data.pattern, patternExclude: data.patternExclude, scenarios: scenarios.map((s) => s.name) },
  });
  return rule;
}

/** SetRuleInfo / the Rules page's Edit: name, patterns, and (the panel) its scenarios in order. */
export async function updateRule(actor: Actor, input: UpdateRuleInput): Promise<SavedRule> {
  authorize(actor, { section: "application.rules", method: "SetRuleInfo" });
  const data = parseInput(ZUpdateRuleInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const rule = await findOwnRule(tx, actor, data.ruleId);
      if (data.name !== undefined) await assertNameFree(tx, actor, rule.applicationId, data.name, rule.id);
      const scenarios = data.scenarioIds ? await usableScenarios(tx, actor, rule.applicationId, data.scenarioIds) : null;
      const changes = {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.pattern !== undefined ? { pattern: data.pattern } : {}),
        ...(data.patternExclude !== undefined ? { patternExclude: data.patternExclude } : {}),
        ...(data.videoConference !== undefined ? { videoConference: data.videoConference } : {}),
      };
      await tx.rule.updateMany({ where: { id: rule.id, accountId: actor.accountId }, data: { ...changes, updatedAt: new Date() } });
      if (data.scenarioIds) await writeScenarioList(tx, rule.id, data.scenarioIds);
      await audit(tx, actor, {
        action: "rule.update",
        targetType: "rule",
        targetId: rule.id,
        detail: { name: rule.name, changes, ...(scenarios ? { scenarios: scenarios.map((s) => s.name) } : {}) },
      });
      return { id: rule.id, name: data.name ?? rule.name, applicationId: rule.applicationId };
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

async function removeInTx(tx: Tx, actor: Actor, rule: { id: number; name: string; applicationId: number }): Promise<void> {
  await tx.ruleScenario.deleteMany({ where: { ruleId: rule.id } });
  await tx.rule.deleteMany({ where: { id: rule.id, accountId: actor.accountId } });
  await writePositions(tx, actor, await rulesInOrder(tx, actor, rule.applicationId));
  await audit(tx, actor, { action: "rule.delete", targetType: "rule", targetId: rule.id, detail: { name: rule.name } });
}

/** The Rules page's Delete. The scenarios stay. */
export async function deleteRule(actor: Actor, input: DeleteRuleInput): Promise<SavedRule> {
  authorize(actor, { section: "application.rules", method: "DelRule" });
  const data = parseInput(ZDeleteRuleInput, input);
  return db.$transaction(async (tx) => {
    const rule = await findOwnRule(tx, actor, data.ruleId);
    await removeInTx(tx, actor, rule);
    return { id: rule.id, name: rule.name, applicationId: rule.applicationId };
  });
}

const ZDeleteRulesInput = z.union([
  z.strictObject({ ruleIds: z.array(ZRuleId).min(1).max(1000) }),
  z.strictObject({ ruleIds: z.literal("all"), applicationIds: z.union([z.literal("all"), z.array(ZApplicationId).min(1).max(1000)]) }),
  z.strictObject({ names: z.array(z.string().trim().min(1).max(200)).min(1).max(1000), applicationIds: z.array(ZApplicationId).min(1).max(1000) }),
]);
export type DeleteRulesInput = z.input<typeof ZDeleteRulesInput>;

/** DelRule: rule ids; `all` rules of applications (or of every application); or names within applications. All or nothing. */
export async function deleteRules(actor: Actor, input: DeleteRulesInput): Promise<SavedRule[]> {
  authorize(actor, { section: "application.rules", method: "DelRule" });
  const data = parseInput(ZDeleteRulesInput, input);
  return db.$transaction(async (tx) => {
    const rules: { id: number; name: string; applicationId: number; position: number }[] = [];
    if ("names" in data) {
      for (const appId of new Set(data.applicationIds)) {
        const app = await findOwnApplication(tx, actor, appId);
        for (const n of new Set(data.names)) rules.push(await findOwnRuleByName(tx, actor, app.id, n, "names"));
      }
    } else if (data.ruleIds === "all") {
      const appIds: number[] | null = data.applicationIds === "all" ? null : [];
      if (appIds) for (const id of new Set(data.applicationIds as number[])) appIds.push((await findOwnApplication(tx, actor, id)).id);
      rules.push(
        ...(await tx.rule.findMany({
          where: { accountId: actor.accountId, ...(appIds ? { applicationId: { in: appIds } } : {}) },
          select: { id: true, name: true, applicationId: true, position: true },
          orderBy: { id: "asc" },
        })),
      );
    } else {
      for (const id of new Set(data.ruleIds)) rules.push(await findOwnRule(tx, actor, id));
    }
    for (const r of rules) await removeInTx(tx, actor, r);
    return rules.map(({ id, name, applicationId }) => ({ id, name, applicationId }));
  });
}

/** Move up / Move down (the keyboard's way to reorder): swaps the rule with its neighbour. */
export async function moveRule(actor: Actor, input: MoveRuleInput): Promise<{ moved: boolean }> {
  authorize(actor, { section: "application.rules", method: "ReorderRules" });
  const data = parseInput(ZMoveRuleInput, input);
  return db.$transaction(async (tx) => {
    const rule = await findOwnRule(tx, actor, data.ruleId);
    const order = await rulesInOrder(tx, actor, rule.applicationId);
    const i = order.findIndex((r) => r.id === rule.id);
    const j = data.direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= order.length) return { moved: false };
    const next = [...order];
    [next[i], next[j]] = [next[j]!, next[i]!];
    await writePositions(tx, actor, next);
    await audit(tx, actor, { action: "rule.reorder", targetType: "rule", targetId: rule.id, detail: { name: rule.name, direction: data.direction, order: next.map((r) => r.name) } });
    return { moved: true };
  });
}

/**
 * ReorderRules / a drag on the Rules page: the listed rules, all of one application, take the
 * places they held among its rules, in the listed order (listing all of them sets the whole order).
 */
export async function reorderRules(actor: Actor, input: ReorderRulesInput): Promise<{ applicationId: number }> {
  authorize(actor, { section: "application.rules", method: "ReorderRules" });
  const data = parseInput(ZReorderRulesInput, input);
  return db.$transaction(async (tx) => {
    const listed = [];
    for (const id of data.ruleIds) listed.push(await findOwnRule(tx, actor, id));
    const applicationId = listed[0]!.applicationId;
    if (listed.some((r) => r.applicationId !== applicationId)) {
      throw new AppError("INVALID_INPUT", { message: "The rules must belong to the same application", field: "ruleIds" });
    }
    const order = await rulesInOrder(tx, actor, applicationId);
    const ids = new Set(data.ruleIds);
    const queue = [...data.ruleIds];
    const next = order.map((r) => {
      if (!ids.has(r.id)) return r;
      const id = queue.shift();
      return order.find((o) => o.id === id)!;
    });
    await writePositions(tx, actor, next);
    await audit(tx, actor, { action: "rule.reorder", targetType: "application", targetId: applicationId, detail: { order: next.map((r) => r.name) } });
    return { applicationId };
  });
}

/**
 * Binds scenarios to a rule in the caller's transaction (AddScenario's rule_id): appended in the
 * given order after the rule's own, skipping those it already has.
 */
export async function bindScenariosInTx(tx: Tx, actor: Actor, ruleId: number, scenarioIds: readonly number[]): Promise<void> {
  const rule = await findOwnRule(tx, actor, ruleId);
  await usableScenarios(tx, actor, rule.applicationId, scenarioIds);
  const current = await tx.ruleScenario.findMany({ where: { ruleId: rule.id }, orderBy: [{ position: "asc" }, { scenarioId: "asc" }], select: { scenarioId: true } });
  const next = [...current.map((c) => c.scenarioId), ...scenarioIds.filter((id) => !current.some((c) => c.scenarioId === id))];
  if (next.length > MAX_RULE_SCENARIOS) throw new AppError("INVALID_INPUT", { message: `A rule starts at most ${MAX_RULE_SCENARIOS} scenarios`, field: "scenarioIds" });
  await writeScenarioList(tx, rule.id, next);
  await audit(tx, actor, { action: "rule.bind", targetType: "rule", targetId: rule.id, detail: { name: rule.name, scenarios: scenarioIds } });
}

/** BindScenario: adds (bind) or removes (unbind) scenarios of a rule; a rule keeps at least one. */
export async function bindScenarios(actor: Actor, input: BindScenariosInput): Promise<SavedRule> {
  authorize(actor, { section: "application.scenarios", method: "BindScenario" });
  const data = parseInput(ZBindScenariosInput, input);
  return db.$transaction(async (tx) => {
    const rule = await findOwnRule(tx, actor, data.ruleId);
    if (data.bind) {
      await bindScenariosInTx(tx, actor, rule.id, data.scenarioIds);
    } else {
      await usableScenarios(tx, actor, rule.applicationId, data.scenarioIds);
      const current = await tx.ruleScenario.findMany({ where: { ruleId: rule.id }, orderBy: [{ position: "asc" }, { scenarioId: "asc" }], select: { scenarioId: true } });
      const next = current.map((c) => c.scenarioId).filter((id) => !data.scenarioIds.includes(id));
      if (next.length === 0) throw new AppError("INVALID_INPUT", { message: "A rule needs at least one scenario: delete the rule instead", field: "scenarioIds" });
      await writeScenarioList(tx, rule.id, next);
      await audit(tx, actor, { action: "rule.unbind", targetType: "rule", targetId: rule.id, detail: { name: rule.name, scenarios: data.scenarioIds } });
    }
    return { id: rule.id, name: rule.name, applicationId: rule.applicationId };
  });
}

/** ReorderScenarios: the rule's scenarios in a new order; the list must be exactly the ones it has. */
export async function reorderRuleScenarios(actor: Actor, input: ReorderScenariosInput): Promise<SavedRule> {
  authorize(actor, { section: "application.scenarios", method: "ReorderScenarios" });
  const data = parseInput(ZReorderScenariosInput, input);
  return db.$transaction(async (tx) => {
    const rule = await findOwnRule(tx, actor, data.ruleId);
    const current = await tx.ruleScenario.findMany({ where: { ruleId: rule.id }, select: { scenarioId: true } });
    const have = new Set(current.map((c) => c.scenarioId));
    if (have.size !== data.scenarioIds.length || data.scenarioIds.some((id) => !have.has(id))) {
      throw new AppError("INVALID_INPUT", { message: "List exactly the rule's scenarios, in their new order", field: "scenarioIds" });
    }
    await writeScenarioList(tx, rule.id, data.scenarioIds);
    await audit(tx, actor, { action: "rule.reorder_scenarios", targetType: "rule", targetId: rule.id, detail: { name: rule.name, scenarios: data.scenarioIds } });
    return { id: rule.id, name: rule.name, applicationId: rule.applicationId };
  });
}
