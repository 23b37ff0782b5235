import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { sectionHref } from "@/lib/routes";
import { parseRecordId } from "@/lib/core/ids";
import { findTicket } from "@/lib/domains/support/queries";
import { SUPPORT_CATEGORY_LABELS } from "@/lib/domains/support/client-safe";
import { PageHeader } from "@/components/ui/page";
import { TicketConversation } from "../_components/ticket-conversation";

type Props = { params: Promise<{ ticketId: string }> };

export const metadata: Metadata = { title: "Support ticket" };

// One ticket of the account (section support.tickets); another account's reads as missing.
export default async function SupportTicketPage({ params }: Props) {
  const actor = await requireSection("support.tickets");
  const id = parseRecordId((await params).ticketId);
  const t = id ? await findTicket(actor, { ticketId: id }) : null;
  if (!t) notFound();
  return (
    <>
      <PageHeader
        title={t.subject}
        crumbs={[{ label: "Help" }, { label: sectionTitle("support.tickets"), href: sectionHref("support.tickets") }]}
        description={`Ticket ${t.id} · ${SUPPORT_CATEGORY_LABELS[t.category]} · opened by ${t.openedBy}`}
      />
      <TicketConversation ticket={{ id: t.id, status: t.status, closedAt: t.closedAt, messages: t.messages }} />
    </>
  );
}
