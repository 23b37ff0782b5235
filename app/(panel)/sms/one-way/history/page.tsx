import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("sms.one_way_history") };

export default async function OneWaySmsHistoryPage() {
  await requireSection("sms.one_way_history");
  return (
    <>
      <SectionHeader
        section="sms.one_way_history"
        description="Every one-way SMS the account sent: sender, recipient, text, delivery status and cost."
      />
      <EmptyState title="No SMS sent yet">Messages sent from the account will be listed here, newest first.</EmptyState>
    </>
  );
}
