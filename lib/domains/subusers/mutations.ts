import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { AssignableRole } from "@/lib/access/matrix";
import { audit } from "@/lib/core/audit";
import { lockAccount } from "@/lib/core/locks";
import { systemClock } from "@/lib/core/clock";
import { AppError, conflict, invalid, rethrowUnique } from "@/lib/core/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { answerAccessRequests } from "@/lib/domains/notifications/mutations";
import { isAccountOwner } from "@/lib/access/account-owner";
import { findOwnSubuser, SUBUSER_SELECT, subuserNotFound, toSubuserDto, type SubuserDto } from "./queries";
import {
  MAX_SUBUSERS_PER_ACCOUNT,
  ZCreateSubuserInput,
  ZEditSubuserInput,
  ZRemoveSubuserRolesInput,
  ZSetRequireTwoStepInput,
  ZSetSubuserActiveInput,
  ZSetSubuserPasswordInput,
  ZSubuserRef,
  ZSubuserRolesInput,
  ZUpdateSubuserInput,
  type CreateSubuserInput,
  type EditSubuserInput,
  type RemoveSubuserRolesInput,
  type SetRequireTwoStepInput,
  type SetSubuserActiveInput,
  type SetSubuserPasswordInput,
  type SubuserRef,
  type SubuserRolesInput,
  type UpdateSubuserInput,
} from "./schemas";
import { parseInput } from "@/lib/core/validate";

// Every mutation: authorize (panel section, or the API method's key roles), validate, then one
// transaction that scopes by the actor's account, writes the change and its audit row. Changes
// to a subuser's password, roles or active flag, and its deletion, end its open sessions in the
// same transaction (credVersion bump + session rows revoked), so they bite on its next request.

const nameTaken = () => conflict("name", "A subuser with this name already exists", "subuser_name_taken");

/** Ends every open session of the subuser: its next request finds no live principal. */
async function cutSessions(tx: Tx, actor: Actor, subuserId: number): Promise<void> {
  const bumped = await tx.subuser.updateMany({
    where: { id: subuserId, accountId: actor.accountId },
    data: { credVersion: { increment: 1 } },
  });
  if (bumped.count !== 1) throw subuserNotFound();
  await revokeAllSessions(tx, { accountId: actor.accountId, subuserId }, systemClock());
}

/** The subuser's roles become `roles`; its access requests that they answer are marked read. */
async function replaceRoles(tx: Tx, actor: Actor, subuserId: number, roles: readonly AssignableRole[]): Promise<void> {
  await tx.subuserRole.deleteMany({ where: { subuserId } });
  await tx.subuserRole.createMany({ data: roles.map((role) => ({ subuserId, role })) });
  await answerAccessRequests(tx, { accountId: actor.accountId, subuserId }, roles, systemClock());
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

async function reload(tx: Tx, actor: Actor, subuserId: number): Promise<SubuserDto> {
  const row = await tx.subuser.findFirst({ where: { id: subuserId, accountId: actor.accountId }, select: SUBUSER_SELECT });
  if (!row) throw subuserNotFound();
  return toSubuserDto(row);
}

/**
 * AddSubUser / the panel's Add subuser dialog. Names are unique per account (436); at most
 * MAX_SUBUSERS_PER_ACCOUNT (438), held under parallel requests on every database and across app
 * servers by lockAccount (lib/core/locks.ts).
 */
export async function createSubuser(actor: Actor, input: CreateSubuserInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.create", method: "AddSubUser" });
  const data = parseInput(ZCreateSubuserInput, input);
  const taken = await db.subuser.findFirst({ where: { accountId: actor.accountId, name: data.name }, select: { id: true } });
  if (taken) throw nameTaken();
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      // Count, then insert: one create per account at a time, or parallel ones all see 99.
      await lockAccount(tx, actor.accountId);
      const count = await tx.subuser.count({ where: { accountId: actor.accountId } });
      if (count >= MAX_SUBUSERS_PER_ACCOUNT) {
        throw new AppError("CONFLICT", { message: `An account can have at most ${MAX_SUBUSERS_PER_ACCOUNT} subusers`, reason: "subuser_limit" });
      }
      const row = await tx.subuser.create({
        data: {
          accountId: actor.accountId,
          name: data.name,
          passwordHash,
          description: data.description,
          active: data.active,
          roles: { create: data.roles.map((role) => ({ role })) },
        },
        select: SUBUSER_SELECT,
      });
      await audit(tx, actor, {
        action: "subuser.create",
        targetType: "subuser",
        targetId: row.id,
        detail: { name: row.name, roles: data.roles, active: data.active, description: data.description },
      });
      return toSubuserDto(row);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** SetSubUserInfo (description part). */
export async function updateSubuser(actor: Actor, input: UpdateSubuserInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit", method: "SetSubUserInfo" });
  const { subuserId, description } = parseInput(ZUpdateSubuserInput, input);
  return db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    await tx.subuser.updateMany({ where: { id: subuserId, accountId: actor.accountId }, data: { description } });
    await audit(tx, actor, {
      action: "subuser.update",
      targetType: "subuser",
      targetId: subuserId,
      detail: { name: before.name, description: { from: before.description, to: description } },
    });
    return reload(tx, actor, subuserId);
  });
}

