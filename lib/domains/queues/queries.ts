import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { ignoreCase } from "@/lib/core/search";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { appUserNotFound } from "@/lib/domains/app-users/queries";
import type { SmartQueueSnapshot, SqAgentSelection } from "@/lib/domains/scenarios/runtime-contract";
import { ZListSqAgentsInput, ZListSqQueuesInput, ZListSqSkillsInput, type ListSqAgentsInput, type ListSqQueuesInput, type ListSqSkillsInput, type SqRef } from "./schemas";

// Reads of an application's SmartQueue queues, skills and agents. Queues are the section
// `application.queues`; skills and agents are also the Users page's (`application.users`: the
// seed's UserManager manages users and their SmartQueue skills), so their reads take the section
// the caller acts from. API keys need the method's roles (lib/access/api-methods.ts). Every where
// carries the account and the application.

/** The page a panel caller acts from: the Queues tab, or the Users tab for skills and agents. */
export type SqSection = "application.queues" | "application.users";

export const sqQueueNotFound = (field = "queueId") => new AppError("NOT_FOUND", { message: "Queue not found", field, reason: "sq_queue_not_found" });
export const sqSkillNotFound = (field = "skillId") => new AppError("NOT_FOUND", { message: "Skill not found", field, reason: "sq_skill_not_found" });

/** A name as uniqueness and lookups by name compare it: lowercased, so "Sales" and "sales" are one name on every database. */
export const nameKey = (name: string) => name.trim().toLowerCase();

const QUEUE_SELECT = {
  id: true,
  applicationId: true,
  name: true,
  description: true,
  priority: true,
  callAgentSelection: true,
  imAgentSelection: true,
  callTaskSelection: true,
  imTaskSelection: true,
  holdCallsIfInactiveAgents: true,
  holdImIfInactiveAgents: true,
  callMaxWaitingSeconds: true,
  imMaxWaitingSeconds: true,
  callMaxQueueSize: true,
  imMaxQueueSize: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { agents: true } },
} as const satisfies Prisma.SqQueueSelect;

/** A queue with its settings (waiting times in seconds, null = not set) and its number of agents. */
export type SqQueueDto = Omit<Prisma.SqQueueGetPayload<{ select: typeof QUEUE_SELECT }>, "_count"> & { agentCount: number };

function toQueueDto({ _count, ...q }: Prisma.SqQueueGetPayload<{ select: typeof QUEUE_SELECT }>): SqQueueDto {
  return { ...q, agentCount: _count.agents };
}

const SKILL_SELECT = { id: true, applicationId: true, name: true, description: true, createdAt: true, updatedAt: true, _count: { select: { agents: true } } } as const satisfies Prisma.SqSkillSelect;

/** A skill with the number of agents holding it. */
export type SqSkillDto = Omit<Prisma.SqSkillGetPayload<{ select: typeof SKILL_SELECT }>, "_count"> & { agentCount: number };

function toSkillDto({ _count, ...s }: Prisma.SqSkillGetPayload<{ select: typeof SKILL_SELECT }>): SqSkillDto {
  return { ...s, agentCount: _count.agents };
}

/** An application user as an agent: its settings (defaults when never set), queues and skills with levels, by name. */
export type SqAgentDto = {
  userId: number;
  userName: string;
  displayName: string;
  handleCalls: boolean;
  maxSimultaneousConversations: number;
  queues: { id: number; name: string }[];
  skills: { id: number; name: string; level: number }[];
};

const AGENT_SELECT = {
  id: true,
  name: true,
  displayName: true,
  sqSettings: { select: { handleCalls: true, maxSimultaneousConversations: true } },
  sqQueues: { select: { queue: { select: { id: true, name: true } } }, orderBy: { queueId: "asc" } },
  sqSkills: { select: { level: true, skill: { select: { id: true, name: true } } }, orderBy: { skillId: "asc" } },
} as const satisfies Prisma.AppUserSelect;

