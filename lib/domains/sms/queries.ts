import "server-only";
// SMS reads: the two-way and one-way histories (server-side filtered and paged over indexed
// columns), the numbers a two-way message may be sent from, and an A2P send's progress. A
// message's status is computed from its planned course (./simulator.ts) at the injected clock's
// now; planned replies stay hidden until their time. A ProvisioningAgent child account sees every
// message but never its text (seed 004, lib/access/child-account-roles.ts).
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { systemClock, type Clock } from "@/lib/core/clock";
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

/** /sms/two-way/history and GetSmsHistory (kind two_way); /sms/one-way/history and A2PGetSmsHistory (kind a2p). */
export async function listSmsHistory(actor: Actor, query: SmsHistoryQuery, clock: Clock = systemClock): Promise<{ items: SmsDto[]; total: number }> {
  const q = parseInput(ZSmsHistoryQuery, query);
  authorize(actor, q.kind === "two_way" ? { section: "sms.two_way_history", method: "GetSmsHistory" } : { section: "sms.one_way_history", method: "A2PGetSmsHistory" });
  const now = clock();
  const and: Prisma.SmsMessageWhereInput[] = [{ createdAt: { lte: now } }];
  if (q.from) and.push({ createdAt: { gte: q.from } });
  if (q.to) and.push({ createdAt: { lt: q.to } });
  if (q.number) and.push({ OR: [{ source: { contains: q.number } }, { destination: { contains: q.number } }] });
  if (q.source) and.push({ source: { contains: q.source } });
  if (q.destination) and.push({ destination: { contains: q.destination } });
  if (q.status) and.push(statusWhere(q.status, now));
  const where: Prisma.SmsMessageWhereInput = {
    accountId: actor.accountId,
    kind: q.kind,
    ...(q.ids ? { id: { in: q.ids } } : {}),
    ...(q.direction ? { direction: q.direction } : {}),
    ...(q.batchId ? { batchId: q.batchId } : {}),
    AND: and,
  };
  const [rows, total, mayReadText] = await Promise.all([
    db.smsMessage.findMany({ where, select: SMS_SELECT, orderBy: [{ createdAt: q.dir }, { id: q.dir }], skip: q.offset, take: q.count }),
    db.smsMessage.count({ where }),
    accountMay(db, actor.accountId, "read_sms_text"),
  ]);
  return { items: rows.map((r) => toSmsDto(r, now, mayReadText)), total };
}

export type SmsSourceDto = { id: number; number: string; label: string; countryCode: string };

/** The numbers a two-way message may come from: the account's active, SMS-enabled numbers. */
export async function listSmsSources(actor: Actor): Promise<SmsSourceDto[]> {
  authorize(actor, { section: "sms.two_way", method: "SendSmsMessage" });
  return db.phoneNumber.findMany({
    where: { accountId: actor.accountId, status: "active", smsSupported: true, smsEnabled: true },
    select: { id: true, number: true, label: true, countryCode: true },
    orderBy: { number: "asc" },
  });
}

export type SmsBatchDto = { id: number; sender: string; total: number; createdAt: Date; counts: Record<SmsStatus, number> };

/** The one-way page's recent sends with their progress (queued, sent, delivered, failed), newest first. */
export async function listSmsBatches(actor: Actor, clock: Clock = systemClock, take = 10): Promise<SmsBatchDto[]> {
  authorize(actor, { section: "sms.one_way" });
  const now = clock();
  const batches = await db.smsBatch.findMany({ where: { accountId: actor.accountId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: { id: true, sender: true, total: true, createdAt: true } });
  return Promise.all(
    batches.map(async (b) => {
      const rows = await db.smsMessage.findMany({ where: { batchId: b.id, accountId: actor.accountId }, select: { sentAt: true, finalAt: true, outcome: true } });
      const counts: Record<SmsStatus, number> = { queued: 0, sent: 0, delivered: 0, failed: 0, received: 0 };
      for (const r of rows) counts[statusAt(r, now)] += 1;
      return { ...b, counts };
    }),
  );
}