/**
 * A key never holds more than its creator (docs/management-api.md "Roles for keys"), so removing
 * from a subuser a role one of its keys holds is refused (CONFLICT, reason role_held_by_keys: the
 * API's 439, its message naming the roles) unless `force`, which strips those roles from the
 * subuser's keys in the same transaction. `field` names the input the refusal is about: the
 * role list through the API, the confirmation (`force`) in the panel's dialog. Returns what was
 * stripped, for the audit row.
 */
async function stripRolesFromKeys(
  tx: Tx,
  actor: Actor,
  subuserId: number,
  removed: readonly AssignableRole[],
  force: boolean,
  field: "roles" | "force",
): Promise<{ strippedFromKeys?: { keyId: string; role: string }[] }> {
  if (removed.length === 0) return {};
  const where = { role: { in: [...removed] }, key: { accountId: actor.accountId, subuserId } };
  const holding = await tx.apiKeyRole.findMany({ where, select: { keyId: true, role: true }, orderBy: [{ keyId: "asc" }, { role: "asc" }] });
  if (holding.length === 0) return {};
  if (!force) {
    const held = [...new Set(holding.map((h) => h.role))].join(", ");
    throw new AppError("CONFLICT", {
      message:
        field === "force"
          ? `The subuser's service accounts hold ${held}: confirm to remove ${held.includes(",") ? "these roles" : "this role"} from its keys too`
          : `The subuser's API keys hold ${held}: remove the roles from the keys first, or force`,
      field,
      reason: "role_held_by_keys",
    });
  }
  await tx.apiKeyRole.deleteMany({ where });
  return { strippedFromKeys: holding };
}

/**
 * The panel's "Edit description & roles" dialog: one change; sessions end only if the roles
 * changed. Removing a role one of the subuser's keys holds behaves as RemoveSubUserRoles: refused
 * (439, field `force`, nothing written) unless `force`, which strips it from those keys too.
 */
export async function editSubuser(actor: Actor, input: EditSubuserInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit" });
  const { subuserId, description, roles, force } = parseInput(ZEditSubuserInput, input);
  return db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    const removed = before.roles.filter((r) => !roles.includes(r));
    const stripped = await stripRolesFromKeys(tx, actor, subuserId, removed, force, "force");
    await tx.subuser.updateMany({ where: { id: subuserId, accountId: actor.accountId }, data: { description } });
    const rolesChanged = !sameSet(before.roles, roles);
    if (rolesChanged) {
      await replaceRoles(tx, actor, subuserId, roles);
      await cutSessions(tx, actor, subuserId);
    }
    await audit(tx, actor, {
      action: "subuser.update",
      targetType: "subuser",
      targetId: subuserId,
      detail: {
        name: before.name,
        ...(before.description !== description ? { description: { from: before.description, to: description } } : {}),
        ...(rolesChanged ? { roles: { from: before.roles, to: roles } } : {}),
        ...stripped,
      },
    });
    return reload(tx, actor, subuserId);
  });
}