function toAgentDto(u: Prisma.AppUserGetPayload<{ select: typeof AGENT_SELECT }>): SqAgentDto {
  return {
    userId: u.id,
    userName: u.name,
    displayName: u.displayName,
    handleCalls: u.sqSettings?.handleCalls ?? true,
    maxSimultaneousConversations: u.sqSettings?.maxSimultaneousConversations ?? 1,
    queues: u.sqQueues.map((b) => b.queue),
    skills: u.sqSkills.map((b) => ({ ...b.skill, level: b.level })),
  };
}

type Named = { id: number; name: string };
type Scope = { accountId: number; applicationId: number };

/**
 * The rows a reference names (all of the application's, or these ids, or these names), or
 * `missing()` when one id or name is not the application's: a call never acts on part of what it
 * named. Names compare by `key` (queue and skill names ignore case, user names are lowercase).
 */
async function resolveRef<R extends Named>(ref: SqRef, load: (where: { id?: { in: number[] } }) => Promise<R[]>, loadNames: (keys: string[]) => Promise<R[]>, key: (n: string) => string, missing: () => AppError): Promise<R[]> {
  if (ref === "all") return load({});
  if ("ids" in ref) {
    const ids = [...new Set(ref.ids)];
    const rows = await load({ id: { in: ids } });
    if (rows.length !== ids.length) throw missing();
    return rows;
  }
  const keys = [...new Set(ref.names.map(key))];
  const rows = await loadNames(keys);
  if (rows.length !== keys.length) throw missing();
  return rows;
}

/** The application's queues a reference names (NOT_FOUND 660 on `field` otherwise). */
export function resolveQueues(client: Tx | typeof db, scope: Scope, ref: SqRef, field = "queues"): Promise<Named[]> {
  const select = { id: true, name: true } as const;
  return resolveRef(
    ref,
    (where) => client.sqQueue.findMany({ where: { ...scope, ...where }, select, orderBy: { id: "asc" } }),
    (keys) => client.sqQueue.findMany({ where: { ...scope, nameKey: { in: keys } }, select, orderBy: { id: "asc" } }),
    nameKey,
    () => sqQueueNotFound(field),
  );
}

/** The application's skills a reference names (NOT_FOUND 661 on `field` otherwise). */
export function resolveSkills(client: Tx | typeof db, scope: Scope, ref: SqRef, field = "skills"): Promise<Named[]> {
  const select = { id: true, name: true } as const;
  return resolveRef(
    ref,
    (where) => client.sqSkill.findMany({ where: { ...scope, ...where }, select, orderBy: { id: "asc" } }),
    (keys) => client.sqSkill.findMany({ where: { ...scope, nameKey: { in: keys } }, select, orderBy: { id: "asc" } }),
    nameKey,
    () => sqSkillNotFound(field),
  );
}

/** The application's users a reference names (NOT_FOUND 117 on `field` otherwise). User names are stored lowercase. */
export function resolveUsers(client: Tx | typeof db, scope: Scope, ref: SqRef, field = "users"): Promise<Named[]> {
  const select = { id: true, name: true } as const;
  return resolveRef(
    ref,
    (where) => client.appUser.findMany({ where: { ...scope, ...where }, select, orderBy: { id: "asc" } }),
    (keys) => client.appUser.findMany({ where: { ...scope, name: { in: keys } }, select, orderBy: { id: "asc" } }),
    (n) => n.trim().toLowerCase(),
    () => new AppError("NOT_FOUND", { message: appUserNotFound().message, field, reason: "user_not_found" }),
  );
}

/** One queue of the application, or NOT_FOUND (660). */
export async function getSqQueue(client: Tx | typeof db, scope: Scope, queueId: number): Promise<SqQueueDto> {
  const row = await client.sqQueue.findFirst({ where: { ...scope, id: queueId }, select: QUEUE_SELECT });
  if (!row) throw sqQueueNotFound();
  return toQueueDto(row);
}

