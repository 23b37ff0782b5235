import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorizeAccessRequest } from "@/lib/access/access-requests";
import { authorize } from "@/lib/access/authorize";
import { sectionsFor } from "@/lib/access/matrix";
import { audit } from "@/lib/core/audit";
import { parseInput } from "@/lib/core/validate";
import { isWebhookEvent } from "@/lib/domains/webhooks/client-safe";
import { enqueueWebhookEvent } from "@/lib/domains/webhooks/mutations";
import type { NotificationKind } from "./details";
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

/**
 * A subuser's roles changed (inside the change's transaction): its unread access requests for
 * sections the new roles open are answered, so the owner's notification is marked read (`now`,
 * UTC) instead of waiting in the bell. Requests for sections still closed stay unread. Returns how
 * many were answered. Unchecked: the roles change authorized itself.
 */
export async function answerAccessRequests(tx: Tx, subuser: { accountId: number; subuserId: number }, roles: readonly string[], now: Date): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { accountId: subuser.accountId, subuserId: subuser.subuserId, kind: "access_request", readAt: null, sectionId: { in: [...sectionsFor(roles)] } },
    data: { readAt: now },
  });
  return count;
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

/**
 * Raises a notification for the whole account (audience "account": every holder of
 * Notifications) with its `detail` (./details.ts shapes), in the caller's transaction. A kind that
 * is also a webhook event (WEBHOOK_EVENTS) is queued for the account's webhook with the same
 * detail, so the two never disagree.
 */
export async function raiseAccountNotification(tx: Tx, n: { accountId: number; kind: NotificationKind; sectionId?: string; detail: object; createdAt: Date }): Promise<void> {
  await tx.notification.create({ data: { accountId: n.accountId, kind: n.kind, audience: "account", sectionId: n.sectionId ?? "", detail: JSON.stringify(n.detail), createdAt: n.createdAt } });
  if (isWebhookEvent(n.kind)) await enqueueWebhookEvent(tx, n.accountId, n.kind, n.detail, n.createdAt);
}
