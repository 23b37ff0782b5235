import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, conflict, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import type { ApiMethod } from "@/lib/access/api-methods";
import { findOwnScenario, findOwnScenarioByName, latestVersion } from "./queries";
import {
  ZCreateScenarioInput,
  ZDeleteScenarioInput,
  ZDeleteScenariosInput,
  ZRenameScenarioInput,
  ZRestoreScenarioInput,
  ZSaveScenarioInput,
  ZScenarioId,
  ZScenarioName,
  ZScenarioScript,
  type CreateScenarioInput,
  type DeleteScenarioInput,
  type DeleteScenariosInput,
  type RenameScenarioInput,
  type RestoreScenarioInput,
  type SaveScenarioInput,
} from "./schemas";

// Scenario changes. All need `application.scenarios` (API keys: the method's roles). Every
// save of a new text writes a numbered ScenarioVersion with its author (the principal's name),
// in the same transaction as the change and its audit row. A scenario a rule starts cannot be
// deleted (DelScenario answers 624 naming the rules): a rule must always have something to run.

const nameTaken = () => conflict("name", "A scenario with this name already exists", "scenario_name_taken");

async function assertNameFree(tx: Tx, actor: Actor, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.scenario.findFirst({ where: { accountId: actor.accountId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw nameTaken();
}

/** Appends version n+1 of a scenario with this text. Returns its number. */
async function writeVersion(tx: Tx, actor: Actor, scenarioId: number, script: string, note = ""): Promise<number> {
  const number = (await latestVersion(tx, scenarioId)) + 1;
  await tx.scenarioVersion.create({ data: { accountId: actor.accountId, scenarioId, number, script, authorName: actor.name, note } });
  return number;
}

export type SavedScenario = { id: number; name: string; applicationId: number | null; version: number; changed: boolean };

/** The Scenarios page's New scenario / AddScenario: version 1 holds its first text. */
export async function createScenario(actor: Actor, input: CreateScenarioInput, method: ApiMethod = "AddScenario"): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method });
  const data = parseInput(ZCreateScenarioInput, input);
  try {
    return await db.$transaction((tx) => createScenarioInTx(tx, actor, data));
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/**
 * createScenario's writes, inside the caller's transaction (the Marketplace installs a scenario and
 * its rule in one): the caller has authorized the actor and parsed `data`. Throws NOT_FOUND for an
 * application outside the account, CONFLICT (`name`) for a name the account uses.
 */
export async function createScenarioInTx(tx: Tx, actor: Actor, data: { applicationId: number | null; name: string; script: string }): Promise<SavedScenario> {
  const app = data.applicationId === null ? null : await findOwnApplication(tx, actor, data.applicationId);
  await assertNameFree(tx, actor, data.name);
  const row = await tx.scenario.create({ data: { accountId: actor.accountId, applicationId: app?.id ?? null, name: data.name, script: data.script }, select: { id: true, name: true, applicationId: true } });
  const version = await writeVersion(tx, actor, row.id, data.script, "Created");
  await audit(tx, actor, {
    action: "scenario.create",
    targetType: "scenario",
    targetId: row.id,
    detail: { name: row.name, application: app?.name ?? null, shared: app === null, bytes: new TextEncoder().encode(data.script).length },
  });
  return { ...row, version, changed: true };
}

/**
 * AddScenario: creates the scenario, or with `rewrite` replaces the text of the account's
 * scenario of that name (a new version); then binds it to `bindToRule` (in the same
 * transaction) when given. The rule is resolved by the caller, inside the actor's account.
 */
export async function addScenario(
  actor: Actor,
  input: CreateScenarioInput & { rewrite?: boolean },
  bindToRule: ((tx: Tx, scenarioId: number) => Promise<void>) | null,
): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method: "AddScenario" });
  const data = parseInput(ZCreateScenarioInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const existing = input.rewrite ? await tx.scenario.findFirst({ where: { accountId: actor.accountId, name: data.name }, select: { id: true } }) : null;
      const saved = existing ? await saveInTx(tx, actor, { scenarioId: existing.id, script: data.script }) : await createScenarioInTx(tx, actor, data);
      if (bindToRule) await bindToRule(tx, saved.id);
      return saved;
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

async function saveInTx(tx: Tx, actor: Actor, data: { scenarioId: number; script: string; baseVersion?: number }, note = ""): Promise<SavedScenario> {
  const s = await findOwnScenario(tx, actor, data.scenarioId);
  const current = await latestVersion(tx, s.id);
  if (data.baseVersion !== undefined && data.baseVersion !== current) {
    throw conflict("script", `Version ${current} was saved after the version you edited (${data.baseVersion}). Reload to see it, or copy your text first.`);
  }
  if (s.script === data.script && current > 0) return { id: s.id, name: s.name, applicationId: s.applicationId, version: current, changed: false };
  await tx.scenario.updateMany({ where: { id: s.id, accountId: actor.accountId }, data: { script: data.script } });
  const version = await writeVersion(tx, actor, s.id, data.script, note);
  await audit(tx, actor, {
    action: note.startsWith("Restored") ? "scenario.restore" : "scenario.save",
    targetType: "scenario",
    targetId: s.id,
    detail: { name: s.name, version, ...(note ? { note } : {}), bytes: new TextEncoder().encode(data.script).length },
  });
  return { id: s.id, name: s.name, applicationId: s.applicationId, version, changed: true };
}

/**
 * Save from the editor: a new version when the text changed (an unchanged text writes nothing
 * and answers changed: false); refused (CONFLICT) when someone saved after `baseVersion`.
 */
export async function saveScenario(actor: Actor, input: SaveScenarioInput): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method: "SetScenarioInfo" });
  const data = parseInput(ZSaveScenarioInput, input);
  return db.$transaction((tx) => saveInTx(tx, actor, data));
}

