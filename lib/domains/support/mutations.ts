import "server-only";
// Support tickets' changes: the account's (section support.tickets: open, reply, close) and the
// installation operators' (`npm run support`: answer, close). Each writes its audit row in the
// same transaction; an operator's answer also raises the account's "support_answered"
// notification. A reply to a closed or answered ticket puts it back in the support team's queue.
import { z } from "zod";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { lockAccount } from "@/lib/core/locks";
import { parseInput, safeText } from "@/lib/core/validate";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { ticketNotFound } from "./queries";
import {
  MAX_ACTIVE_TICKETS,
  MAX_TICKET_MESSAGES,
  SUPPORT_CATEGORY_LABELS,
  ZOpenTicketInput,
  ZReplyInput,
  ZTicketMessage,
  ZTicketRef,
  type OpenTicketInput,
  type ReplyInput,
  type TicketRef,
} from "./schemas";

/**
 * Opens a ticket with its first message, status "open". At most MAX_ACTIVE_TICKETS open or
 * answered at once (CONFLICT on `subject`, naming the limit). Returns the new ticket's id.
 */
export async function openTicket(actor: Actor, input: OpenTicketInput, clock: Clock = systemClock): Promise<{ ticketId: number }> {
  authorize(actor, { section: "support.tickets" });
  const data = parseInput(ZOpenTicketInput, input);
  const now = clock();
  return db.$transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const active = await tx.supportTicket.count({ where: { accountId: actor.accountId, status: { in: ["open", "answered"] } } });
    if (active >= MAX_ACTIVE_TICKETS) {
      throw new AppError("CONFLICT", { message: `The account has ${MAX_ACTIVE_TICKETS} tickets open: close one that is settled first`, field: "subject" });
    }
    const t = await tx.supportTicket.create({
      data: {
        accountId: actor.accountId,
        subject: data.subject,
        category: data.category,
        openedBy: actor.name,
        createdAt: now,
        lastMessageAt: now,
        messages: { create: { accountId: actor.accountId, author: actor.name, body: data.message, createdAt: now } },
      },
      select: { id: true },
    });
    await audit(tx, actor, { action: "support.open", targetType: "support_ticket", targetId: t.id, detail: { subject: data.subject, category: SUPPORT_CATEGORY_LABELS[data.category] }, at: now });
    return { ticketId: t.id };
  });
}

/** The account's ticket, locked for the change; NOT_FOUND for another account's or none. */
async function ownTicket(tx: Tx, accountId: number, ticketId: number) {
  const t = await tx.supportTicket.findFirst({ where: { id: ticketId, accountId }, select: { id: true, accountId: true, subject: true, status: true, _count: { select: { messages: true } } } });
  if (!t) throw ticketNotFound();
  return t;
}

/**
 * Adds a message to the ticket (the account's or the support team's) and hands the turn over: an
 * account's message makes it "open" (waiting for support, a closed one reopened), the team's
 * "answered". CONFLICT (message) when the ticket already holds MAX_TICKET_MESSAGES.
 */
async function postMessage(
  tx: Tx,
  t: { id: number; accountId: number; _count: { messages: number } },
  m: { author: string; fromSupport: boolean; body: string },
  now: Date,
): Promise<void> {
  if (t._count.messages >= MAX_TICKET_MESSAGES) {
    throw new AppError("CONFLICT", { message: `This ticket holds ${MAX_TICKET_MESSAGES} messages: open a new ticket to go on`, field: "message" });
  }
  await tx.supportMessage.create({ data: { ticketId: t.id, accountId: t.accountId, ...m, createdAt: now } });
  await tx.supportTicket.update({ where: { id: t.id }, data: { status: m.fromSupport ? "answered" : "open", lastMessageAt: now, closedAt: null } });
}

