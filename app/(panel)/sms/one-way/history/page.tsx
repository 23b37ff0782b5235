import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "One-way SMS history" };

export default async function OneWaySmsHistoryPage() {
  await requireSection("sms.one_way_history");
  return (
    <>
      <PageHeader
        title="One-way SMS history"
        description="Every one-way SMS the account sent: sender, recipient, text, delivery status and cost."
      />
      <EmptyState title="No SMS sent yet">Messages sent from the account will be listed here, newest first.</EmptyState>
    </>
  );
}
