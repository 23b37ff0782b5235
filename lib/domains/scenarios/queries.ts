import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { ignoreCase } from "@/lib/core/search";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { ZDiffInput, ZListScenariosInput, ZScenarioId, type DiffInput, type ListScenariosInput } from "./schemas";

// Reads of scenarios and their versions. Every where carries the actor's account: another
// account's scenario id reads as missing. An application's scenarios are its own plus the
// account's shared ones (applicationId null), which every application may use. A child account
// may also use its parent's shared scenarios (seed 000's FAQ: child accounts "have access to your
// main account scenarios"; PRODUCT.md section 5): it lists them (`parent: true`), reads their
// text and binds them to its rules, but never edits, renames or deletes them, and the parent's
// rules stay out of its sight (rule counts and lists are the reader's own account's).

export const scenarioNotFound = (field = "scenarioId") => new AppError("NOT_FOUND", { message: "Scenario not found", field, reason: "scenario_not_found" });

/** The columns of a scenario's DTO; its rule count is of the reader's own rules only (a parent's scenario is also bound to its children's). */
const scenarioSelect = (accountId: number) =>
  ({
    id: true,
    name: true,
    accountId: true,
    applicationId: true,
    createdAt: true,
    updatedAt: true,
    _count: { select: { rules: { where: { rule: { accountId } } } } },
  }) as const satisfies Prisma.ScenarioSelect;

/** The parent account of `accountId` (a child account's creator), or null. */
export async function parentAccountIdOf(client: Tx | typeof db, accountId: number): Promise<number | null> {
  return (await client.account.findUnique({ where: { id: accountId }, select: { parentId: true } }))?.parentId ?? null;
}

/**
 * The scenarios the actor may read and bind: its account's (within `applicationId`: that
 * application's and the shared ones), and its parent account's shared ones.
 */
export function usableScenarioWhere(actor: Actor, parentId: number | null, applicationId?: number): Prisma.ScenarioWhereInput {
  const own: Prisma.ScenarioWhereInput = { accountId: actor.accountId, ...(applicationId !== undefined ? { OR: [{ applicationId }, { applicationId: null }] } : {}) };
  return parentId === null ? own : { OR: [own, { accountId: parentId, applicationId: null }] };
}

export type ScenarioDto = {
  id: number;
  name: string;
  /** null: shared by all of the account's applications. */
  applicationId: number | null;
  /** The parent account's shared scenario, which this (child) account may use but not change. */
  parent: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** How many rules start it. */
  ruleCount: number;
  /** Bytes of its current script (UTF-8). */
  size: number;
  script?: string;
};

export type ScenarioVersionDto = { number: number; authorName: string; note: string; createdAt: Date; size: number };

const bytes = (s: string) => new TextEncoder().encode(s).length;

function toDto(actor: Actor, row: Prisma.ScenarioGetPayload<{ select: ReturnType<typeof scenarioSelect> & { script: true } }>, withScript: boolean): ScenarioDto {
  return {
    id: row.id,
    name: row.name,
    applicationId: row.applicationId,
    parent: row.accountId !== actor.accountId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ruleCount: row._count.rules,
    size: bytes(row.script),
    ...(withScript ? { script: row.script } : {}),
  };
}

/** The actor's scenario (with its script), or NOT_FOUND. */
export async function findOwnScenario(client: Tx | typeof db, actor: Actor, scenarioId: number) {
  const row = await client.scenario.findFirst({ where: { id: scenarioId, accountId: actor.accountId }, select: { id: true, name: true, applicationId: true, script: true } });
  if (!row) throw scenarioNotFound();
  return row;
}

/** The actor's scenario by its (account-unique) name, or NOT_FOUND naming `field`. */
export async function findOwnScenarioByName(client: Tx | typeof db, actor: Actor, name: string, field = "name") {
  const row = await client.scenario.findFirst({ where: { accountId: actor.accountId, name: name.trim() }, select: { id: true, name: true, applicationId: true, script: true } });
  if (!row) throw scenarioNotFound(field);
  return row;
}

/** The number of a scenario's latest version (0 before the first save). */
export async function latestVersion(client: Tx | typeof db, scenarioId: number): Promise<number> {
  const last = await client.scenarioVersion.findFirst({ where: { scenarioId }, orderBy: { number: "desc" }, select: { number: true } });
  return last?.number ?? 0;
}

/**
 * GetScenarios and the Scenarios page: an application's scenarios and the shared ones (no
 * application: all of the account's), then, for a child account, its parent's shared ones
 * (`parent: true`), each group by name, with each one's count of the reader's rules; scripts on
 * request.
 */