/** Rename (names are unique per account). */
export async function renameScenario(actor: Actor, input: RenameScenarioInput): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method: "SetScenarioInfo" });
  const data = parseInput(ZRenameScenarioInput, input);
  try {
    return await db.$transaction((tx) => renameInTx(tx, actor, data.scenarioId, data.name));
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

async function renameInTx(tx: Tx, actor: Actor, scenarioId: number, name: string): Promise<SavedScenario> {
  const s = await findOwnScenario(tx, actor, scenarioId);
  const version = await latestVersion(tx, s.id);
  if (s.name === name) return { id: s.id, name, applicationId: s.applicationId, version, changed: false };
  await assertNameFree(tx, actor, name, s.id);
  await tx.scenario.updateMany({ where: { id: s.id, accountId: actor.accountId }, data: { name } });
  await audit(tx, actor, { action: "scenario.rename", targetType: "scenario", targetId: s.id, detail: { from: s.name, to: name } });
  return { id: s.id, name, applicationId: s.applicationId, version, changed: true };
}

/** SetScenarioInfo: by id or current name; a new name and/or a new text (a new version), in one transaction. */
export async function setScenarioInfo(
  actor: Actor,
  input: { scenarioId?: unknown; requiredName?: string; name?: unknown; script?: unknown },
): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method: "SetScenarioInfo" });
  const id = input.scenarioId !== undefined ? parseInput(ZScenarioId, input.scenarioId) : undefined;
  const name = input.name !== undefined ? parseInput(ZScenarioName, input.name) : undefined;
  const script = input.script !== undefined ? parseInput(ZScenarioScript, input.script) : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const s = id !== undefined ? await findOwnScenario(tx, actor, id) : await findOwnScenarioByName(tx, actor, input.requiredName ?? "", "requiredName");
      let out: SavedScenario = { id: s.id, name: s.name, applicationId: s.applicationId, version: await latestVersion(tx, s.id), changed: false };
      if (name !== undefined) out = await renameInTx(tx, actor, s.id, name);
      if (script !== undefined) {
        const saved = await saveInTx(tx, actor, { scenarioId: s.id, script });
        out = { ...saved, name: out.name, changed: out.changed || saved.changed };
      }
      return out;
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** Restore: the chosen version's text becomes a new version ("Restored from version n"); history is never rewritten. */
export async function restoreScenarioVersion(actor: Actor, input: RestoreScenarioInput): Promise<SavedScenario> {
  authorize(actor, { section: "application.scenarios", method: "SetScenarioInfo" });
  const data = parseInput(ZRestoreScenarioInput, input);
  return db.$transaction(async (tx) => {
    const s = await findOwnScenario(tx, actor, data.scenarioId);
    const v = await tx.scenarioVersion.findFirst({ where: { scenarioId: s.id, accountId: actor.accountId, number: data.version }, select: { script: true } });
    if (!v) throw new AppError("NOT_FOUND", { message: `Version ${data.version} not found`, field: "version" });
    const saved = await saveInTx(tx, actor, { scenarioId: s.id, script: v.script }, `Restored from version ${data.version}`);
    if (!saved.changed) throw new AppError("INVALID_INPUT", { message: `The current text is already that of version ${data.version}`, field: "version" });
    return saved;
  });
}

