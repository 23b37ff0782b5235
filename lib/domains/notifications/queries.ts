import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can, isSectionId, type SectionId } from "@/lib/access/matrix";
import { isAccountOwner } from "@/lib/access/preview";
import { parseInput } from "@/lib/core/validate";
import { ZListNotificationsInput, type ListNotificationsInput } from "./schemas";
import { parseNotificationDetail, redactNotificationDetail, type NotificationDetail } from "./details";

/**
 * Who reads what: requests for access are addressed to the account owner's own login (the only
 * principal that can give roles); notifications for the whole account reach every holder of the
 * Notifications section. A previewing owner reads as the subuser it previews.
 */
export function visibleAudiences(actor: Actor): string[] {
  return isAccountOwner(actor) ? ["owner", "account"] : ["account"];
}

export type NotificationDto = {
  id: number;
  kind: string;
  section: SectionId | null;
  /** The subuser that asked, as it was named then. */
  subuser: string | null;
  /** The roles that would grant the section. */
  roles: string[];
  /**
   * What the notification says, typed per kind (./details.ts), with the specifics only a holder
   * of the kind's sections may read; `{ kind: "other" }` for a kind or detail this code does not know.
   */
  detail: NotificationDetail;
  read: boolean;
  createdAt: Date;
};

/** The newest notifications the actor may read, newest first. */
export async function listNotifications(actor: Actor, input: ListNotificationsInput = {}): Promise<NotificationDto[]> {
  authorize(actor, { section: "notification_history" });
  const { count } = parseInput(ZListNotificationsInput, input);
  const [rows, account] = await Promise.all([
    db.notification.findMany({
      where: { accountId: actor.accountId, audience: { in: visibleAudiences(actor) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: count,
    }),
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } }),
  ]);
  return rows.map((r) => {
    const detail = redactNotificationDetail(parseNotificationDetail(r, account.currency), (s) => can(actor, s));
    return {
      id: r.id,
      kind: r.kind,
      section: isSectionId(r.sectionId) ? r.sectionId : null,
      subuser: detail.kind === "access_request" ? detail.subuser : null,
      roles: detail.kind === "access_request" ? detail.roles : [],
      detail,
      read: r.readAt !== null,
      createdAt: r.createdAt,
    };
  });
}

/** How many unread notifications the actor may read (the top bar's bell); 0 without the section. */
export async function unreadNotifications(actor: Actor): Promise<number> {
  if (actor.kind === "key" || !can(actor, "notification_history")) return 0;
  return db.notification.count({ where: { accountId: actor.accountId, audience: { in: visibleAudiences(actor) }, readAt: null } });
}
