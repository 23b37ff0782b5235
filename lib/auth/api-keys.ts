import "server-only";
// The database side of Management API authentication (lib/api/auth.ts verifies the token): the
// key named by a token's `kid`, with everything the checks need in one read, and the child
// account a token's `iss` may name.
import { db } from "@/lib/core/db";

const KEY_SELECT = {
  id: true,
  name: true,
  accountId: true,
  subuserId: true,
  publicKeyPem: true,
  roles: { select: { role: true } },
  subuser: { select: { active: true, roles: { select: { role: true } } } },
  account: { select: { id: true, name: true, email: true, active: true } },
} as const;

/** The key with this id (a token's `kid`), its roles, its creator's roles and its account; null when unknown or deleted. */
export function findApiKeyForAuth(kid: string) {
  return db.apiKey.findUnique({ where: { id: kid }, select: KEY_SELECT });
}

/** A direct child of `parentId` (a token's `iss` may act on it), or null. */
export function findChildAccountForAuth(parentId: number, childId: number) {
  return db.account.findFirst({ where: { id: childId, parentId }, select: { id: true, name: true, email: true, active: true } });
}
