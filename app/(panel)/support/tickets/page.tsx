import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Support tickets" };

export default async function SupportTicketsPage() {
  await requireSection("support.tickets");
  return (
    <>
      <PageHeader
        title="Support tickets"
        description="The account's requests to support: subject, status, and the conversation with the support team."
      />
      <EmptyState title="No tickets yet">Tickets opened by the account will be listed here, most recently updated first.</EmptyState>
    </>
  );
}
