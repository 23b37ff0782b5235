import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { ignoreCase } from "@/lib/core/search";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { ruleMatches } from "./patterns";
import { ZListRulesInput, type ListRulesInput } from "./schemas";

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

export const ruleNotFound = (field = "ruleId") => new AppError("NOT_FOUND", { message: "Rule not found", field, reason: "rule_not_found" });

/** The actor's rule, or NOT_FOUND: another account's id reads as missing. */
export async function findOwnRule(client: Tx | typeof db, actor: Actor, ruleId: number) {
  const row = await client.rule.findFirst({ where: { id: ruleId, accountId: actor.accountId }, select: { id: true, name: true, applicationId: true, position: true } });
  if (!row) throw ruleNotFound();
  return row;
}

/** The actor's rule by name within an application (names are unique per application). */
export async function findOwnRuleByName(client: Tx | typeof db, actor: Actor, applicationId: number, name: string, field = "ruleName") {
  const row = await client.rule.findFirst({ where: { accountId: actor.accountId, applicationId, name: name.trim() }, select: { id: true, name: true, applicationId: true, position: true } });
  if (!row) throw ruleNotFound(field);
  return row;
}

export type RuleDto = {
  id: number;
  applicationId: number;
  name: string;
  pattern: string;
  patternExclude: string;
  videoConference: boolean;
  position: number;
  updatedAt: Date;
  /** `parent`: the parent account's shared scenario (a child account's rule may start it). */
  scenarios: { id: number; name: string; shared: boolean; parent: boolean; updatedAt: Date }[];
};

/**
 * GetRules and the Rules page: an application's rules in their order (the order routing tries
 * them), filtered by id, name part or a `template` the pattern must match, with their
 * scenarios in order.
 */
export async function listRules(actor: Actor, input: ListRulesInput): Promise<{ items: RuleDto[]; total: number }> {
  authorize(actor, { section: "application.rules", method: "GetRules" });
  const p = parseInput(ZListRulesInput, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const where: Prisma.RuleWhereInput = {
    accountId: actor.accountId,
    applicationId: app.id,
    ...(p.ruleId !== undefined ? { id: p.ruleId } : {}),
    ...(p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {}),
    ...(p.videoConference !== undefined ? { videoConference: p.videoConference } : {}),
  };
  const select = {
    id: true,
    applicationId: true,
    name: true,
    pattern: true,
    patternExclude: true,
    videoConference: true,
    position: true,
    updatedAt: true,
    scenarios: { orderBy: [{ position: "asc" }, { scenarioId: "asc" }], select: { scenario: { select: { id: true, name: true, accountId: true, applicationId: true, updatedAt: true } } } },
  } as const satisfies Prisma.RuleSelect;
  const toDto = (r: Prisma.RuleGetPayload<{ select: typeof select }>): RuleDto => ({
    ...r,
    scenarios: r.scenarios.map(({ scenario: s }) => ({ id: s.id, name: s.name, shared: s.applicationId === null, parent: s.accountId !== actor.accountId, updatedAt: s.updatedAt })),
  });
  const orderBy: Prisma.RuleOrderByWithRelationInput[] = [{ position: "asc" }, { id: "asc" }];
  if (p.template !== undefined) {
    // A pattern match cannot be a where: filter the application's rules (at most a few hundred) here.
    const all = (await db.rule.findMany({ where, select, orderBy })).filter((r) => ruleMatches(r, p.template!));
    return { items: all.slice(p.offset, p.offset + p.count).map(toDto), total: all.length };
  }
  const [rows, total] = await Promise.all([db.rule.findMany({ where, select, orderBy, skip: p.offset, take: p.count }), db.rule.count({ where })]);
  return { items: rows.map(toDto), total };
}

/**
 * The API's rule_id / rule_name pair -> the actor's rule. A name is looked up in the given
 * application, or across the account's applications when none is given (refused when two
 * applications have a rule of that name: the client must name the application).
 */
export async function resolveRule(actor: Actor, ref: { id?: number; name?: string; applicationId?: number }) {
  if (ref.id !== undefined) return findOwnRule(db, actor, ref.id);
  const name = (ref.name ?? "").trim();
  if (ref.applicationId !== undefined) return findOwnRuleByName(db, actor, ref.applicationId, name);
  const rows = await db.rule.findMany({ where: { accountId: actor.accountId, name }, select: { id: true, name: true, applicationId: true, position: true }, take: 2 });
  if (rows.length === 0) throw ruleNotFound("ruleName");
  if (rows.length > 1) throw new AppError("INVALID_INPUT", { message: "Several applications have a rule of this name: specify the application", field: "applicationId", reason: "parameter_missing" });
  return rows[0]!;
}
