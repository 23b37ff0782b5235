import "server-only";
// SMS reads: the two-way and one-way histories (server-side filtered and paged over indexed
// columns) and their CSV export, the two-way page's conversation, the numbers and caller IDs a
// message may be sent from, and the A2P batches' progress. A
// message's status is computed from its planned course (./simulator.ts) at the injected clock's
// now; planned replies stay hidden until their time. A ProvisioningAgent child account sees every
// message but never its text (seed 004, lib/access/child-account-roles.ts).
import { db } from "@/lib/core/db";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keysetAfter } from "@/lib/core/paging";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { ignoreCase } from "@/lib/core/search";
import { parseInput } from "@/lib/core/validate";
import { accountMay } from "@/lib/domains/accounts/queries";
import { ZSmsHistoryQuery, type SmsHistoryQuery, type SmsStatus } from "./schemas";
import { statusAt } from "./simulator";

export type SmsDto = {
  id: number;
  kind: "two_way" | "a2p";
  direction: "in" | "out";
  source: string;
  destination: string;
  /** Empty when the body was not stored, or when the account may not read SMS text. */
  text: string;
  textHidden: boolean;
  encoding: string;
  segments: number;
  status: SmsStatus;
  errorMessage: string;
  /** Minor units of the account's currency. */
  costMinor: number;
  ledgerEntryId: number | null;
  batchId: number | null;
  createdAt: Date;
  /** When the message reached its current status. */
  statusChangedAt: Date;
};

const SMS_SELECT = {
  id: true,
  kind: true,
  direction: true,
  source: true,
  destination: true,
  text: true,
  encoding: true,
  segments: true,
  sentAt: true,
  finalAt: true,
  outcome: true,
  errorMessage: true,
  costMinor: true,
  ledgerEntryId: true,
  batchId: true,
  createdAt: true,
} as const satisfies Prisma.SmsMessageSelect;

type Row = Prisma.SmsMessageGetPayload<{ select: typeof SMS_SELECT }>;

function toSmsDto(r: Row, now: Date, mayReadText: boolean): SmsDto {
  const status = statusAt(r, now);
  return {
    id: r.id,
    kind: r.kind as SmsDto["kind"],
    direction: r.direction as SmsDto["direction"],
    source: r.source,
    destination: r.destination,
    text: mayReadText ? r.text : "",
    textHidden: !mayReadText,
    encoding: r.encoding,
    segments: r.segments,
    status,
    errorMessage: status === "failed" ? r.errorMessage : "",
    costMinor: r.costMinor,
    ledgerEntryId: r.ledgerEntryId,
    batchId: r.batchId,
    createdAt: r.createdAt,
    statusChangedAt: status === "queued" || status === "received" ? r.createdAt : status === "sent" ? r.sentAt : r.finalAt,
  };
}

/** The where clause of a computed status at `now`. */
export function statusWhere(status: SmsStatus, now: Date): Prisma.SmsMessageWhereInput {
  switch (status) {
    case "received":
      return { outcome: "received" };
    case "queued":
      return { outcome: { not: "received" }, sentAt: { gt: now } };
    case "sent":
      return { outcome: { not: "received" }, sentAt: { lte: now }, finalAt: { gt: now } };
    default:
      return { outcome: status, finalAt: { lte: now } };
  }
}

type HistoryQuery = z.output<typeof ZSmsHistoryQuery>;

function authorizeHistory(actor: Actor, kind: HistoryQuery["kind"]): void {
  authorize(actor, kind === "two_way" ? { section: "sms.two_way_history", method: "GetSmsHistory" } : { section: "sms.one_way_history", method: "A2PGetSmsHistory" });
}