async function removeInTx(tx: Tx, actor: Actor, s: { id: number; name: string }): Promise<void> {
  const uses = await tx.ruleScenario.findMany({ where: { scenarioId: s.id }, select: { rule: { select: { name: true, accountId: true, account: { select: { name: true } } } } } });
  const own = uses.filter((u) => u.rule.accountId === actor.accountId).map((u) => u.rule.name);
  if (own.length > 0) {
    throw new AppError("CONFLICT", {
      message: `Scenario ${s.name} is used by the rule${own.length > 1 ? "s" : ""} ${own.join(", ")}: remove it from ${own.length > 1 ? "them" : "it"} first`,
      field: "scenarioId",
      reason: "scenario_in_use",
    });
  }
  // A shared scenario a child account's rule starts (the child's rules are the child's to change).
  const children = [...new Set(uses.map((u) => u.rule.account.name))];
  if (children.length > 0) {
    throw new AppError("CONFLICT", {
      message: `Scenario ${s.name} is used by rules of the child account${children.length > 1 ? "s" : ""} ${children.join(", ")}: ${children.length > 1 ? "they" : "it"} must remove it first`,
      field: "scenarioId",
      reason: "scenario_in_use",
    });
  }
  await tx.scenarioVersion.deleteMany({ where: { scenarioId: s.id, accountId: actor.accountId } });
  await tx.scenario.deleteMany({ where: { id: s.id, accountId: actor.accountId } });
  await audit(tx, actor, { action: "scenario.delete", targetType: "scenario", targetId: s.id, detail: { name: s.name } });
}

/** Delete from the Scenarios page: refused while a rule starts it. */
export async function deleteScenario(actor: Actor, input: DeleteScenarioInput): Promise<{ id: number; name: string }> {
  authorize(actor, { section: "application.scenarios", method: "DelScenario" });
  const data = parseInput(ZDeleteScenarioInput, input);
  return db.$transaction(async (tx) => {
    const s = await findOwnScenario(tx, actor, data.scenarioId);
    await removeInTx(tx, actor, s);
    return { id: s.id, name: s.name };
  });
}

/** DelScenario: ids, `all`, or names; all or nothing. */
export async function deleteScenarios(actor: Actor, input: DeleteScenariosInput): Promise<{ id: number; name: string }[]> {
  authorize(actor, { section: "application.scenarios", method: "DelScenario" });
  const data = parseInput(ZDeleteScenariosInput, input);
  return db.$transaction(async (tx) => {
    let list: { id: number; name: string }[];
    if ("names" in data) {
      list = [];
      for (const n of new Set(data.names)) list.push(await findOwnScenarioByName(tx, actor, n, "names"));
    } else if (data.scenarioIds === "all") {
      list = await tx.scenario.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { id: "asc" } });
    } else {
      list = [];
      for (const id of new Set(data.scenarioIds)) list.push(await findOwnScenario(tx, actor, id));
    }
    for (const s of list) await removeInTx(tx, actor, s);
    return list.map(({ id, name }) => ({ id, name }));
  });
}
