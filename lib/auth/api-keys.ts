import "server-only";
// The database side of Management API authentication (lib/api/auth.ts verifies the token): the
// key named by a token's `kid`, with everything the checks need in one read, and the child
// account a token's `iss` may name.
import { db } from "@/lib/core/db";
import { toBool } from "@/lib/core/raw-values";

/** What authentication needs of a key: its roles, its creator's (a subuser's) state and roles, its account. */
export type KeyForAuth = {
  id: string;
  name: string;
  accountId: number;
  subuserId: number | null;
  publicKeyPem: string;
  roles: { role: string }[];
  subuser: { active: boolean; roles: { role: string }[] } | null;
  account: { id: number; name: string; email: string; active: boolean };
  /** How many entries the key's account has on its authorized IP lists (0: every address may call). */
  authorizedIps: number;
};

/** One row of the query below: the key with one role, of the key ("key") or of its creator ("subuser"), or none. */
type KeyRow = {
  id: string;
  name: string;
  accountId: number | bigint;
  subuserId: number | bigint | null;
  publicKeyPem: string;
  accountName: string;
  accountEmail: string;
  accountActive: boolean | number | bigint;
  subuserActive: boolean | number | bigint | null;
  authorizedIps: number | bigint;
  roleOf: string;
  role: string | null;
};


/**
 * The key with this id (a token's `kid`), its roles, its creator's roles, its account and the size
 * of the account's authorized IP lists (an index-only count) in ONE query (the key's roles and its
 * creator's as the two halves of a UNION ALL), where Prisma's nested select would make five round
 * trips on SQLite, on every API call (issue 11). Null when unknown or deleted.
 */
export async function findApiKeyForAuth(kid: string): Promise<KeyForAuth | null> {
  const rows = await db.$queryRaw<KeyRow[]>`
    SELECT k."id", k."name", k."accountId", k."subuserId", k."publicKeyPem",
           a."name" AS "accountName", a."email" AS "accountEmail", a."active" AS "accountActive",
           u."active" AS "subuserActive",
           (SELECT COUNT(*) FROM "AuthorizedIp" ai WHERE ai."accountId" = k."accountId") AS "authorizedIps",
           'key' AS "roleOf", kr."role"
      FROM "ApiKey" k
      JOIN "Account" a ON a."id" = k."accountId"
      LEFT JOIN "Subuser" u ON u."id" = k."subuserId"
      LEFT JOIN "ApiKeyRole" kr ON kr."keyId" = k."id"
     WHERE k."id" = ${kid}
    UNION ALL
    SELECT k."id", k."name", k."accountId", k."subuserId", k."publicKeyPem",
           a."name", a."email", a."active", u."active",
           (SELECT COUNT(*) FROM "AuthorizedIp" ai WHERE ai."accountId" = k."accountId"),
           'subuser', sr."role"
      FROM "ApiKey" k
      JOIN "Account" a ON a."id" = k."accountId"
      JOIN "Subuser" u ON u."id" = k."subuserId"
      JOIN "SubuserRole" sr ON sr."subuserId" = u."id"
     WHERE k."id" = ${kid}`;
  const k = rows[0];
  if (!k) return null;
  const rolesOf = (of: string) =>
    rows
      .filter((r) => r.roleOf === of && r.role !== null)
      .map((r) => ({ role: r.role! }))
      .sort((x, y) => (x.role < y.role ? -1 : x.role > y.role ? 1 : 0));
  const accountId = Number(k.accountId);
  const subuserId = k.subuserId === null ? null : Number(k.subuserId);
  return {
    id: k.id,
    name: k.name,
    accountId,
    subuserId,
    publicKeyPem: k.publicKeyPem,
    roles: rolesOf("key"),
    // A key whose creator was deleted goes with it (cascade): a subuserId always has its subuser.
    subuser: subuserId === null ? null : { active: toBool(k.subuserActive), roles: rolesOf("subuser") },
    account: { id: accountId, name: k.accountName, email: k.accountEmail, active: toBool(k.accountActive) },
    authorizedIps: Number(k.authorizedIps),
  };
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
