import "server-only";
import { db } from "@/lib/core/db";
import type { PanelActor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { Role } from "@/lib/access/matrix";
import type { Clock } from "@/lib/core/clock";
import { systemClock } from "@/lib/core/clock";
import { listActiveSessions } from "@/lib/auth/sessions";
import { findLoginRow } from "@/lib/auth/login-row";
import { sessionHandle } from "./session-handle";

export type SessionDto = {
  handle: string;
  current: boolean;
  createdAt: Date;
  expiresAt: Date;
  ip: string;
  userAgent: string;
};

export type ProfileDto = {
  kind: "owner" | "subuser";
  accountId: number;
  accountName: string;
  /** The account's email, shown to its owner only. */
  accountEmail: string | null;
  name: string;
  roles: readonly Role[];
  sessionCreatedAt: Date;
  sessionExpiresAt: Date;
  sessions: SessionDto[];
  /**
   * Two-step verification (lib/auth/two-step.ts): whether it is on, how many unused recovery codes
   * remain, and whether the account requires it of this login (a subuser under Account.requireTwoStep).
   */
  twoStep: { on: boolean; recoveryCodesLeft: number; required: boolean };
};

/** Who the actor is, this session's absolute expiry, and its live sessions (this one first). */
export async function getProfile(actor: PanelActor, clock: Clock = systemClock): Promise<ProfileDto> {
  authorize(actor, { section: "profile" });
  const principal = { accountId: actor.accountId, subuserId: actor.subuserId };
  const [rows, login, codesLeft] = await Promise.all([
    listActiveSessions(db, principal, clock),
    findLoginRow(db, principal),
    recoveryCodesLeft(actor),
  ]);
  const sessions = rows
    .map((s) => ({ handle: sessionHandle(s.id), current: s.id === actor.sessionId, createdAt: s.createdAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent }))
    .sort((a, b) => Number(b.current) - Number(a.current));
  return {
    kind: actor.kind,
    accountId: actor.accountId,
    accountName: actor.accountName,
    accountEmail: actor.kind === "owner" ? actor.accountEmail : null,
    name: actor.name,
    roles: actor.roles,
    sessionCreatedAt: actor.sessionCreatedAt,
    sessionExpiresAt: actor.sessionExpiresAt,
    sessions,
    twoStep: { on: Boolean(login?.totpSecret), recoveryCodesLeft: codesLeft, required: login?.twoStepRequired ?? false },
  };
}

/**
 * How many unused recovery codes the actor's own login has (0 without two-step verification). Any
 * logged-in principal may ask about its own login: the dashboard's notice after a login with a
 * recovery code reaches every role, Profile or not.
 */
export async function recoveryCodesLeft(actor: PanelActor): Promise<number> {
  return db.recoveryCode.count({ where: { accountId: actor.accountId, subuserId: actor.subuserId, usedAt: null } });
}
