import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { ApiMethod } from "@/lib/access/api-methods";
import type { AssignableRole } from "@/lib/access/matrix";
import { audit } from "@/lib/core/audit";
import { lockAccount } from "@/lib/core/locks";
import { AppError, invalid } from "@/lib/core/errors";
import { generateKeyPair } from "./key-pair";
import { callerPrincipalRoles, grantableKeyRoles, type KeyCaller } from "@/lib/access/key-reach";
import { findReachableKey, KEY_SELECT, keyCallerOf, keyNotFound, toKeyDto, type KeyDto } from "./queries";
import {
  MAX_KEYS_PER_ACCOUNT,
  ZCreateKeyInput,
  ZEditKeyInput,
  ZKeyRef,
  ZKeyRolesChangeInput,
  ZUpdateKeyInput,
  type CreateKeyInput,
  type EditKeyInput,
  type KeyRef,
  type KeyRolesChangeInput,
  type KeyCredentials,
  type UpdateKeyInput,
} from "./schemas";
import { parseInput } from "@/lib/core/validate";

// Every mutation: authorize (the panel's service_accounts section, or the API method's key
// roles), validate, then one transaction scoped by the actor's account that checks reach
// (lib/access/key-reach.ts, through queries.ts findReachableKey: a key of the caller's own
// principal whose roles lie within the caller's), writes the change and its audit row. Role
// grants never exceed the caller's authority nor the target key's creator's roles
// (grantableKeyRoles). Deleting a key or changing its roles bites on its next request: the API
// re-reads the key on every call.

const SECTION = "service_accounts" as const;


function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/** A key with no roles may only manage itself (docs/management-api.md): it cannot mint new keys. */
function refuseRolelessKey(actor: Actor, method: ApiMethod) {
  if (actor.kind === "key" && actor.roles.length === 0) {
    throw new AppError("FORBIDDEN", { message: `A key without roles can only manage itself; it cannot call ${method}` });
  }
}

/** Refuses (435, nothing written) roles beyond what `caller` may put on a key whose creator holds `creatorRoles`. */
function assertGrantable(caller: KeyCaller, creatorRoles: readonly string[] | null, adding: readonly AssignableRole[]) {
  if (adding.length === 0) return;
  const grantable = new Set(grantableKeyRoles(caller, creatorRoles));
  const beyond = adding.filter((r) => !grantable.has(r));
  if (beyond.length > 0) {
    throw invalid("roles", `You cannot grant roles beyond your own or the key's creator's: ${beyond.join(", ")}`, "role_set_invalid");
  }
}

async function writeRoles(tx: Tx, keyId: string, roles: readonly AssignableRole[]) {
  await tx.apiKeyRole.deleteMany({ where: { keyId } });
  if (roles.length > 0) await tx.apiKeyRole.createMany({ data: roles.map((role) => ({ keyId, role })) });
}

async function reload(tx: Tx, actor: Actor, keyId: string): Promise<KeyDto> {
  const row = await tx.apiKey.findFirst({ where: { id: keyId, accountId: actor.accountId }, select: KEY_SELECT });
  if (!row) throw keyNotFound();
  return toKeyDto(row);
}

/**
 * CreateKey / the panel's "Create service account": an RSA 2048 pair; only the public key and
 * a UUID are stored. The key belongs to the creating principal (the owner, or the subuser).
 */
export async function createKey(actor: Actor, input: CreateKeyInput): Promise<{ key: KeyDto; credentials: KeyCredentials }> {
  authorize(actor, { section: SECTION, method: "CreateKey" });
  refuseRolelessKey(actor, "CreateKey");
  const data = parseInput(ZCreateKeyInput, input);
  const id = randomUUID();
  const { publicKeyPem, privateKeyPem } = await generateKeyPair();
  const name = data.name ?? `key-${id.slice(0, 8)}`;
  return db.$transaction(async (tx) => {
    const caller = await keyCallerOf(actor, tx);
    assertGrantable(caller, callerPrincipalRoles(caller), data.roles);
    // Count, then insert: one create per account at a time, or parallel ones all see 99.
    await lockAccount(tx, actor.accountId);
    const count = await tx.apiKey.count({ where: { accountId: actor.accountId } });
    if (count >= MAX_KEYS_PER_ACCOUNT) {
      throw new AppError("CONFLICT", { message: `An account can have at most ${MAX_KEYS_PER_ACCOUNT} keys`, reason: "key_limit" });
    }
    const account = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { id: true, email: true } });
    const row = await tx.apiKey.create({
      data: {
        id,
        accountId: actor.accountId,
        subuserId: actor.subuserId,
        name,
        description: data.description,
        publicKeyPem,
        roles: { create: data.roles.map((role) => ({ role })) },
      },
      select: KEY_SELECT,
    });
    await audit(tx, actor, {
      action: "service_account.create",
      targetType: "api_key",
      targetId: id,
      detail: { name, roles: data.roles, description: data.description },
    });
    return {
      key: toKeyDto(row),
      credentials: { account_email: account.email, account_id: account.id, key_id: id, private_key: privateKeyPem },
    };
  });
}

