import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import { listTickets } from "@/lib/domains/support/queries";
import { MAX_ACTIVE_TICKETS } from "@/lib/domains/support/client-safe";
import { TicketsView } from "./_components/tickets-view";

export const metadata: Metadata = { title: sectionTitle("support.tickets") };

export default async function SupportTicketsPage() {
  const actor = await requireSection("support.tickets");
  const tickets = await listTickets(actor);
  const active = tickets.filter((t) => t.status !== "closed").length;
  return (
    <>
      <SectionHeader
        section="support.tickets"
        description="The account's requests to the support team of this installation: what each is about, whose turn it is, and the conversation."
      />
      <TicketsView
        rows={tickets.map(({ id, subject, category, status, openedBy, lastMessageAt, messageCount }) => ({ id, subject, category, status, openedBy, lastMessageAt, messageCount }))}
        atLimit={active >= MAX_ACTIVE_TICKETS}
      />
    </>
  );
}
