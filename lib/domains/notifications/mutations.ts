import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorizeAccessRequest } from "@/lib/access/access-requests";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { parseInput } from "@/lib/core/validate";
import { ZRequestAccessInput, type RequestAccessInput } from "./schemas";
import { visibleAudiences } from "./queries";

export type AccessRequestResult = {
  /** False when this subuser's earlier request for the section is still unread: nothing new is written. */
  created: boolean;
  /** The roles the account owner could give to open the section. */
  roles: string[];
};

/**
 * A subuser asks the account owner for a section it was refused (the 403 page's "Request
 * access"): one notification for the owner and its audit row, in one transaction. Who may ask is
 * lib/access/access-requests.ts's rule (subusers only, for a page they lack that some role
 * opens); asking again while the first request is unread writes nothing.
 */
export async function requestAccess(actor: Actor, input: RequestAccessInput): Promise<AccessRequestResult> {
  const { section } = parseInput(ZRequestAccessInput, input);
  const roles = authorizeAccessRequest(actor, section);
  return db.$transaction(async (tx) => {
    const pending = await tx.notification.findFirst({
      where: { accountId: actor.accountId, kind: "access_request", subuserId: actor.subuserId, sectionId: section, readAt: null },
      select: { id: true },
    });
    if (pending) return { created: false, roles };
    const row = await tx.notification.create({
      data: {
        accountId: actor.accountId,
        kind: "access_request",
        audience: "owner",
        subuserId: actor.subuserId,
        sectionId: section,
        detail: JSON.stringify({ subuser: actor.name, roles }),
      },
    });
    await audit(tx, actor, { action: "access.request", targetType: "section", targetId: section, detail: { notification: row.id, roles } });
    return { created: true, roles };
  });
}

/** Marks every notification the actor can see as read; returns how many were unread. Audited when any were. */
export async function markNotificationsRead(actor: Actor): Promise<{ read: number }> {
  authorize(actor, { section: "notification_history" });
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { accountId: actor.accountId, audience: { in: visibleAudiences(actor) }, readAt: null },
      data: { readAt: new Date() },
    });
    if (count > 0) await audit(tx, actor, { action: "notifications.read", targetType: "notification", detail: { read: count } });
    return { read: count };
  });
}
