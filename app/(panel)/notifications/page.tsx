import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { sectionHref } from "@/lib/routes";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationHistoryPage() {
  const actor = await requireSection("notification_history");
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Messages the platform has sent to the account, such as balance warnings, number renewals and security alerts."
      />
      <EmptyState title="No notifications yet">
        <p>The platform has not sent the account any notifications.</p>
        {can(actor, "notification_settings") ? (
          <p className="mt-3">
            <Link href={sectionHref("notification_settings")} className="font-medium text-brand-700 hover:underline">
              Notification settings
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