/** Closes the ticket, audited as `who` (the account's principal or the support team); false, writing nothing, when it was already closed. */
async function closeInTx(tx: Tx, t: { id: number; subject: string; status: string }, who: Actor | AuditPrincipal, now: Date): Promise<boolean> {
  if (t.status === "closed") return false;
  await tx.supportTicket.update({ where: { id: t.id }, data: { status: "closed", closedAt: now } });
  await audit(tx, who, { action: "support.close", targetType: "support_ticket", targetId: t.id, detail: { subject: t.subject }, at: now });
  return true;
}

/** The account writes to its ticket: the ticket is (again) waiting for support. */
export async function replyToTicket(actor: Actor, input: ReplyInput, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "support.tickets" });
  const data = parseInput(ZReplyInput, input);
  const now = clock();
  await db.$transaction(async (tx) => {
    const t = await ownTicket(tx, actor.accountId, data.ticketId);
    await postMessage(tx, t, { author: actor.name, fromSupport: false, body: data.message }, now);
    await audit(tx, actor, { action: t.status === "closed" ? "support.reopen" : "support.reply", targetType: "support_ticket", targetId: t.id, detail: { subject: t.subject }, at: now });
  });
}

/** The account closes its ticket (settled); writing to it again reopens it. Closing a closed ticket changes nothing. */
export async function closeTicket(actor: Actor, ref: TicketRef, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "support.tickets" });
  const { ticketId } = parseInput(ZTicketRef, ref);
  const now = clock();
  await db.$transaction(async (tx) => {
    await closeInTx(tx, await ownTicket(tx, actor.accountId, ticketId), actor, now);
  });
}

/** The support team as the account's log names it: "Support (<operator>)". */
function supportPrincipal(accountId: number, operator: string): AuditPrincipal {
  return { accountId, actorType: "system", actorId: "support", actorName: `Support (${operator})`, ip: "" };
}

/** An operator's name as `npm run support` takes it: 1..60 characters of safe text (lib/core/safe-text.ts). */
const ZOperatorName = z
  .string()
  .trim()
  .min(1, "The operator's name must be 1 to 60 characters")
  .max(60, "The operator's name must be 1 to 60 characters")
  .superRefine(safeText("The operator's name"));

const operatorName = (name: string): string => parseInput(z.object({ operator: ZOperatorName }), { operator: name }).operator;

/**
 * An operator answers a ticket (`npm run support reply`): the message (author the operator,
 * fromSupport), status "answered", the account's audit row (by "Support (<operator>)") and its
 * support_answered notification. NOT_FOUND (ticketId) when there is no such ticket; INVALID_INPUT
 * (message, operator) for a bad message or name.
 */
export async function answerTicket(ticketId: number, operator: string, message: string, clock: Clock = systemClock): Promise<void> {
  const who = operatorName(operator);
  const { message: body } = parseInput(z.object({ message: ZTicketMessage }), { message });
  const now = clock();
  await db.$transaction(async (tx) => {
    const t = await tx.supportTicket.findUnique({ where: { id: ticketId }, select: { id: true, accountId: true, subject: true, _count: { select: { messages: true } } } });
    if (!t) throw ticketNotFound();
    await postMessage(tx, t, { author: who, fromSupport: true, body }, now);
    await audit(tx, supportPrincipal(t.accountId, who), { action: "support.answer", targetType: "support_ticket", targetId: t.id, detail: { subject: t.subject }, at: now });
    await raiseAccountNotification(tx, { accountId: t.accountId, kind: "support_answered", sectionId: "support.tickets", detail: { ticketId: t.id, subject: t.subject }, createdAt: now });
  });
}

/**
 * An operator closes a ticket (`npm run support close`), audited in the account's log. NOT_FOUND
 * when there is none; false when it was already closed (nothing written), true when closed now.
 */
export async function operatorCloseTicket(ticketId: number, operator: string, clock: Clock = systemClock): Promise<boolean> {
  const who = operatorName(operator);
  const now = clock();
  return db.$transaction(async (tx) => {
    const t = await tx.supportTicket.findUnique({ where: { id: ticketId }, select: { id: true, accountId: true, subject: true, status: true } });
    if (!t) throw ticketNotFound();
    return closeInTx(tx, t, supportPrincipal(t.accountId, who), now);
  });
}
