import { Badge } from "@/components/ui/page";
import { TICKET_STATUS_LABELS, type TicketStatus } from "@/lib/domains/support/client-safe";

const TONES = { open: "amber", answered: "blue", closed: "slate" } as const;

/** A ticket's status as a badge: waiting for support (amber), answered (blue), closed (grey). */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span data-ticket-status={status}>
      <Badge tone={TONES[status]}>{TICKET_STATUS_LABELS[status]}</Badge>
    </span>
  );
}