/** The history's where clause at `now`: the account's messages of the kind, replies not yet due left out. */
function historyWhere(actor: Actor, q: HistoryQuery, now: Date): Prisma.SmsMessageWhereInput {
  const and: Prisma.SmsMessageWhereInput[] = [{ createdAt: { lte: now } }];
  if (q.from) and.push({ createdAt: { gte: q.from } });
  if (q.to) and.push({ createdAt: { lt: q.to } });
  // Sender IDs are letters: every text filter ignores case, on SQLite and PostgreSQL alike.
  if (q.number) and.push({ OR: [{ source: ignoreCase({ contains: q.number }) }, { destination: ignoreCase({ contains: q.number }) }] });
  if (q.source) and.push({ source: ignoreCase({ contains: q.source }) });
  if (q.destination) and.push({ destination: ignoreCase({ contains: q.destination }) });
  if (q.status) and.push(statusWhere(q.status, now));
  return {
    accountId: actor.accountId,
    kind: q.kind,
    ...(q.ids ? { id: { in: q.ids } } : {}),
    ...(q.direction ? { direction: q.direction } : {}),
    ...(q.batchId ? { batchId: q.batchId } : {}),
    AND: and,
  };
}

/**
 * /sms/two-way/history and GetSmsHistory (kind two_way, section sms.two_way_history);
 * /sms/one-way/history and A2PGetSmsHistory (kind a2p, section sms.one_way_history). One page of
 * the filtered messages by time (`dir`), with the total. `from` inclusive, `to` exclusive (UTC).
 */
export async function listSmsHistory(actor: Actor, query: SmsHistoryQuery, clock: Clock = systemClock): Promise<{ items: SmsDto[]; total: number }> {
  const q = parseInput(ZSmsHistoryQuery, query);
  authorizeHistory(actor, q.kind);
  const now = clock();
  const where = historyWhere(actor, q, now);
  const [rows, total, mayReadText] = await Promise.all([
    db.smsMessage.findMany({ where, select: SMS_SELECT, orderBy: [{ createdAt: q.dir }, { id: q.dir }], skip: q.offset, take: q.count }),
    db.smsMessage.count({ where }),
    accountMay(db, actor.accountId, "read_sms_text"),
  ]);
  return { items: rows.map((r) => toSmsDto(r, now, mayReadText)), total };
}

/**
 * The history's CSV export: every message the filter matches (paging ignored), in `dir` order,
 * read 500 at a time by keyset so an export of 100,000 rows never holds them all. `textHidden`
 * is known before the first row (a ProvisioningAgent child account's export has no text column).
 */
export async function exportSmsHistory(
  actor: Actor,
  query: Omit<SmsHistoryQuery, "offset" | "count">,
  clock: Clock = systemClock,
): Promise<{ textHidden: boolean; rows: AsyncIterable<SmsDto> }> {
  const q = parseInput(ZSmsHistoryQuery, query);
  authorizeHistory(actor, q.kind);
  const now = clock();
  const where = historyWhere(actor, q, now);
  const mayReadText = await accountMay(db, actor.accountId, "read_sms_text");
  async function* rows(): AsyncGenerator<SmsDto> {
    let after: { value: Date; id: number } | null = null;
    for (;;) {
      const batch: Row[] = await db.smsMessage.findMany({
        where: after ? { AND: [where, keysetAfter("createdAt", q.dir, after)] } : where,
        select: SMS_SELECT,
        orderBy: [{ createdAt: q.dir }, { id: q.dir }],
        take: EXPORT_BATCH,
      });
      for (const r of batch) yield toSmsDto(r, now, mayReadText);
      if (batch.length < EXPORT_BATCH) return;
      const last = batch.at(-1)!;
      after = { value: last.createdAt, id: last.id };
    }
  }
  return { textHidden: !mayReadText, rows: rows() };
}

const EXPORT_BATCH = 500;

/** How far back a message may still change: its course takes at most 7 s, a reply comes at most 67 s after sending. */
const COURSE_WINDOW_MS = 5 * 60_000;

/**
 * The next moment a message of `where` changes status (leaves the queue, arrives, or a planned
 * reply appears), or null when every message is final: the pages poll until then.
 */
