"use server";
import { action } from "@/lib/server/action";
import { closeTicket, openTicket, replyToTicket } from "@/lib/domains/support/mutations";
import { ZOpenTicketInput, ZReplyInput, ZTicketRef } from "@/lib/domains/support/schemas";

/** Opens a ticket with its first message; the new ticket's id (the dialog goes to its page). */
export const openTicketAction = action({ section: "support.tickets", input: ZOpenTicketInput }, (input, actor) => openTicket(actor, input));

/** Writes to a ticket: it waits for the support team again, reopened when it was closed. */
export const replyToTicketAction = action({ section: "support.tickets", input: ZReplyInput }, async (input, actor) => {
  await replyToTicket(actor, input);
  return null;
});

export const closeTicketAction = action({ section: "support.tickets", input: ZTicketRef }, async (input, actor) => {
  await closeTicket(actor, input);
  return null;
});