export async function listScenarios(actor: Actor, input: ListScenariosInput = {}): Promise<{ items: ScenarioDto[]; total: number }> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const p = parseInput(ZListScenariosInput, input);
  const [app, parentId] = await Promise.all([p.applicationId !== undefined ? findOwnApplication(db, actor, p.applicationId) : null, parentAccountIdOf(db, actor.accountId)]);
  const where: Prisma.ScenarioWhereInput = {
    AND: [
      usableScenarioWhere(actor, parentId, app?.id),
      {
        ...(p.scenarioId !== undefined ? { id: p.scenarioId } : {}),
        ...(p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {}),
      },
    ],
  };
  // The account's own first (a parent's scenario may share a name with one of them).
  const orderBy: Prisma.ScenarioOrderByWithRelationInput[] = [...(parentId !== null ? [{ accountId: parentId < actor.accountId ? "desc" : "asc" } as const] : []), { name: "asc" }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    db.scenario.findMany({ where, select: { ...scenarioSelect(actor.accountId), script: true }, orderBy, skip: p.offset, take: p.count }),
    db.scenario.count({ where }),
  ]);
  return { items: rows.map((r) => toDto(actor, r, p.withScript)), total };
}

/**
 * One scenario for the editor: its script, its latest version number and the reader's rules that
 * start it. `childRuleCount`: for the account's own shared scenario, how many of its child
 * accounts' rules start it (counted, never named: those names are the children's; they are why a
 * delete is refused, see deleteScenario); 0 otherwise. `applicationId`: the page's application; a
 * scenario of another application reads as missing.
 */
export async function getScenario(
  actor: Actor,
  scenarioId: unknown,
  applicationId?: number,
): Promise<ScenarioDto & { script: string; version: number; rules: { id: number; name: string; applicationId: number }[]; childRuleCount: number }> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const id = parseInput(ZScenarioId, scenarioId);
  const parentId = await parentAccountIdOf(db, actor.accountId);
  const row = await db.scenario.findFirst({
    where: { AND: [{ id }, usableScenarioWhere(actor, parentId, applicationId)] },
    select: {
      ...scenarioSelect(actor.accountId),
      script: true,
      // The reader's rules only: a parent's scenario is also started by its children's rules, and theirs by the parent's.
      rules: { where: { rule: { accountId: actor.accountId } }, select: { rule: { select: { id: true, name: true, applicationId: true } } }, orderBy: { ruleId: "asc" } },
    },
  });
  if (!row) throw scenarioNotFound();
  const ownShared = row.accountId === actor.accountId && row.applicationId === null;
  const [version, childRuleCount] = await Promise.all([
    latestVersion(db, row.id),
    ownShared ? db.ruleScenario.count({ where: { scenarioId: row.id, rule: { accountId: { not: actor.accountId } } } }) : 0,
  ]);
  return { ...toDto(actor, row, true), script: row.script, version, rules: row.rules.map((r) => r.rule), childRuleCount };
}

/** A scenario's versions, newest first (no scripts: the list shows who saved what when). */
export async function listScenarioVersions(actor: Actor, scenarioId: unknown): Promise<ScenarioVersionDto[]> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const id = parseInput(ZScenarioId, scenarioId);
  const s = await findOwnScenario(db, actor, id);
  const rows = await db.scenarioVersion.findMany({
    where: { scenarioId: s.id, accountId: actor.accountId },
    orderBy: { number: "desc" },
    select: { number: true, authorName: true, note: true, createdAt: true, script: true },
  });
  return rows.map(({ script, ...v }) => ({ ...v, size: bytes(script) }));
}

/** The two texts to compare (the diff is drawn in the browser): NOT_FOUND naming the missing version. */
export async function getScenarioDiff(actor: Actor, input: DiffInput): Promise<{ from: { number: number; script: string }; to: { number: number; script: string } }> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const p = parseInput(ZDiffInput, input);
  const s = await findOwnScenario(db, actor, p.scenarioId);
  const rows = await db.scenarioVersion.findMany({
    where: { scenarioId: s.id, accountId: actor.accountId, number: { in: [p.from, p.to] } },
    select: { number: true, script: true },
  });
  const pick = (n: number, field: string) => {
    const v = rows.find((r) => r.number === n);
    if (!v) throw new AppError("NOT_FOUND", { message: `Version ${n} not found`, field });
    return v;
  };
  return { from: pick(p.from, "from"), to: pick(p.to, "to") };
}

/**
 * Scenarios to bind, by name, in the given order: the actor's own of that name, else (a child
 * account) its parent's shared one; NOT_FOUND naming `field` for the first missing one.
 */
export async function scenarioIdsByNames(actor: Actor, names: readonly string[], field = "names"): Promise<number[]> {
  const wanted = names.map((n) => n.trim());
  const parentId = await parentAccountIdOf(db, actor.accountId);
  // One read for every name, through the same rule as the list; names are unique per account, so each has at most two rows.
  const rows = await db.scenario.findMany({ where: { AND: [{ name: { in: wanted } }, usableScenarioWhere(actor, parentId)] }, select: { id: true, name: true, accountId: true } });
  return wanted.map((name) => {
    const matches = rows.filter((r) => r.name === name);
    const found = matches.find((r) => r.accountId === actor.accountId) ?? matches[0];
    if (!found) throw scenarioNotFound(field);
    return found.id;
  });
}

/** One scenario of the actor by id or name (the API's scenario_id / required_scenario_name). */
export async function resolveScenario(actor: Actor, ref: { id?: number; name?: string }, field = "scenarioId") {
  if (ref.id !== undefined) return findOwnScenario(db, actor, ref.id);
  return findOwnScenarioByName(db, actor, ref.name ?? "", field);
}
