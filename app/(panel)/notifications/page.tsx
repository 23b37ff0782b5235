import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { listNotifications } from "@/lib/domains/notifications/queries";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { sectionGroup, sectionTitle } from "@/lib/nav";
import { sectionHref } from "@/lib/routes";
import { MarkReadButton } from "./_components/mark-read-button";

export const metadata: Metadata = { title: sectionTitle("notification_history") };

const or = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`);

export default async function NotificationHistoryPage() {
  const actor = await requireSection("notification_history");
  const items = await listNotifications(actor);
  const canEditSubusers = can(actor, "subusers.edit");
  const unread = items.filter((n) => !n.read).length;
  return (
    <>
      <PageHeader
        title={sectionTitle("notification_history")}
        crumbs={sectionGroup("notification_history") ? [{ label: sectionGroup("notification_history")! }] : []}
        description="Messages for the account: subusers asking for access, and what the platform sends (balance warnings, number renewals, security alerts)."
        actions={unread > 0 ? <MarkReadButton /> : null}
      />
      {items.length === 0 ? (
        <EmptyState title="No notifications yet">
          <p>Nothing has been sent to you yet.</p>
          {can(actor, "notification_settings") ? (
            <p className="mt-3">
              <Link href={sectionHref("notification_settings")} className="font-medium text-brand-700 hover:underline">
                {sectionTitle("notification_settings")}
              </Link>
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <Card className="p-0">
          <ul className="divide-y divide-slate-100" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-4" data-notification={n.kind} data-read={n.read}>
                <div className="min-w-0 text-sm text-slate-800">
                  {n.kind === "access_request" && n.section ? (
                    <>
                      <p>
                        <span className="font-semibold">{n.subuser ?? "A subuser"}</span> asked for access to{" "}
                        <span className="font-semibold">{sectionTitle(n.section)}</span>.
                      </p>
                      <p className="mt-0.5 text-slate-600">
                        {n.roles.length ? `Roles that open it: ${or(n.roles)}.` : null}{" "}
                        {canEditSubusers ? (
                          <Link href={sectionHref("subusers")} className="font-medium text-brand-700 hover:underline">
                            Change {n.subuser ?? "the subuser"}&apos;s roles
                          </Link>
                        ) : null}
                      </p>
                    </>
                  ) : (
                    <p>{n.kind}</p>
                  )}
                </div>
                <div className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
                  {n.read ? null : <Badge tone="blue">New</Badge>}
                  <DateTime value={n.createdAt} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
