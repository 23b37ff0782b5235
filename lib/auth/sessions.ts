// Session rows (docs/SECURITY.md): one per login, random 256-bit id, absolute expiry at creation +
// SESSION_TTL_SECONDS (8 h), never extended. The row, not the JWT, decides whether a session
// lives; loadPrincipal fails closed on anything missing, revoked, expired, inactive or stale.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import type { Clock } from "@/lib/core/clock";
import { isAssignableRole, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";

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

/** Re-reads the principal behind a session id. Returns null (session over) on any doubt. */
export async function loadPrincipal(db: Db, sessionId: string, clock: Clock): Promise<PanelActor | null> {
  if (!sessionId) return null;
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      ip: true,
      credVersion: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      subuserId: true,
      account: { select: { id: true, name: true, email: true, active: true, credVersion: true } },
      subuser: {
        select: { id: true, name: true, active: true, credVersion: true, accountId: true, roles: { select: { role: true } } },
      },
    },
  });
  if (!s || s.revokedAt || s.expiresAt.getTime() <= clock().getTime() || !s.account.active) return null;
  const base = {
    accountId: s.account.id,
    accountName: s.account.name,
    accountEmail: s.account.email,
    keyId: null,
    ip: s.ip,
    sessionId: s.id,
    sessionCreatedAt: s.createdAt,
    sessionExpiresAt: s.expiresAt,
  };
  if (s.subuserId === null) {
    if (s.credVersion !== s.account.credVersion) return null;
    return { ...base, kind: "owner", subuserId: null, name: s.account.name, roles: [OWNER_ROLE] };
  }
  const sub = s.subuser;
  if (!sub || !sub.active || sub.accountId !== s.account.id || sub.credVersion !== s.credVersion) return null;
  // Unknown role strings in the database grant nothing.
  const roles: Role[] = sub.roles.map((r) => r.role).filter(isAssignableRole);
  return { ...base, kind: "subuser", subuserId: sub.id, name: sub.name, roles };
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
