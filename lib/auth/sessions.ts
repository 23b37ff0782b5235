// Session rows (docs/SECURITY.md): one per login, random 256-bit id, absolute expiry at creation +
// SESSION_TTL_SECONDS (8 h), never extended. The row, not the JWT, decides whether a session
// lives; loadPrincipal fails closed on anything missing, revoked, expired, inactive or stale.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import type { Clock } from "@/lib/core/clock";
import { isAssignableRole, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { toBool, toDate, toInt } from "@/lib/core/raw-values";

export type NewSession = {
  accountId: number;
  subuserId: number | null;
  credVersion: number;
  ip: string;
  userAgent: string;
};

export async function createSession(db: Db, s: NewSession, clock: Clock): Promise<{ id: string; expiresAt: Date }> {
  const createdAt = clock();
  const expiresAt = new Date(createdAt.getTime() + env().SESSION_TTL_SECONDS * 1000);
  const id = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id, ...s, userAgent: s.userAgent.slice(0, 512), ip: s.ip.slice(0, 64), createdAt, expiresAt },
  });
  return { id, expiresAt };
}

/** One row of PRINCIPAL_SQL: the session, its account, its subuser (if any) and one of the subuser's roles. */
type PrincipalRow = {
  id: string;
  ip: string;
  credVersion: number | bigint;
  createdAt: Date | string;
  expiresAt: Date | string;
  revokedAt: Date | string | null;
  subuserId: number | bigint | null;
  accountId: number | bigint;
  accountName: string;
  accountEmail: string;
  accountActive: boolean | number | bigint;
  accountCredVersion: number | bigint;
  subuserName: string | null;
  subuserActive: boolean | number | bigint | null;
  subuserCredVersion: number | bigint | null;
  subuserAccountId: number | bigint | null;
  accountRequiresTwoStep: boolean | number | bigint;
  /** 1 when the subuser has two-step verification on (the secret itself is not read), else 0. */
  subuserTwoStep: number | bigint | null;
  role: string | null;
};


/**
 * Re-reads the principal behind a session id, on every request: the session row, its account,
 * its subuser and the subuser's roles in ONE query (a row per role; the subuser's columns are
 * null for the owner's sessions), where Prisma's nested select would make four round trips on
 * SQLite (issue 11). Returns null (session over) on any doubt: unknown, revoked or expired
 * session, inactive account, inactive or foreign subuser, or a credential version that moved
 * (a password change or role edit since the login). Unknown role strings grant nothing.
 */
export async function loadPrincipal(db: Db, sessionId: string, clock: Clock): Promise<PanelActor | null> {
  if (!sessionId) return null;
  const rows = await db.$queryRaw<PrincipalRow[]>`
    SELECT s."id", s."ip", s."credVersion", s."createdAt", s."expiresAt", s."revokedAt", s."subuserId",
           a."id" AS "accountId", a."name" AS "accountName", a."email" AS "accountEmail",
           a."active" AS "accountActive", a."credVersion" AS "accountCredVersion",
           u."name" AS "subuserName", u."active" AS "subuserActive", u."credVersion" AS "subuserCredVersion",
           u."accountId" AS "subuserAccountId", a."requireTwoStep" AS "accountRequiresTwoStep",
           CASE WHEN u."totpSecret" IS NULL THEN 0 ELSE 1 END AS "subuserTwoStep", r."role"
      FROM "Session" s
      JOIN "Account" a ON a."id" = s."accountId"
      LEFT JOIN "Subuser" u ON u."id" = s."subuserId"
      LEFT JOIN "SubuserRole" r ON r."subuserId" = u."id"
     WHERE s."id" = ${sessionId}
     ORDER BY r."role"`;
  const s = rows[0];
  if (!s || s.revokedAt !== null || toDate(s.expiresAt).getTime() <= clock().getTime() || !toBool(s.accountActive)) return null;
  const accountId = Number(s.accountId);
  const base = {
    accountId,
    accountName: s.accountName,
    accountEmail: s.accountEmail,
    keyId: null,
    ip: s.ip,
    sessionId: s.id,
    sessionCreatedAt: toDate(s.createdAt),
    sessionExpiresAt: toDate(s.expiresAt),
  };
  const subuserId = toInt(s.subuserId);
  if (subuserId === null) {
    if (Number(s.credVersion) !== Number(s.accountCredVersion)) return null;
    return { ...base, kind: "owner", subuserId: null, name: s.accountName, roles: [OWNER_ROLE] };
  }
  if (s.subuserName === null || !toBool(s.subuserActive) || toInt(s.subuserAccountId) !== accountId || toInt(s.subuserCredVersion) !== Number(s.credVersion)) {
    return null;
  }
  // The account requires two-step verification and this subuser has not set it up: it holds no
  // section until it has (every page, action and route refuses it; pages send it to /two-step).
  if (toBool(s.accountRequiresTwoStep) && Number(s.subuserTwoStep) === 0) {
    return { ...base, kind: "subuser", subuserId, name: s.subuserName, roles: [], twoStepDue: true };
  }
  const roles: Role[] = rows.map((r) => r.role).filter((r): r is string => r !== null).filter(isAssignableRole);
  return { ...base, kind: "subuser", subuserId, name: s.subuserName, roles };
}

/**
 * Whose session `sessionId` is or was: `{ accountId, subuserId }` (subuserId null for the owner's),
 * whatever its state (revoked, expired), or null when there is no such row (its subuser or
 * account was deleted). Only for choosing the login page to send an ended session to: never
 * an authorization.
 */
export async function sessionHolder(db: Db, sessionId: string): Promise<{ accountId: number; subuserId: number | null } | null> {
  if (!sessionId) return null;
  return db.session.findUnique({ where: { id: sessionId }, select: { accountId: true, subuserId: true } });
}

/** Ends one session (logout, or "end session" on the profile page). */
export async function revokeSession(db: Db, where: { id: string; accountId: number }, clock: Clock) {
  await db.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: clock() } });
}

export async function listActiveSessions(db: Db, who: { accountId: number; subuserId: number | null }, clock: Clock) {
  return db.session.findMany({
    where: { accountId: who.accountId, subuserId: who.subuserId, revokedAt: null, expiresAt: { gt: clock() } },
    select: { id: true, ip: true, userAgent: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Ends every open session of a principal (owner: subuserId null), except `keep` (the session
 * that changed its own password stays logged in). Called inside the mutation's transaction.
 */
export async function revokeAllSessions(
  tx: Pick<Db, "session">,
  who: { accountId: number; subuserId: number | null },
  now: Date,
  keep?: string,
) {
  await tx.session.updateMany({
    where: { accountId: who.accountId, subuserId: who.subuserId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: now },
  });
}