async function nextChangeAt(where: Prisma.SmsMessageWhereInput, now: Date): Promise<Date | null> {
  const recent = { ...where, createdAt: { gte: new Date(now.getTime() - COURSE_WINDOW_MS) } };
  const [queued, flying] = await Promise.all([
    db.smsMessage.aggregate({ where: { ...recent, sentAt: { gt: now } }, _min: { sentAt: true } }),
    db.smsMessage.aggregate({ where: { ...recent, finalAt: { gt: now } }, _min: { finalAt: true } }),
  ]);
  const times = [queued._min.sentAt, flying._min.finalAt].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

export type RecentSmsDto = { items: SmsDto[]; nextChangeAt: Date | null };

/**
 * The two-way page's conversation (section sms.two_way, which Developer holds without the
 * history): the newest `take` messages of one of the account's numbers (or of all of them), both
 * directions, replies only once due; and when the next status change or reply is due.
 */
export async function listRecentTwoWay(actor: Actor, opts: { phoneNumberId?: number; take?: number } = {}, clock: Clock = systemClock): Promise<RecentSmsDto> {
  authorize(actor, { section: "sms.two_way" });
  const now = clock();
  const scope: Prisma.SmsMessageWhereInput = { accountId: actor.accountId, kind: "two_way", ...(opts.phoneNumberId !== undefined ? { phoneNumberId: opts.phoneNumberId } : {}) };
  const [rows, mayReadText, next] = await Promise.all([
    db.smsMessage.findMany({ where: { ...scope, createdAt: { lte: now } }, select: SMS_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.min(Math.max(opts.take ?? 20, 1), 100) }),
    accountMay(db, actor.accountId, "read_sms_text"),
    nextChangeAt(scope, now),
  ]);
  return { items: rows.map((r) => toSmsDto(r, now, mayReadText)), nextChangeAt: next };
}

export type SmsSourceDto = { id: number; number: string; label: string; countryCode: string };

/** The numbers a two-way message may come from: the account's active, SMS-enabled numbers. */
export async function listSmsSources(actor: Actor): Promise<SmsSourceDto[]> {
  authorize(actor, { section: "sms.two_way", method: "SendSmsMessage" });
  return smsNumbers(actor.accountId);
}

function smsNumbers(accountId: number): Promise<SmsSourceDto[]> {
  return db.phoneNumber.findMany({
    where: { accountId, status: "active", smsSupported: true, smsEnabled: true },
    select: { id: true, number: true, label: true, countryCode: true },
    orderBy: { number: "asc" },
  });
}

export type A2PSendersDto = {
  /** The account's active numbers with SMS on. */
  numbers: SmsSourceDto[];
  /** Verified, unexpired caller IDs (E.164): the only outside numbers a message may show. */
  callerIds: string[];
};

/** The one-way page's senders besides a typed sender ID (section sms.one_way): what sendA2P accepts as a numeric sender. */
export async function listA2PSenders(actor: Actor, clock: Clock = systemClock): Promise<A2PSendersDto> {
  authorize(actor, { section: "sms.one_way", method: "A2PSendSms" });
  const [numbers, callerIds] = await Promise.all([
    smsNumbers(actor.accountId),
    db.callerId.findMany({ where: { accountId: actor.accountId, active: true, verifiedUntil: { gt: clock() } }, select: { number: true }, orderBy: { number: "asc" } }),
  ]);
  const own = new Set(numbers.map((n) => n.number));
  return { numbers, callerIds: callerIds.map((c) => c.number).filter((n) => !own.has(n)) };
}

/** The account's currency (ISO 4217), for an SMS page (`section`): prices are shown in it, as the ledger charges them. */
export async function smsCurrency(actor: Actor, section: "sms.two_way" | "sms.one_way" | "sms.two_way_history" | "sms.one_way_history"): Promise<string> {
  authorize(actor, { section });
  return (await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } })).currency;
}

export type SmsBatchDto = { id: number; sender: string; total: number; createdAt: Date; counts: Record<SmsStatus, number> };

