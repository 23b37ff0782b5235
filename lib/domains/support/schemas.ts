// Support ticket inputs (section support.tickets; the operators' `npm run support` reuses the message schema).
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { MESSAGE_MAX, SUBJECT_MAX, SUBJECT_MIN, SUPPORT_CATEGORIES, TICKET_STATUSES } from "./client-safe";
export * from "./client-safe";

export const ZTicketId = zId("Ticket not found");

/** A message: 1..MESSAGE_MAX characters of safe text, line breaks allowed. */
export const ZTicketMessage = z
  .string({ error: "Write a message" })
  .trim()
  .superRefine((v, ctx) => {
    if (v.length === 0) return issue(ctx, "Write a message");
    if (v.length > MESSAGE_MAX) return issue(ctx, `A message is at most ${MESSAGE_MAX.toLocaleString("en-US")} characters`);
    safeText("Message", { multiline: true })(v, ctx);
  });

export const ZOpenTicketInput = z.object({
  subject: z
    .string({ error: "Subject is required" })
    .trim()
    .min(1, "Subject is required")
    .min(SUBJECT_MIN, `Subject must be at least ${SUBJECT_MIN} characters`)
    .max(SUBJECT_MAX, `Subject must be at most ${SUBJECT_MAX} characters`)
    .superRefine(safeText("Subject")),
  category: z.enum(SUPPORT_CATEGORIES, { error: "Choose what the request is about" }),
  message: ZTicketMessage,
});
export type OpenTicketInput = z.input<typeof ZOpenTicketInput>;

export const ZTicketRef = z.object({ ticketId: ZTicketId });
export type TicketRef = z.input<typeof ZTicketRef>;

export const ZReplyInput = z.object({ ticketId: ZTicketId, message: ZTicketMessage });
export type ReplyInput = z.input<typeof ZReplyInput>;

/** The tickets list's filter: a status, or every ticket. */
export const ZTicketListFilter = z.object({ status: z.enum(TICKET_STATUSES).optional() });
