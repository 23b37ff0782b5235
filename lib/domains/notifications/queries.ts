import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can, isSectionId, type SectionId } from "@/lib/access/matrix";
import { isAccountOwner } from "@/lib/access/preview";
import { parseInput } from "@/lib/core/validate";
import { ZListNotificationsInput, type ListNotificationsInput } from "./schemas";

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
  read: boolean;
  createdAt: Date;
};

function parseDetail(json: string): { subuser?: unknown; roles?: unknown } {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === "object" && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** The newest notifications the actor may read, newest first. */
export async function listNotifications(actor: Actor, input: ListNotificationsInput = {}): Promise<NotificationDto[]> {
  authorize(actor, { section: "notification_history" });
  const { count } = parseInput(ZListNotificationsInput, input);
  const rows = await db.notification.findMany({
    where: { accountId: actor.accountId, audience: { in: visibleAudiences(actor) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: count,
  });
  return rows.map((r) => {
    const d = parseDetail(r.detail);
    return {
      id: r.id,
      kind: r.kind,
      section: isSectionId(r.sectionId) ? r.sectionId : null,
      subuser: typeof d.subuser === "string" ? d.subuser : null,
      roles: Array.isArray(d.roles) ? d.roles.filter((x): x is string => typeof x === "string") : [],
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