/** Per status, how many messages of each batch are in it at `now`. */
async function batchCounts(accountId: number, ids: number[], now: Date): Promise<Map<number, Record<SmsStatus, number>>> {
  const out = new Map(ids.map((id) => [id, { queued: 0, sent: 0, delivered: 0, failed: 0, received: 0 } as Record<SmsStatus, number>]));
  if (ids.length === 0) return out;
  const statuses = ["queued", "sent", "delivered", "failed"] as const;
  const groups = await Promise.all(
    statuses.map((status) => db.smsMessage.groupBy({ by: ["batchId"], where: { accountId, batchId: { in: ids }, ...statusWhere(status, now) }, _count: { _all: true } })),
  );
  statuses.forEach((status, i) => {
    for (const g of groups[i]!) if (g.batchId !== null) out.get(g.batchId)![status] = g._count._all;
  });
  return out;
}

/**
 * The one-way page's batches with their progress (queued, sent, delivered, failed), by time
 * (`dir`, newest first by default), optionally those whose sender contains `sender` (ignoring
 * case): one page of them, the total, and when the next message of the page changes status.
 */
export async function listSmsBatches(
  actor: Actor,
  page: { sender?: string; dir?: "asc" | "desc"; offset?: number; count?: number } = {},
  clock: Clock = systemClock,
): Promise<{ items: SmsBatchDto[]; total: number; nextChangeAt: Date | null }> {
  authorize(actor, { section: "sms.one_way" });
  const now = clock();
  const dir = page.dir ?? "desc";
  const where: Prisma.SmsBatchWhereInput = { accountId: actor.accountId, createdAt: { lte: now }, ...(page.sender ? { sender: ignoreCase({ contains: page.sender.slice(0, 32) }) } : {}) };
  const [batches, total] = await Promise.all([
    db.smsBatch.findMany({ where, orderBy: [{ createdAt: dir }, { id: dir }], skip: page.offset ?? 0, take: Math.min(Math.max(page.count ?? 10, 1), 100), select: { id: true, sender: true, total: true, createdAt: true } }),
    db.smsBatch.count({ where }),
  ]);
  const ids = batches.map((b) => b.id);
  const [counts, next] = await Promise.all([batchCounts(actor.accountId, ids, now), nextChangeAt({ accountId: actor.accountId, kind: "a2p", batchId: { in: ids } }, now)]);
  return { items: batches.map((b) => ({ ...b, counts: counts.get(b.id)! })), total, nextChangeAt: ids.length ? next : null };
}

/**
 * One batch's page (section sms.one_way): the batch with its progress and one page of its
 * messages (by destination, optionally those containing `destination`), and when the next of
 * them changes status. Another account's batch is NOT_FOUND.
 */
export async function getSmsBatch(
  actor: Actor,
  batchId: number,
  query: { destination?: string; status?: SmsStatus; offset?: number; count?: number } = {},
  clock: Clock = systemClock,
): Promise<{ batch: SmsBatchDto; items: SmsDto[]; matching: number; nextChangeAt: Date | null }> {
  authorize(actor, { section: "sms.one_way" });
  const now = clock();
  const batch = await db.smsBatch.findFirst({ where: { id: batchId, accountId: actor.accountId }, select: { id: true, sender: true, total: true, createdAt: true } });
  if (!batch) throw new AppError("NOT_FOUND", { message: "SMS batch not found", field: "batchId" });
  const scope: Prisma.SmsMessageWhereInput = { accountId: actor.accountId, batchId: batch.id };
  const where: Prisma.SmsMessageWhereInput = {
    ...scope,
    AND: [query.destination ? { destination: ignoreCase({ contains: query.destination }) } : {}, query.status ? statusWhere(query.status, now) : {}],
  };
  const [counts, rows, matching, mayReadText, next] = await Promise.all([
    batchCounts(actor.accountId, [batch.id], now),
    db.smsMessage.findMany({ where, select: SMS_SELECT, orderBy: [{ destination: "asc" }, { id: "asc" }], skip: query.offset ?? 0, take: Math.min(Math.max(query.count ?? 20, 1), 1000) }),
    db.smsMessage.count({ where }),
    accountMay(db, actor.accountId, "read_sms_text"),
    nextChangeAt(scope, now),
  ]);
  return { batch: { ...batch, counts: counts.get(batch.id)! }, items: rows.map((r) => toSmsDto(r, now, mayReadText)), matching, nextChangeAt: next };
}
