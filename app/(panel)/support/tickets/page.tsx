import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("support.tickets") };

export default async function SupportTicketsPage() {
  await requireSection("support.tickets");
  return (
    <>
      <SectionHeader
        section="support.tickets"
        description="The account's requests to support: subject, status, and the conversation with the support team."
      />
      <EmptyState title="No tickets yet">Tickets opened by the account will be listed here, most recently updated first.</EmptyState>
    </>
  );
}
