import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("sms.two_way_history") };

export default async function TwoWaySmsHistoryPage() {
  await requireSection("sms.two_way_history");
  return (
    <>
      <SectionHeader
        section="sms.two_way_history"
        description="Every SMS sent or received on the account's numbers: direction, number, correspondent, text, status and cost."
      />
      <EmptyState title="No SMS sent or received yet">Messages will be listed here, newest first.</EmptyState>
    </>
  );
}