/**
 * A new password for a subuser. The account owner resets it in the panel; through the API
 * (SetSubUserInfo) the old password must come with the new one (448) and match it.
 */
export async function setSubuserPassword(actor: Actor, input: SetSubuserPasswordInput): Promise<void> {
  authorize(actor, { section: "subusers.edit", method: "SetSubUserInfo" });
  const { subuserId, password, oldPassword } = parseInput(ZSetSubuserPasswordInput, input);
  const current = await db.subuser.findFirst({
    where: { id: subuserId, accountId: actor.accountId },
    select: { name: true, passwordHash: true },
  });
  if (!current) throw subuserNotFound();
  if (actor.kind === "key" && !oldPassword) {
    throw invalid("oldPassword", "The current subuser password is required to set a new one", "current_password_missing");
  }
  if (oldPassword !== undefined && !(await verifyPassword(current.passwordHash, oldPassword))) {
    throw invalid("oldPassword", "The current subuser password is wrong");
  }
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const updated = await tx.subuser.updateMany({ where: { id: subuserId, accountId: actor.accountId }, data: { passwordHash } });
    if (updated.count !== 1) throw subuserNotFound();
    await cutSessions(tx, actor, subuserId);
    await audit(tx, actor, { action: "subuser.password", targetType: "subuser", targetId: subuserId, detail: { name: current.name } });
  });
}

/**
 * Turns off a subuser's two-step verification, for one who lost both the phone and the recovery
 * codes: its secret and recovery codes go, and it logs in with the password alone until it turns
 * the verification on again (at once, on /two-step, where the account requires it). Panel only (the reference has no API method for it),
 * with the rights of a password reset (subusers.edit). CONFLICT when it is not on.
 */
export async function turnOffSubuserTwoStep(actor: Actor, input: SubuserRef): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit" });
  const { subuserId } = parseInput(ZSubuserRef, input);
  return db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    if (!before.twoStep) throw conflict("subuserId", `Two-step verification is not on for ${before.name}`);
    await tx.subuser.updateMany({ where: { id: subuserId, accountId: actor.accountId }, data: { totpSecret: null, totpPendingSecret: null } });
    await tx.recoveryCode.deleteMany({ where: { accountId: actor.accountId, subuserId } });
    await audit(tx, actor, { action: "subuser.two_step_off", targetType: "subuser", targetId: subuserId, detail: { name: before.name } });
    return reload(tx, actor, subuserId);
  });
}

/**
 * Settings → Security's "Require two-step verification for subusers" (ours; the references are
 * silent). On: a subuser without the verification holds no section until it sets it up
 * (lib/auth/sessions.ts loadPrincipal, /two-step), on its next request. The account owner's alone
 * (FORBIDDEN for anyone else on the page), and only once the owner's own login has it on
 * (CONFLICT, field `required`): an owner could otherwise demand of others what it does not do.
 * Returns how many subusers must now set it up. Audited as "account.require_two_step".
 */
export async function setRequireTwoStep(actor: Actor, input: SetRequireTwoStepInput): Promise<{ required: boolean; subusersDue: number }> {
  authorize(actor, { section: "security" });
  if (!isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: "Only the account owner decides whether subusers must use two-step verification." });
  const { required } = parseInput(ZSetRequireTwoStepInput, input);
  return db.$transaction(async (tx) => {
    const owner = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { totpSecret: true } });
    if (required && owner.totpSecret === null) {
      throw conflict("required", "Turn on two-step verification for your own login in Profile first");
    }
    await tx.account.update({ where: { id: actor.accountId }, data: { requireTwoStep: required } });
    await audit(tx, actor, { action: "account.require_two_step", targetType: "account", targetId: actor.accountId, detail: { required } });
    const subusersDue = required ? await tx.subuser.count({ where: { accountId: actor.accountId, totpSecret: null } }) : 0;
    return { required, subusersDue };
  });
}

