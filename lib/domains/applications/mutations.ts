import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { conflict, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { APPLICATION_SELECT, findOwnApplication, findOwnApplicationByName, toApplicationDto, type ApplicationDto } from "./queries";
import { returnBalancesOfDeletedUsers } from "@/lib/domains/app-users/mutations";
import {
  ZCreateApplicationInput,
  ZDeleteApplicationInput,
  ZDeleteApplicationsInput,
  ZRenameApplicationInput,
  ZSetApplicationInfoInput,
  type CreateApplicationInput,
  type DeleteApplicationInput,
  type DeleteApplicationsInput,
  type RenameApplicationInput,
  type SetApplicationInfoInput,
} from "./schemas";

// Who may change applications: the Applications section grants "full read, write and delete
// access" (docs/PRODUCT.md section 2), so creating, renaming and deleting from the list need
// `applications`; the settings on the application page itself (secure record storage) need
// `application`. API keys are checked against the method's roles instead (lib/access).
// Every write is scoped by the actor's account and audited in the same transaction.

const nameTaken = () => conflict("name", "An application with this name already exists", "application_name_taken");

async function assertNameFree(tx: Tx, actor: Actor, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.application.findFirst({
    where: { accountId: actor.accountId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw nameTaken();
}

/** AddApplication / the Create application dialog. Names are unique per account (129). */
export async function createApplication(actor: Actor, input: CreateApplicationInput): Promise<ApplicationDto> {
  authorize(actor, { section: "applications", method: "AddApplication" });
  const data = parseInput(ZCreateApplicationInput, input);
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, actor, data.name);
      const row = await tx.application.create({
        data: { accountId: actor.accountId, name: data.name, secureRecordStorage: data.secureRecordStorage },
        select: APPLICATION_SELECT,
      });
      await audit(tx, actor, {
        action: "application.create",
        targetType: "application",
        targetId: row.id,
        detail: { name: row.name, secureRecordStorage: row.secureRecordStorage },
      });
      return toApplicationDto(row, actor.accountName);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** Rename from the Applications list (SetApplicationInfo with application_name). */
export async function renameApplication(actor: Actor, input: RenameApplicationInput): Promise<ApplicationDto> {
  authorize(actor, { section: "applications", method: "SetApplicationInfo" });
  const data = parseInput(ZRenameApplicationInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await findOwnApplication(tx, actor, data.applicationId);
      await assertNameFree(tx, actor, data.name, before.id);
      await tx.application.updateMany({ where: { id: before.id, accountId: actor.accountId }, data: { name: data.name } });
      await audit(tx, actor, {
        action: "application.rename",
        targetType: "application",
        targetId: before.id,
        detail: { from: before.name, to: data.name },
      });
      return findOwnApplication(tx, actor, before.id);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** SetApplicationInfo / the application page's settings: name and secure record storage. */
export async function setApplicationInfo(actor: Actor, input: SetApplicationInfoInput): Promise<ApplicationDto> {
  authorize(actor, { section: "application", method: "SetApplicationInfo" });
  const data = parseInput(ZSetApplicationInfoInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await findOwnApplication(tx, actor, data.applicationId);
      if (data.name !== undefined) await assertNameFree(tx, actor, data.name, before.id);
      const changes = {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.secureRecordStorage !== undefined ? { secureRecordStorage: data.secureRecordStorage } : {}),
      };
      await tx.application.updateMany({ where: { id: before.id, accountId: actor.accountId }, data: changes });
      await audit(tx, actor, {
        action: "application.update",
        targetType: "application",
        targetId: before.id,
        detail: { name: before.name, changes },
      });
      return findOwnApplication(tx, actor, before.id);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/**
 * One application with its users (what is left on their separate balances back to the account),
 * key-value items, rules and scenarios, audited; inside the caller's transaction.
 */
async function removeApplication(tx: Tx, actor: Actor, app: { id: number; name: string }): Promise<{ id: number; name: string; deletedUsers: number }> {
  const scope = { accountId: actor.accountId, applicationId: app.id };
  // Explicit rather than trusting ON DELETE CASCADE: SQLite enforces foreign keys only when
  // the connection enables them, and the adapters differ.
  const returned = await returnBalancesOfDeletedUsers(tx, actor, { applicationId: app.id });
  const users = await tx.appUser.deleteMany({ where: scope });
  await tx.kvItem.deleteMany({ where: scope });
  // Its rules and its own scenarios (shared ones stay: other applications may use them).
  await tx.ruleScenario.deleteMany({ where: { rule: scope } });
  await tx.rule.deleteMany({ where: scope });
  await tx.scenarioVersion.deleteMany({ where: { scenario: scope } });
  await tx.scenario.deleteMany({ where: scope });
  await tx.application.deleteMany({ where: { id: app.id, accountId: actor.accountId } });
  await audit(tx, actor, {
    action: "application.delete",
    targetType: "application",
    targetId: app.id,
    detail: { name: app.name, deletedUsers: users.count, ...returned },
  });
  return { id: app.id, name: app.name, deletedUsers: users.count };
}

/** DelApplication / the list's Delete: the application goes with its users and key-value items. */
export async function deleteApplication(actor: Actor, input: DeleteApplicationInput): Promise<{ id: number; name: string; deletedUsers: number }> {
  authorize(actor, { section: "applications", method: "DelApplication" });
  const data = parseInput(ZDeleteApplicationInput, input);
  return db.$transaction(async (tx) => {
    const app = await findOwnApplication(tx, actor, data.applicationId);
    return removeApplication(tx, actor, app);
  });
}

/**
 * DelApplication with a list: ids, `all`, or names (short or full). All or nothing: one
 * application that is not the actor's (558) and none is deleted.
 */
export async function deleteApplications(actor: Actor, input: DeleteApplicationsInput): Promise<{ id: number; name: string; deletedUsers: number }[]> {
  authorize(actor, { section: "applications", method: "DelApplication" });
  const data = parseInput(ZDeleteApplicationsInput, input);
  return db.$transaction(async (tx) => {
    let apps: { id: number; name: string }[];
    if ("names" in data) {
      apps = [];
      for (const name of new Set(data.names)) apps.push(await findOwnApplicationByName(tx, actor, name));
    } else if (data.applicationIds === "all") {
      apps = await tx.application.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { id: "asc" } });
    } else {
      apps = [];
      for (const id of new Set(data.applicationIds)) apps.push(await findOwnApplication(tx, actor, id));
    }
    const out = [];
    for (const app of apps) out.push(await removeApplication(tx, actor, app));
    return out;
  });
}
