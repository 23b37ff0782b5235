import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Two-way SMS history" };

export default async function TwoWaySmsHistoryPage() {
  await requireSection("sms.two_way_history");
  return (
    <>
      <PageHeader
        title="Two-way SMS history"
        description="Every SMS sent or received on the account's numbers: direction, number, correspondent, text, status and cost."
      />
      <EmptyState title="No SMS sent or received yet">Messages will be listed here, newest first.</EmptyState>
    </>
  );
}
