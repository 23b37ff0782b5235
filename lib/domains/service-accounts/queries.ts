import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { AssignableRole } from "@/lib/access/matrix";
import { assignableRolesOf } from "@/lib/access/api-roles";
import {
  callerPrincipalRoles,
  grantableKeyRoles as grantableFor,
  keyReachRefusal,
  keyReachVerdict,
  type KeyCaller,
} from "@/lib/access/key-reach";
import { AppError } from "@/lib/core/errors";
import { ZKeyRef, ZListKeysInput, type KeyRef, type ListKeysInput } from "./schemas";
import { parseInput } from "@/lib/core/validate";

// Reads of service accounts (API keys). Which keys an actor reaches, and which roles it may put on
// them, is decided by ONE pure rule, lib/access/key-reach.ts, for the Management API and the
// panel alike; this file loads what the rule needs (the key rows, the acting key's creator) and
// asks it. Another account's key is never loaded (every where carries accountId).

export const KEY_SELECT = {
  id: true,
  name: true,
  description: true,
  subuserId: true,
  createdAt: true,
  updatedAt: true,
  lastUsedAt: true,
  roles: { select: { role: true } },
  subuser: { select: { id: true, name: true, description: true, roles: { select: { role: true } } } },
} as const satisfies Prisma.ApiKeySelect;

export type KeyDto = {
  id: string;
  name: string;
  description: string;
  /** In the matrix's role order; unknown role strings in the database are dropped (they grant nothing). */
  roles: AssignableRole[];
  /** The subuser that created the key; null for the account owner's keys. */
  subuser: { id: number; name: string; description: string } | null;
  /** The roles of the key's creator (null: the account owner, who holds every role): a key never holds more. */
  creatorRoles: AssignableRole[] | null;
  createdAt: Date;
  updatedAt: Date;
  /** The last successful API authentication with the key (up to a minute stale); null: never used. */
  lastUsedAt: Date | null;
};

export function toKeyDto(row: Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>): KeyDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    roles: assignableRolesOf(row.roles.map((r) => r.role)),
    subuser: row.subuser ? { id: row.subuser.id, name: row.subuser.name, description: row.subuser.description } : null,
    creatorRoles: row.subuser ? assignableRolesOf(row.subuser.roles.map((r) => r.role)) : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export const keyNotFound = () => new AppError("NOT_FOUND", { message: "Key not found", field: "keyId", reason: "key_not_found" });

/**
 * The actor as the key-reach rule sees it. For a key, its creator's roles are read here (a key
 * never acts beyond them); a creator that is gone or inactive leaves it no authority (its
 * requests fail authentication anyway).
 */
export async function keyCallerOf(actor: Actor, client: Tx | typeof db = db): Promise<KeyCaller> {
  switch (actor.kind) {
    case "owner":
      return { kind: "owner" };
    case "subuser":
      return { kind: "subuser", subuserId: actor.subuserId ?? -1, roles: actor.roles };
    case "key": {
      const keyId = actor.keyId ?? "";
      if (actor.subuserId === null) return { kind: "key", keyId, subuserId: null, roles: actor.roles, creatorRoles: null };
      const creator = await client.subuser.findFirst({
        where: { id: actor.subuserId, accountId: actor.accountId, active: true },
        select: { roles: { select: { role: true } } },
      });
      return { kind: "key", keyId, subuserId: actor.subuserId, roles: actor.roles, creatorRoles: creator?.roles.map((r) => r.role) ?? [] };
    }
  }
}

/**
 * A key of the actor's account that the actor reaches (lib/access/key-reach.ts). Another
 * account's id, or no such key: NOT_FOUND (433). A key of the account outside the actor's reach
 * (another principal's, or one holding roles beyond the caller's): FORBIDDEN (104), nothing
 * written.
 */
export async function findReachableKey(client: Tx | typeof db, caller: KeyCaller, accountId: number, keyId: string): Promise<KeyDto> {
  const row = await client.apiKey.findFirst({ where: { id: keyId, accountId }, select: KEY_SELECT });
  if (!row) throw keyNotFound();
  const key = toKeyDto(row);
  const verdict = keyReachVerdict(caller, { id: key.id, subuserId: key.subuser?.id ?? null, roles: key.roles });
  if (verdict !== "reach") throw new AppError("FORBIDDEN", { message: keyReachRefusal(verdict), field: "keyId" });
  return key;
}

/** The roles `caller` may put on `key` (its authority, capped by the key's creator's roles). */
export function grantableOn(caller: KeyCaller, key: Pick<KeyDto, "creatorRoles">): AssignableRole[] {
  return grantableFor(caller, key.creatorRoles);
}

/**
 * The roles an actor may put on a new key of its own: never more than its own authority
 * (lib/access/key-reach.ts keyAuthority). The account owner: every assignable role. A subuser:
 * the roles it holds. A key: the roles it holds; an Owner key: every role its creator holds.
 */
export async function grantableKeyRoles(actor: Actor, client: Tx | typeof db = db): Promise<AssignableRole[]> {
  const caller = await keyCallerOf(actor, client);
  return grantableFor(caller, callerPrincipalRoles(caller));
}

/**
 * GetKeys / the Service accounts list: the keys the actor reaches, oldest first. Reach is decided
 * per key by the pure rule, so the account's keys (at most MAX_KEYS_PER_ACCOUNT) are read and
 * filtered here, then paged.
 */
export async function listKeys(actor: Actor, input: ListKeysInput = {}): Promise<{ items: KeyDto[]; total: number }> {
  authorize(actor, { section: "service_accounts", method: "GetKeys" });
  const { keyId, offset, count } = parseInput(ZListKeysInput, input);
  const caller = await keyCallerOf(actor);
  const rows = await db.apiKey.findMany({
    where: { accountId: actor.accountId, ...(keyId ? { id: keyId } : {}) },
    select: KEY_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const reachable = rows.map(toKeyDto).filter((k) => keyReachVerdict(caller, { id: k.id, subuserId: k.subuser?.id ?? null, roles: k.roles }) === "reach");
  return { items: reachable.slice(offset, offset + count), total: reachable.length };
}

/** GetKeyRoles: a reachable key's roles (the API expands implied ones itself). */
export async function getKeyRoles(actor: Actor, input: KeyRef): Promise<AssignableRole[]> {
  authorize(actor, { section: "service_accounts", method: "GetKeyRoles" });
  const { keyId } = parseInput(ZKeyRef, input);
  const caller = await keyCallerOf(actor);
  return (await findReachableKey(db, caller, actor.accountId, keyId)).roles;
}
