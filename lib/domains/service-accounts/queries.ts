import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/access/matrix";
import { assignableRolesOf, isSuperKey } from "@/lib/access/api-roles";
import { AppError } from "@/lib/core/errors";
import { ZKeyRef, ZListKeysInput, type KeyRef, type ListKeysInput } from "./schemas";
import { parseInput } from "@/lib/core/validate";

export const KEY_SELECT = {
  id: true,
  name: true,
  description: true,
  subuserId: true,
  createdAt: true,
  updatedAt: true,
  lastUsedAt: true,
  roles: { select: { role: true } },
  subuser: { select: { id: true, name: true, description: true } },
} as const satisfies Prisma.ApiKeySelect;

export type KeyDto = {
  id: string;
  name: string;
  description: string;
  /** In the matrix's role order; unknown role strings in the database are dropped (they grant nothing). */
  roles: AssignableRole[];
  /** The subuser that created the key; null for the account owner's keys. */
  subuser: { id: number; name: string; description: string } | null;
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
    subuser: row.subuser,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

export const keyNotFound = () => new AppError("NOT_FOUND", { message: "Key not found", field: "keyId", reason: "key_not_found" });

/**
 * The keys an actor reaches, always inside its account. The account owner: all. A subuser: the
 * keys it created. A key: those of its own principal (its creator); a key holding the super
 * role (lib/access/api-roles.ts): all of the account's; a key with no roles: only itself.
 * Anything outside reads as not found (433), never as forbidden, so ids cannot be probed.
 */
export function keyReach(actor: Actor): Prisma.ApiKeyWhereInput {
  const accountId = actor.accountId;
  switch (actor.kind) {
    case "owner":
      return { accountId };
    case "subuser":
      return { accountId, subuserId: actor.subuserId ?? -1 };
    case "key":
      if (isSuperKey(actor)) return { accountId };
      if (actor.roles.length === 0) return { accountId, id: actor.keyId ?? "" };
      return { accountId, subuserId: actor.subuserId };
  }
}

export async function findReachableKey(client: Tx | typeof db, actor: Actor, keyId: string): Promise<KeyDto> {
  const row = await client.apiKey.findFirst({ where: { AND: [keyReach(actor), { id: keyId }] }, select: KEY_SELECT });
  if (!row) throw keyNotFound();
  return toKeyDto(row);
}

/**
 * The roles an actor may put on a key: never more than its own (a principal cannot raise a
 * key above itself). The account owner: every assignable role. A subuser: the roles it holds.
 * A key: the roles it holds; a super key: every role its creator holds (all for the owner's).
 */
export async function grantableKeyRoles(actor: Actor, client: Tx | typeof db = db): Promise<AssignableRole[]> {
  if (actor.kind === "owner") return [...ASSIGNABLE_ROLES];
  if (actor.kind === "subuser") return assignableRolesOf(actor.roles);
  if (!isSuperKey(actor)) return assignableRolesOf(actor.roles);
  if (actor.subuserId === null) return [...ASSIGNABLE_ROLES];
  const creator = await client.subuser.findFirst({
    where: { id: actor.subuserId, accountId: actor.accountId, active: true },
    select: { roles: { select: { role: true } } },
  });
  return assignableRolesOf(creator?.roles.map((r) => r.role) ?? []);
}

/** GetKeys / the Service accounts list: the reachable keys, oldest first. */
export async function listKeys(actor: Actor, input: ListKeysInput = {}): Promise<{ items: KeyDto[]; total: number }> {
  authorize(actor, { section: "service_accounts", method: "GetKeys" });
  const { keyId, offset, count } = parseInput(ZListKeysInput, input);
  const where: Prisma.ApiKeyWhereInput = { AND: [keyReach(actor), ...(keyId ? [{ id: keyId }] : [])] };
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({ where, select: KEY_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: offset, take: count }),
    db.apiKey.count({ where }),
  ]);
  return { items: rows.map(toKeyDto), total };
}

/** GetKeyRoles: a reachable key's roles (the API expands implied ones itself). */
export async function getKeyRoles(actor: Actor, input: KeyRef): Promise<AssignableRole[]> {
  authorize(actor, { section: "service_accounts", method: "GetKeyRoles" });
  const { keyId } = parseInput(ZKeyRef, input);
  return (await findReachableKey(db, actor, keyId)).roles;
}
