import "server-only";
// Support tickets as the account sees them (section support.tickets: the account owner alone in
// the seed's matrix), and as the installation's operators see them (`npm run support`, no actor:
// whoever runs it on the server is the support team). Every panel read carries the account.
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can } from "@/lib/access/matrix";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { countCallSessions } from "@/lib/domains/calls/queries";
import type { CallStatus } from "@/lib/domains/calls/statuses";
import { countAuditEntries } from "@/lib/domains/audit-log/queries";
import { TICKET_STATUSES, ZTicketListFilter, ZTicketRef, type SupportCategory, type TicketRef, type TicketStatus } from "./schemas";

export type TicketRow = {
  id: number;
  subject: string;
  category: SupportCategory;
  status: TicketStatus;
  openedBy: string;
  createdAt: Date;
  /** When the last message was written, either side (UTC). */
  lastMessageAt: Date;
  messageCount: number;
};

export type TicketMessage = { id: number; author: string; fromSupport: boolean; body: string; createdAt: Date };
export type TicketDetail = TicketRow & { closedAt: Date | null; messages: TicketMessage[] };

export const ticketNotFound = () => new AppError("NOT_FOUND", { message: "Ticket not found", field: "ticketId" });

const ROW_SELECT = { id: true, subject: true, category: true, status: true, openedBy: true, createdAt: true, lastMessageAt: true, closedAt: true, _count: { select: { messages: true } } } as const;

type Row = { id: number; subject: string; category: string; status: string; openedBy: string; createdAt: Date; lastMessageAt: Date; closedAt: Date | null; _count: { messages: number } };

const toRow = (r: Row): TicketRow => ({
  id: r.id,
  subject: r.subject,
  category: r.category as SupportCategory,
  status: (TICKET_STATUSES as readonly string[]).includes(r.status) ? (r.status as TicketStatus) : "open",
  openedBy: r.openedBy,
  createdAt: r.createdAt,
  lastMessageAt: r.lastMessageAt,
  messageCount: r._count.messages,
});

/** The account's tickets, most recently active first; `status` narrows them. At most 500 (the active ones are capped at 20). */
export async function listTickets(actor: Actor, filter: { status?: TicketStatus } = {}): Promise<TicketRow[]> {
  authorize(actor, { section: "support.tickets" });
  const f = parseInput(ZTicketListFilter, filter);
  const rows = await db.supportTicket.findMany({
    where: { accountId: actor.accountId, ...(f.status ? { status: f.status } : {}) },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: 500,
    select: ROW_SELECT,
  });
  return rows.map(toRow);
}

/** One ticket of the account with its messages, oldest first; null for any other ticket (another account's reads as missing). */
export async function findTicket(actor: Actor, ref: TicketRef): Promise<TicketDetail | null> {
  authorize(actor, { section: "support.tickets" });
  const { ticketId } = parseInput(ZTicketRef, ref);
  const t = await db.supportTicket.findFirst({
    where: { id: ticketId, accountId: actor.accountId },
    select: { ...ROW_SELECT, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, author: true, fromSupport: true, body: true, createdAt: true } } },
  });
  return t ? { ...toRow(t), closedAt: t.closedAt, messages: t.messages } : null;
}

/**
 * The Support page's summary of the account's tickets, for whoever may see them (support.tickets);
 * null for the others, who learn nothing of them. Counts by status.
 */
export async function ticketSummary(actor: Actor): Promise<Record<TicketStatus, number> | null> {
  if (!can(actor, "support.tickets")) return null;
  const groups = await db.supportTicket.groupBy({ by: ["status"], where: { accountId: actor.accountId }, _count: { _all: true } });
  const out: Record<TicketStatus, number> = { open: 0, answered: 0, closed: 0 };
  for (const g of groups) if ((TICKET_STATUSES as readonly string[]).includes(g.status)) out[g.status as TicketStatus] = g._count._all;
  return out;
}

/** The operators' queue (`npm run support list`): every account's tickets in `statuses`, longest waiting first, with the account's name. */
export async function operatorTicketQueue(statuses: readonly TicketStatus[] = ["open"]): Promise<(TicketRow & { account: string })[]> {
  const rows = await db.supportTicket.findMany({
    where: { status: { in: [...statuses] } },
    orderBy: [{ lastMessageAt: "asc" }, { id: "asc" }],
    take: 200,
    select: { ...ROW_SELECT, account: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...toRow(r), account: r.account.name }));
}

/** One ticket for the operators (`npm run support show`), whichever account it is; null when there is none. */
export async function operatorTicket(ticketId: number): Promise<(TicketDetail & { account: string }) | null> {
  const t = await db.supportTicket.findUnique({
    where: { id: ticketId },
    select: { ...ROW_SELECT, account: { select: { name: true } }, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, author: true, fromSupport: true, body: true, createdAt: true } } },
  });
  return t ? { ...toRow(t), closedAt: t.closedAt, messages: t.messages, account: t.account.name } : null;
}

/** One thing the Support page checks: what went wrong since `since`, how often, and where to look. */
export type SupportCheck = { id: string; label: string; count: number; section: "calls" | "logs"; filter: Record<string, string> };

/** The call statuses the Support page counts, with what it calls them. */
const CALL_PROBLEMS = [
  ["failed", "Calls that failed (no rule, or an invalid number the network refused)"],
  ["error", "Calls whose scenario threw an error"],
  ["payment_required", "Calls refused for want of balance"],
  ["rejected", "Calls rejected by the PSTN blacklist"],
] as const satisfies readonly (readonly [CallStatus, string])[];

/**
 * The Support page's checks since `since` (UTC): the account's problem calls by status (for
 * holders of `calls`) and the actions the panel or the API refused (for holders of `logs`). A
 * reader sees only the checks of the sections its roles open; none, an empty list.
 */
export async function supportChecks(actor: Actor, since: Date): Promise<SupportCheck[]> {
  const day = since.toISOString().slice(0, 10);
  const checks: Promise<SupportCheck>[] = [];
  if (can(actor, "calls")) {
    for (const [status, label] of CALL_PROBLEMS) {
      checks.push(countCallSessions(actor, { status, from: since }).then((count) => ({ id: `calls.${status}`, label, count, section: "calls" as const, filter: { status, from: day } })));
    }
  }
  if (can(actor, "logs")) {
    checks.push(countAuditEntries(actor, { from: since, outcome: "denied" }).then((count) => ({ id: "logs.denied", label: "Actions refused for want of access", count, section: "logs" as const, filter: { outcome: "denied", from: day } })));
  }
  return Promise.all(checks);
}
