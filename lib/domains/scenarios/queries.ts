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
// account's shared ones (applicationId null), which every application may use.

export const scenarioNotFound = (field = "scenarioId") => new AppError("NOT_FOUND", { message: "Scenario not found", field, reason: "scenario_not_found" });

const SCENARIO_SELECT = {
  id: true,
  name: true,
  applicationId: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { rules: true } },
} as const satisfies Prisma.ScenarioSelect;

export type ScenarioDto = {
  id: number;
  name: string;
  /** null: shared by all of the account's applications. */
  applicationId: number | null;
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

function toDto(row: Prisma.ScenarioGetPayload<{ select: typeof SCENARIO_SELECT & { script: true } }>, withScript: boolean): ScenarioDto {
  return {
    id: row.id,
    name: row.name,
    applicationId: row.applicationId,
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
 * application: all of the account's), by name, with each one's rule count; scripts on request.
 */
export async function listScenarios(actor: Actor, input: ListScenariosInput = {}): Promise<{ items: ScenarioDto[]; total: number }> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const p = parseInput(ZListScenariosInput, input);
  const app = p.applicationId !== undefined ? await findOwnApplication(db, actor, p.applicationId) : null;
  const where: Prisma.ScenarioWhereInput = {
    accountId: actor.accountId,
    ...(app ? { OR: [{ applicationId: app.id }, { applicationId: null }] } : {}),
    ...(p.scenarioId !== undefined ? { id: p.scenarioId } : {}),
    ...(p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {}),
  };
  const [rows, total] = await Promise.all([
    db.scenario.findMany({ where, select: { ...SCENARIO_SELECT, script: true }, orderBy: [{ name: "asc" }, { id: "asc" }], skip: p.offset, take: p.count }),
    db.scenario.count({ where }),
  ]);
  return { items: rows.map((r) => toDto(r, p.withScript)), total };
}

/**
 * One scenario for the editor: its script, its latest version number and the rules that start
 * it. `applicationId`: the page's application; a scenario of another application reads as missing.
 */
export async function getScenario(
  actor: Actor,
  scenarioId: unknown,
  applicationId?: number,
): Promise<ScenarioDto & { script: string; version: number; rules: { id: number; name: string; applicationId: number }[] }> {
  authorize(actor, { section: "application.scenarios", method: "GetScenarios" });
  const id = parseInput(ZScenarioId, scenarioId);
  const row = await db.scenario.findFirst({
    where: { id, accountId: actor.accountId, ...(applicationId !== undefined ? { OR: [{ applicationId }, { applicationId: null }] } : {}) },
    select: { ...SCENARIO_SELECT, script: true, rules: { select: { rule: { select: { id: true, name: true, applicationId: true } } }, orderBy: { ruleId: "asc" } } },
  });
  if (!row) throw scenarioNotFound();
  return { ...toDto(row, true), script: row.script, version: await latestVersion(db, row.id), rules: row.rules.map((r) => r.rule) };
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

/** The actor's scenarios by name, in the given order (NOT_FOUND naming `field` for the first missing one). */
export async function scenarioIdsByNames(actor: Actor, names: readonly string[], field = "names"): Promise<number[]> {
  const out: number[] = [];
  for (const n of names) out.push((await findOwnScenarioByName(db, actor, n, field)).id);
  return out;
}

/** One scenario of the actor by id or name (the API's scenario_id / required_scenario_name). */
export async function resolveScenario(actor: Actor, ref: { id?: number; name?: string }, field = "scenarioId") {
  if (ref.id !== undefined) return findOwnScenario(db, actor, ref.id);
  return findOwnScenarioByName(db, actor, ref.name ?? "", field);
}