/** UpdateKey: name and/or description of a reachable key. */
export async function updateKey(actor: Actor, input: UpdateKeyInput): Promise<KeyDto> {
  authorize(actor, { section: SECTION, method: "UpdateKey" });
  const { keyId, name, description } = parseInput(ZUpdateKeyInput, input);
  return db.$transaction(async (tx) => {
    const before = await findReachableKey(tx, await keyCallerOf(actor, tx), actor.accountId, keyId);
    await tx.apiKey.updateMany({
      where: { id: keyId, accountId: actor.accountId },
      data: { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) },
    });
    await audit(tx, actor, {
      action: "service_account.update",
      targetType: "api_key",
      targetId: keyId,
      detail: {
        name: before.name,
        ...(name !== undefined && name !== before.name ? { rename: { from: before.name, to: name } } : {}),
        ...(description !== undefined && description !== before.description ? { description: { from: before.description, to: description } } : {}),
      },
    });
    return reload(tx, actor, keyId);
  });
}

/** The panel's edit dialog: name, description and the role set in one change. */
export async function editKey(actor: Actor, input: EditKeyInput): Promise<KeyDto> {
  authorize(actor, { section: SECTION });
  const { keyId, name, description, roles } = parseInput(ZEditKeyInput, input);
  return db.$transaction(async (tx) => {
    const caller = await keyCallerOf(actor, tx);
    const before = await findReachableKey(tx, caller, actor.accountId, keyId);
    assertGrantable(caller, before.creatorRoles, roles.filter((r) => !before.roles.includes(r)));
    await tx.apiKey.updateMany({ where: { id: keyId, accountId: actor.accountId }, data: { name, description } });
    const rolesChanged = !sameSet(before.roles, roles);
    if (rolesChanged) await writeRoles(tx, keyId, roles);
    await audit(tx, actor, {
      action: "service_account.update",
      targetType: "api_key",
      targetId: keyId,
      detail: {
        name: before.name,
        ...(name !== before.name ? { rename: { from: before.name, to: name } } : {}),
        ...(description !== before.description ? { description: { from: before.description, to: description } } : {}),
        ...(rolesChanged ? { roles: { from: before.roles, to: roles } } : {}),
      },
    });
    return reload(tx, actor, keyId);
  });
}

/** DeleteKey: the key's next request fails with 100. */
export async function deleteKey(actor: Actor, input: KeyRef): Promise<void> {
  authorize(actor, { section: SECTION, method: "DeleteKey" });
  const { keyId } = parseInput(ZKeyRef, input);
  await db.$transaction(async (tx) => {
    const before = await findReachableKey(tx, await keyCallerOf(actor, tx), actor.accountId, keyId);
    const deleted = await tx.apiKey.deleteMany({ where: { id: keyId, accountId: actor.accountId } });
    if (deleted.count !== 1) throw keyNotFound();
    await audit(tx, actor, {
      action: "service_account.delete",
      targetType: "api_key",
      targetId: keyId,
      detail: { name: before.name, roles: before.roles },
    });
  });
}

async function changeRoles(
  actor: Actor,
  method: ApiMethod,
  input: KeyRolesChangeInput,
  next: (held: AssignableRole[], given: AssignableRole[]) => AssignableRole[],
  action: string,
): Promise<KeyDto> {
  authorize(actor, { section: SECTION, method });
  const { keyId, roles } = parseInput(ZKeyRolesChangeInput, input);
  return db.$transaction(async (tx) => {
    const caller = await keyCallerOf(actor, tx);
    const before = await findReachableKey(tx, caller, actor.accountId, keyId);
    const after = next(before.roles, roles);
    assertGrantable(caller, before.creatorRoles, after.filter((r) => !before.roles.includes(r)));
    if (!sameSet(before.roles, after)) await writeRoles(tx, keyId, after);
    const reloaded = await reload(tx, actor, keyId);
    await audit(tx, actor, {
      action,
      targetType: "api_key",
      targetId: keyId,
      detail: { name: before.name, roles: { from: before.roles, to: reloaded.roles } },
    });
    return reloaded;
  });
}

/** SetKeyRoles: like SetSubUserRoles, ADDS the given roles to the key's (never beyond the actor's own). */
export function addKeyRoles(actor: Actor, input: KeyRolesChangeInput): Promise<KeyDto> {
  return changeRoles(actor, "SetKeyRoles", input, (held, given) => [...new Set([...held, ...given])], "service_account.roles.add");
}

/** RemoveKeyRoles. A key may end with no roles (it can then only manage itself). */
export function removeKeyRoles(actor: Actor, input: KeyRolesChangeInput): Promise<KeyDto> {
  return changeRoles(actor, "RemoveKeyRoles", input, (held, given) => held.filter((r) => !given.includes(r)), "service_account.roles.remove");
}
