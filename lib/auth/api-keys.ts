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

/** How stale a key's "last used" may be: it is written at most once a minute per key. */
export const KEY_USE_RESOLUTION_MS = 60_000;
const touched = new Map<string, number>();

/**
 * Records a successful authentication with a key as its `lastUsedAt` (the Service accounts list
 * shows it). Kept cheap on the API's hot path: this process skips keys it wrote less than a
 * minute ago, and the row is rewritten only when its stored time is older than that (several app
 * servers share the database). `updatedAt` keeps meaning "edited", not "used".
 */
export async function recordKeyUse(keyId: string, now: Date): Promise<void> {
  const last = touched.get(keyId);
  if (last !== undefined && now.getTime() - last < KEY_USE_RESOLUTION_MS && now.getTime() >= last) return;
  if (touched.size >= 10_000) touched.clear();
  const row = await db.apiKey.findUnique({ where: { id: keyId }, select: { lastUsedAt: true, updatedAt: true } });
  if (!row) return;
  if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < KEY_USE_RESOLUTION_MS) {
    touched.set(keyId, row.lastUsedAt.getTime());
    return;
  }
  touched.set(keyId, now.getTime());
  await db.apiKey.updateMany({ where: { id: keyId }, data: { lastUsedAt: now, updatedAt: row.updatedAt } });
}

/** Tests: forget what this process wrote. */
export function forgetKeyUses(): void {
  touched.clear();
}