/** One skill of the application, or NOT_FOUND (661). */
export async function getSqSkill(client: Tx | typeof db, scope: Scope, skillId: number): Promise<SqSkillDto> {
  const row = await client.sqSkill.findFirst({ where: { ...scope, id: skillId }, select: SKILL_SELECT });
  if (!row) throw sqSkillNotFound();
  return toSkillDto(row);
}

/**
 * SQ_GetQueues / the Queues tab: the application's queues by id (at most MAX_SQ_QUEUES, 100),
 * filtered by ids, names (ignoring case), a name part, the user they serve or do not serve.
 * 558 when the application is not the account's.
 */
export async function listSqQueues(actor: Actor, input: ListSqQueuesInput): Promise<{ items: SqQueueDto[]; total: number }> {
  authorize(actor, { section: "application.queues", method: "SQ_GetQueues" });
  const p = parseInput(ZListSqQueuesInput, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const where: Prisma.SqQueueWhereInput = {
    accountId: actor.accountId,
    applicationId: app.id,
    ...(p.queueIds ? { id: { in: p.queueIds } } : {}),
    AND: [
      p.names ? { nameKey: { in: p.names.map(nameKey) } } : {},
      p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {},
      p.userId !== undefined ? { agents: { some: { userId: p.userId } } } : {},
      p.excludedUserId !== undefined ? { agents: { none: { userId: p.excludedUserId } } } : {},
    ],
  };
  const [rows, total] = await Promise.all([db.sqQueue.findMany({ where, select: QUEUE_SELECT, orderBy: { id: "asc" }, skip: p.offset, take: p.count }), db.sqQueue.count({ where })]);
  return { items: rows.map(toQueueDto), total };
}

/**
 * SQ_GetSkills / the Queues and Users tabs: the application's skills by id (at most
 * MAX_SQ_SKILLS, 500), filtered by ids, names (ignoring case), a name part, the users holding
 * them, or a user lacking them. `section` is the page asking.
 */
export async function listSqSkills(actor: Actor, input: ListSqSkillsInput, section: SqSection = "application.queues"): Promise<{ items: SqSkillDto[]; total: number }> {
  authorize(actor, { section, method: "SQ_GetSkills" });
  const p = parseInput(ZListSqSkillsInput, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const where: Prisma.SqSkillWhereInput = {
    accountId: actor.accountId,
    applicationId: app.id,
    ...(p.skillIds ? { id: { in: p.skillIds } } : {}),
    AND: [
      p.names ? { nameKey: { in: p.names.map(nameKey) } } : {},
      p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {},
      p.userIds ? { agents: { some: { userId: { in: p.userIds } } } } : {},
      p.excludedUserId !== undefined ? { agents: { none: { userId: p.excludedUserId } } } : {},
    ],
  };
  const [rows, total] = await Promise.all([db.sqSkill.findMany({ where, select: SKILL_SELECT, orderBy: { id: "asc" }, skip: p.offset, take: p.count }), db.sqSkill.count({ where })]);
  return { items: rows.map(toSkillDto), total };
}

/**
 * SQ_GetAgents / the Queues and Users tabs: the application's users as agents, by user id,
 * filtered by the queues they serve (or a queue they do not), skills within level ranges (all
 * must hold), ids, names, a name part, and whether they take calls. With `agentsOnly` only users
 * bound to a queue or holding a skill. Paged (count, offset); `total` counts every match.
 */
export async function listSqAgents(actor: Actor, input: ListSqAgentsInput, section: SqSection = "application.queues"): Promise<{ items: SqAgentDto[]; total: number }> {
  authorize(actor, { section, method: "SQ_GetAgents" });
  const p = parseInput(ZListSqAgentsInput, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const scope = { accountId: actor.accountId, applicationId: app.id };
  const and: Prisma.AppUserWhereInput[] = [];
  if (p.queues === "all") and.push({ sqQueues: { some: {} } });
  else if (p.queues) and.push({ sqQueues: { some: { queueId: { in: (await resolveQueues(db, scope, p.queues)).map((q) => q.id) } } } });
  if (p.excludedQueueId !== undefined) and.push({ sqQueues: { none: { queueId: p.excludedQueueId } } });
  for (const s of p.skills ?? []) {
    const [skill] = await resolveSkills(db, scope, s.skillId !== undefined ? { ids: [s.skillId] } : { names: [s.skillName ?? ""] }, "skills");
    and.push({ sqSkills: { some: { skillId: skill!.id, level: { gte: s.minLevel, lte: s.maxLevel } } } });
  }
  if (p.userIds) and.push({ id: { in: p.userIds } });
  if (p.userNames) and.push({ name: { in: p.userNames.map((n) => n.trim().toLowerCase()) } });
  if (p.userNamePart) and.push({ name: ignoreCase({ contains: p.userNamePart }) });
  if (p.handleCalls === true) and.push({ OR: [{ sqSettings: { is: null } }, { sqSettings: { is: { handleCalls: true } } }] });
  if (p.handleCalls === false) and.push({ sqSettings: { is: { handleCalls: false } } });
  if (p.agentsOnly) and.push({ OR: [{ sqQueues: { some: {} } }, { sqSkills: { some: {} } }] });
  const where: Prisma.AppUserWhereInput = { ...scope, AND: and };
  const [rows, total] = await Promise.all([db.appUser.findMany({ where, select: AGENT_SELECT, orderBy: { id: "asc" }, skip: p.offset, take: p.count }), db.appUser.count({ where })]);
  return { items: rows.map(toAgentDto), total };
}

/** Names the Add agent dialog offers at most (an application may have 100,000 users: typing finds the rest). */
export const AGENT_CANDIDATES_SHOWN = 200;

/**
 * The Add agent dialog's suggestions: the application's active users that are not agents yet (in
 * no queue, with no skill), name and display name, in name order, at most AGENT_CANDIDATES_SHOWN,
 * and whether there are more. None: `allAgents` says whether that is because every active user is
 * an agent already (one more query, only then). For an application the page has loaded for the actor.
 */
export async function agentCandidates(actor: Actor, applicationId: number): Promise<{ users: { name: string; displayName: string }[]; more: boolean; allAgents: boolean }> {
  authorize(actor, { section: "application.queues", method: "SQ_GetAgents" });
  const active = { accountId: actor.accountId, applicationId, active: true };
  const rows = await db.appUser.findMany({
    where: { ...active, sqQueues: { none: {} }, sqSkills: { none: {} } },
    select: { name: true, displayName: true },
    orderBy: { name: "asc" },
    take: AGENT_CANDIDATES_SHOWN + 1,
  });
  const allAgents = rows.length === 0 && (await db.appUser.count({ where: active })) > 0;
  return { users: rows.slice(0, AGENT_CANDIDATES_SHOWN), more: rows.length > AGENT_CANDIDATES_SHOWN, allAgents };
}

/**
 * The Users tab's row menu: the application's skills (id and name, in the order they were added;
 * at most MAX_SQ_SKILLS) in one query, for an application the page has already loaded for the
 * actor (loadApplication). Section `application.users`.
 */
export function sqSkillChoices(actor: Actor, applicationId: number): Promise<Named[]> {
  authorize(actor, { section: "application.users", method: "SQ_GetSkills" });
  return resolveSkills(db, { accountId: actor.accountId, applicationId }, "all");
}

/** The id of the application's queue named `name` (ignoring case), for the API's sq_queue_name; NOT_FOUND (660) on `queueId` otherwise. */
export async function sqQueueIdByName(actor: Actor, applicationId: number, name: string): Promise<number> {
  const [q] = await resolveQueues(db, { accountId: actor.accountId, applicationId }, { names: [name] }, "queueId");
  return q!.id;
}

/** The id of the application's skill named `name` (ignoring case), for the API's sq_skill_name; NOT_FOUND (661) on `skillId` otherwise. */
export async function sqSkillIdByName(actor: Actor, applicationId: number, name: string): Promise<number> {
  const [s] = await resolveSkills(db, { accountId: actor.accountId, applicationId }, { names: [name] }, "skillId");
  return s!.id;
}

/**
 * The application's SmartQueue as a scenario's VoxEngine.enqueueTask sees it (the call
 * simulator's read, after the call was authorized): every queue with its call settings and its
 * active agents, earliest bound first, each with whether it takes calls and its skill levels by
 * lowercased skill name; and the names of its skills. Two queries. Empty when it has none.
 */
export async function smartQueueSnapshot(accountId: number, applicationId: number): Promise<SmartQueueSnapshot> {
  const [queues, skills] = await Promise.all([sqQueuesWithAgents(accountId, applicationId), db.sqSkill.findMany({ where: { accountId, applicationId }, orderBy: { id: "asc" }, select: { name: true } })]);
  return {
    skills: skills.map((k) => k.name),
    queues: queues.map((q) => ({
      id: q.id,
      name: q.name,
      agentSelection: q.callAgentSelection as SqAgentSelection,
      holdIfNoAgent: q.holdCallsIfInactiveAgents,
      maxWaitingSeconds: q.callMaxWaitingSeconds,
      agents: q.agents.map(({ user: u }) => ({
        id: u.id,
        name: u.name,
        handlesCalls: u.sqSettings?.handleCalls ?? true,
        skills: Object.fromEntries(u.sqSkills.map((s) => [s.skill.nameKey, s.level])),
      })),
    })),
  };
}

function sqQueuesWithAgents(accountId: number, applicationId: number) {
  return db.sqQueue.findMany({
    where: { accountId, applicationId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      callAgentSelection: true,
      holdCallsIfInactiveAgents: true,
      callMaxWaitingSeconds: true,
      agents: {
        where: { user: { active: true } },
        orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
        select: { user: { select: { id: true, name: true, sqSettings: { select: { handleCalls: true } }, sqSkills: { select: { level: true, skill: { select: { nameKey: true } } } } } } },
      },
    },
  });
}

/** Which of `names` the application has no queue (or skill) of, comparing names ignoring case; in the order given, each once. */
export async function missingSqNames(tx: Tx, accountId: number, applicationId: number, kind: "queue" | "skill", names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const where = { accountId, applicationId, nameKey: { in: names.map(nameKey) } };
  const found = kind === "queue" ? await tx.sqQueue.findMany({ where, select: { nameKey: true } }) : await tx.sqSkill.findMany({ where, select: { nameKey: true } });
  const have = new Set(found.map((r) => r.nameKey));
  return [...new Map(names.map((n) => [nameKey(n), n.trim()])).entries()].filter(([key]) => !have.has(key)).map(([, n]) => n);
}

/**
 * The names of every queue and skill of the account's applications, by application id, each list
 * in the order added (the Marketplace's install form offers them). Two queries; at most
 * MAX_SQ_QUEUES and MAX_SQ_SKILLS per application by construction.
 */
export async function sqNamesByApplication(accountId: number): Promise<Map<number, { queues: string[]; skills: string[] }>> {
  const [queues, skills] = await Promise.all([
    db.sqQueue.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { applicationId: true, name: true } }),
    db.sqSkill.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { applicationId: true, name: true } }),
  ]);
  const out = new Map<number, { queues: string[]; skills: string[] }>();
  const of = (id: number) => out.get(id) ?? out.set(id, { queues: [], skills: [] }).get(id)!;
  for (const q of queues) of(q.applicationId).queues.push(q.name);
  for (const k of skills) of(k.applicationId).skills.push(k.name);
  return out;
}