/** The panel's role editor: replaces the whole set. */
export async function setSubuserRoles(actor: Actor, input: SubuserRolesInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit" });
  const { subuserId, roles } = parseInput(ZSubuserRolesInput, input);
  return changeRoles(actor, subuserId, "subuser.roles.set", () => roles);
}

/** SetSubUserRoles: the Management API method ADDS the given roles to the held ones. */
export async function addSubuserRoles(actor: Actor, input: SubuserRolesInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit", method: "SetSubUserRoles" });
  const { subuserId, roles } = parseInput(ZSubuserRolesInput, input);
  return changeRoles(actor, subuserId, "subuser.roles.add", (held) => [...new Set([...held, ...roles])]);
}

/**
 * RemoveSubUserRoles. A key belonging to the subuser may not hold more than its creator, so
 * removing a role one of its keys holds fails (439) unless `force`, which strips it from those
 * keys too. A subuser keeps at least one role (435).
 */
export async function removeSubuserRoles(actor: Actor, input: RemoveSubuserRolesInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit", method: "RemoveSubUserRoles" });
  const { subuserId, roles, force } = parseInput(ZRemoveSubuserRolesInput, input);
  return changeRoles(actor, subuserId, "subuser.roles.remove", (held) => held.filter((r) => !roles.includes(r)), (tx, removed) =>
    stripRolesFromKeys(tx, actor, subuserId, removed, force, "roles"),
  );
}

async function changeRoles(
  actor: Actor,
  subuserId: number,
  action: string,
  next: (held: AssignableRole[]) => AssignableRole[],
  beforeWrite?: (tx: Tx, removed: AssignableRole[]) => Promise<Record<string, unknown>>,
): Promise<SubuserDto> {
  return db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    const roles = next(before.roles);
    if (roles.length === 0) throw invalid("roles", "A subuser must keep at least one role", "role_set_invalid");
    const removed = before.roles.filter((r) => !roles.includes(r));
    const extra = beforeWrite ? await beforeWrite(tx, removed) : {};
    if (!sameSet(before.roles, roles)) {
      await replaceRoles(tx, actor, subuserId, roles);
      await cutSessions(tx, actor, subuserId);
    }
    const after = await reload(tx, actor, subuserId);
    await audit(tx, actor, {
      action,
      targetType: "subuser",
      targetId: subuserId,
      detail: { name: before.name, roles: { from: before.roles, to: after.roles }, ...extra },
    });
    return after;
  });
}

/** Deactivate (its sessions end, it cannot log in) or reactivate. */
export async function setSubuserActive(actor: Actor, input: SetSubuserActiveInput): Promise<SubuserDto> {
  authorize(actor, { section: "subusers.edit" });
  const { subuserId, active } = parseInput(ZSetSubuserActiveInput, input);
  return db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    await tx.subuser.updateMany({ where: { id: subuserId, accountId: actor.accountId }, data: { active } });
    if (before.active !== active) await cutSessions(tx, actor, subuserId);
    await audit(tx, actor, {
      action: active ? "subuser.activate" : "subuser.deactivate",
      targetType: "subuser",
      targetId: subuserId,
      detail: { name: before.name },
    });
    return reload(tx, actor, subuserId);
  });
}

/** DelSubUser. Its sessions and API keys go with it. */
export async function deleteSubuser(actor: Actor, input: SubuserRef): Promise<void> {
  authorize(actor, { section: "subusers.edit", method: "DelSubUser" });
  const { subuserId } = parseInput(ZSubuserRef, input);
  await db.$transaction(async (tx) => {
    const before = await findOwnSubuser(tx, actor, subuserId);
    const keys = await tx.apiKey.count({ where: { accountId: actor.accountId, subuserId } });
    await cutSessions(tx, actor, subuserId);
    const deleted = await tx.subuser.deleteMany({ where: { id: subuserId, accountId: actor.accountId } });
    if (deleted.count !== 1) throw subuserNotFound();
    await audit(tx, actor, {
      action: "subuser.delete",
      targetType: "subuser",
      targetId: subuserId,
      detail: { name: before.name, roles: before.roles, apiKeysDeleted: keys },
    });
  });
}
