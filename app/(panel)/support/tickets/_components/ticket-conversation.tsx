"use client";
// One ticket's conversation, oldest message first, the support team's marked as theirs; below it
// the reply form (writing to a closed ticket reopens it) and, while it is not closed, Close ticket.
import { FormError, TextAreaField } from "@/components/forms/fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/core/cn";
import { MESSAGE_MAX, type TicketStatus } from "@/lib/domains/support/client-safe";
import type { TicketMessage } from "@/lib/domains/support/queries";
import { closeTicketAction, replyToTicketAction } from "../actions";
import { TicketStatusBadge } from "./ticket-status";

export function TicketConversation({ ticket }: { ticket: { id: number; status: TicketStatus; closedAt: Date | null; messages: TicketMessage[] } }) {
  const toast = useToast();
  const form = useActionForm(replyToTicketAction, {
    fields: ["message"],
    toInput: (f) => ({ ticketId: ticket.id, message: formText(f, "message") }),
    onSuccess: (_d, el) => {
      el?.reset();
      // The conversation grew above; the keyboard stays where the next reply is written.
      el?.querySelector("textarea")?.focus();
      toast(ticket.status === "closed" ? "Ticket reopened: it waits for the support team again." : "Sent to the support team.");
    },
  });
  const close = useAction(closeTicketAction, {
    onSuccess: () => toast("Ticket closed. Writing to it again reopens it."),
    onError: (m) => toast(m, "error"),
  });
  return (
    <div className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex items-center gap-2 text-sm text-slate-700">
          Status: <TicketStatusBadge status={ticket.status} />
          {ticket.status === "closed" && ticket.closedAt ? (
            <span className="text-slate-600">
              since <DateTime value={ticket.closedAt} />
            </span>
          ) : null}
        </p>
        {ticket.status !== "closed" ? (
          <Button variant="secondary" onClick={() => close.run({ ticketId: ticket.id })} disabled={close.pending} data-action="support.tickets">
            Close ticket
          </Button>
        ) : null}
      </div>
      <ol aria-label="Conversation" className="space-y-3">
        {ticket.messages.map((m) => (
          <li key={m.id} data-ticket-message={m.fromSupport ? "support" : "account"}>
            <Card className={cn("p-4", m.fromSupport ? "bg-brand-50/40 ring-brand-200" : "")}>
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-semibold text-slate-900">{m.author}</span>
                {m.fromSupport ? <Badge tone="blue">Support team</Badge> : null}
                <span className="text-slate-600">
                  <DateTime value={m.createdAt} />
                </span>
              </p>
              <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800 [overflow-wrap:anywhere]">{m.body}</p>
            </Card>
          </li>
        ))}
      </ol>
      <form {...form.formProps} className="space-y-3" aria-label="Reply">
        <TextAreaField
          label={ticket.status === "closed" ? "Write to reopen the ticket" : "Your reply"}
          name="message"
          rows={5}
          maxLength={MESSAGE_MAX}
          required
          error={form.fieldErrors.message}
        />
        <FormError message={form.formError} />
        <SubmitButton pending={form.pending} data-action="support.tickets">
          {ticket.status === "closed" ? "Reopen and send" : "Send"}
        </SubmitButton>
      </form>
    </div>
  );
}
