import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { can, type SectionId } from "@/lib/access/matrix";
import { listNotifications } from "@/lib/domains/notifications/queries";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { sectionGroup, sectionTitle } from "@/lib/nav";
import { sectionHref } from "@/lib/routes";
import { MarkReadButton } from "./_components/mark-read-button";
import { NotificationText } from "./_components/notification-text";

export const metadata: Metadata = { title: sectionTitle("notification_history") };

export default async function NotificationHistoryPage() {
  const actor = await requireSection("notification_history");
  const items = await listNotifications(actor);
  const holds = (section: SectionId) => can(actor, section);
  const unread = items.filter((n) => !n.read).length;
  return (
    <>
      <PageHeader
        title={sectionTitle("notification_history")}
        crumbs={sectionGroup("notification_history") ? [{ label: sectionGroup("notification_history")! }] : []}
        description="Messages for the account: subusers asking for access, and what the platform sends (balance warnings, blocked numbers, caller ID codes, the account's verification, SIP registrations deactivated, push certificates expiring)."
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
                  <NotificationText n={n} holds={holds} />
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
