import "server-only";
import { db } from "@/lib/core/db";
import type { PanelActor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { invalid, notFound } from "@/lib/core/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { listActiveSessions, revokeAllSessions } from "@/lib/auth/sessions";
import { parseInput } from "@/lib/core/validate";
import { ZChangeOwnPasswordInput, ZEndSessionInput, type ChangeOwnPasswordInput, type EndSessionInput } from "./schemas";
import { sessionHandle } from "./session-handle";

const principalOf = (actor: PanelActor) => ({ accountId: actor.accountId, subuserId: actor.subuserId });

async function currentHash(actor: PanelActor): Promise<string | null> {
  if (actor.kind === "owner") {
    return (await db.account.findUnique({ where: { id: actor.accountId }, select: { passwordHash: true } }))?.passwordHash ?? null;
  }
  const sub = await db.subuser.findFirst({ where: { id: actor.subuserId ?? -1, accountId: actor.accountId }, select: { passwordHash: true } });
  return sub?.passwordHash ?? null;
}

/**
 * One's own password (the owner's Account row or the subuser's own row). The current password
 * is required. Every other session of the principal ends; this one stays alive: the credVersion
 * bump is copied onto its row in the same transaction.
 */
export async function changeOwnPassword(actor: PanelActor, input: ChangeOwnPasswordInput, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "profile" });
  const { currentPassword, newPassword } = parseInput(ZChangeOwnPasswordInput, input);
  const hash = await currentHash(actor);
  if (!hash) throw notFound("Your login");
  if (!(await verifyPassword(hash, currentPassword))) throw invalid("currentPassword", "The current password is wrong");
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    const { credVersion } =
      actor.kind === "owner"
        ? await tx.account.update({ where: { id: actor.accountId }, data: { passwordHash, credVersion: { increment: 1 } }, select: { credVersion: true } })
        : await tx.subuser.update({
            where: { id: actor.subuserId ?? -1, accountId: actor.accountId },
            data: { passwordHash, credVersion: { increment: 1 } },
            select: { credVersion: true },
          });
    await tx.session.updateMany({ where: { id: actor.sessionId, ...principalOf(actor), revokedAt: null }, data: { credVersion } });
    await revokeAllSessions(tx, principalOf(actor), clock(), actor.sessionId);
    await audit(tx, actor, { action: "profile.password", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId });
  });
}

/** Ends one of one's own live sessions, named by its handle; another principal's reads as not found. */
export async function endSession(actor: PanelActor, input: EndSessionInput, clock: Clock = systemClock): Promise<{ current: boolean }> {
  authorize(actor, { section: "profile" });
  const { handle } = parseInput(ZEndSessionInput, input);
  const live = await listActiveSessions(db, principalOf(actor), clock);
  const target = live.find((s) => sessionHandle(s.id) === handle);
  if (!target) throw notFound("Session", "handle");
  await db.$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id: target.id, ...principalOf(actor), revokedAt: null }, data: { revokedAt: clock() } });
    await audit(tx, actor, { action: "session.revoke", targetType: "session", targetId: handle, detail: { ip: target.ip, userAgent: target.userAgent } });
  });
  return { current: target.id === actor.sessionId };
}

/** "End all other sessions": every live session of the principal but this one. */
export async function endOtherSessions(actor: PanelActor, clock: Clock = systemClock): Promise<{ ended: number }> {
  authorize(actor, { section: "profile" });
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { ...principalOf(actor), id: { not: actor.sessionId }, revokedAt: null, expiresAt: { gt: clock() } },
      data: { revokedAt: clock() },
    });
    await audit(tx, actor, { action: "session.revoke_others", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId, detail: { ended: count } });
    return { ended: count };
  });
}
