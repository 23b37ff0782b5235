import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("notification_settings") };

export default async function NotificationSettingsPage() {
  const actor = await requireSection("notification_settings");
  return (
    <>
      <SectionHeader
        section="notification_settings"
        description="Which account events (low balance, number renewals, security alerts) are sent by email, and to which addresses."
      />
      <EmptyState title="No notifications are configured">
        <p>The platform sends no notifications yet; choosing events and recipients arrives in a later release.</p>
        {can(actor, "notification_history") ? (
          <p className="mt-3">
            <Link href="/notifications" className="font-medium text-brand-700 hover:underline">
              Notification history
            </Link>
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
