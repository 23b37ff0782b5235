import "server-only";
// Reads of the call history (sections calls and application.call_history; GetCallHistory), the
// active sessions (calls.active_sessions), a session's detail, the CSV export's stream, and what
// the simulator looks up before it starts a call. Every read is scoped by the actor's account: an
// id of another account reads as not found.
//
// Built for a million sessions per account (issue 11 benches it): every filter and sort has an
// index led by (accountId | applicationId) (prisma/schema.prisma), a page is an index range with
// an offset, the list's count stops at COUNT_CAP (the panel shows "more than 10,000": counting
// every match of a broad filter would read them all), and the export walks the index by keyset
// in batches, never holding more than one batch.
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toDate, toInt, toNumber } from "@/lib/core/raw-values";
import { COUNT_CAP, keysetAfter } from "@/lib/core/paging";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { ApiMethod } from "@/lib/access/api-methods";
import { can, refusalMessage } from "@/lib/access/matrix";
import { AppError } from "@/lib/core/errors";
import { usableCallerIds } from "@/lib/domains/caller-ids/queries";
import { findOwnSipRegistration, type SipRegistrationDto } from "@/lib/domains/sip-registrations/queries";
import { ZReportSpec, type CallDirection, type CallFilter, type CallInitiator, type CallSort, type CallStatus, type ReportSpec } from "./schemas";
import { currentWording, legEndReasonText, notPresentable } from "./plan";

// ---- What the simulator looks up.

/** An application user who places a call: by id or name, in that application of the actor's account. */
export async function findCallerUser(actor: Actor, applicationId: number, ref: { id: number } | { name: string }): Promise<{ id: number; name: string; active: boolean } | null> {
  return db.appUser.findFirst({
    where: { accountId: actor.accountId, applicationId, ...("id" in ref ? { id: ref.id } : { name: ref.name.trim().toLowerCase() }) },
    select: { id: true, name: true, active: true },
  });
}

/** Whether the account may show `number` on the telephone network: one of its active numbers, or a verified caller ID. */
export async function isPresentableNumber(accountId: number, number: string, now: Date): Promise<boolean> {
  return (await presentableNumbers(accountId, [number], now)).has(number);
}

/**
 * Refuses a caller `number` the account may not show on the telephone network (isPresentableNumber):
 * INVALID_INPUT under `field`, reason call_caller_invalid. A test call's caller number, a
 * Marketplace template's caller ID.
 */
export async function assertPresentable(accountId: number, number: string, now: Date, field: string): Promise<void> {
  if (await isPresentableNumber(accountId, number, now)) return;
  throw new AppError("INVALID_INPUT", { message: `${notPresentable(number)}: calls to the telephone network must show one`, field, reason: "call_caller_invalid" });
}

/**
 * Which of `numbers` (E.164) the account may show on the telephone network (its active numbers and
 * its verified, unexpired caller IDs), in one query per table however many a scenario used.
 */
export async function presentableNumbers(accountId: number, numbers: readonly string[], now: Date): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const [own, verified] = await Promise.all([
    db.phoneNumber.findMany({ where: { accountId, number: { in: [...numbers] }, status: "active" }, select: { number: true } }),
    usableCallerIds(db, accountId, numbers, now),
  ]);
  return new Set([...own.map((n) => n.number), ...verified]);
}

/** One of the account's active numbers, with the application its calls go to. */
export async function findInboundNumber(actor: Actor, numberId: number): Promise<{ number: string; applicationId: number | null; ruleId: number | null } | null> {
  return db.phoneNumber.findFirst({ where: { id: numberId, accountId: actor.accountId, status: "active" }, select: { number: true, applicationId: true, ruleId: true } });
}

/** The SIP registration an inbound call comes through, or NOT_FOUND (647) for another account's. */
export async function findInboundSipRegistration(actor: Actor, id: number): Promise<SipRegistrationDto> {
  return findOwnSipRegistration(db, actor, id);
}

// ---- Access.

/**
 * The history's check: the account's history needs `calls`; one application's, `calls` or
 * `application.call_history` (both are the seed's call history sections). Keys: the method's
 * roles (lib/access/api-methods.ts).
 */
export function authorizeHistory(actor: Actor, applicationId: number | undefined, method: ApiMethod): void {
  if (actor.kind === "key") {
    authorize(actor, { section: "calls", method });
    return;
  }
  if (can(actor, "calls")) return;
  if (applicationId !== undefined && can(actor, "application.call_history")) return;
  throw new AppError("FORBIDDEN", { message: refusalMessage(applicationId !== undefined ? "application.call_history" : "calls") });
}

export const sessionNotFound = (field = "sessionId") => new AppError("NOT_FOUND", { message: "Call session not found", field, reason: "call_session_not_found" });

// ---- The history.

/** A session's own columns (LIST_SELECT without its application's name). */
const SESSION_COLUMNS = {
  id: true,
  applicationId: true,
  ruleId: true,
  ruleName: true,
  initiator: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  appUserId: true,
  status: true,
  finishReason: true,
  startedAt: true,
  plannedEndAt: true,
  endedAt: true,
  durationSeconds: true,
  costMinor: true,
  customData: true,
} as const satisfies Prisma.CallSessionSelect;

const LIST_SELECT = { ...SESSION_COLUMNS, application: { select: { name: true } } } as const satisfies Prisma.CallSessionSelect;

type SessionColumns = Prisma.CallSessionGetPayload<{ select: typeof SESSION_COLUMNS }>;
type ListRow = Prisma.CallSessionGetPayload<{ select: typeof LIST_SELECT }>;

export type RecordingRef = { id: number; name: string; durationSeconds: number; deleted: boolean };

/** One session as the history lists it. Money in minor units; dates UTC. */
export type CallSessionDto = {
  id: number;
  applicationId: number;
  applicationName: string;
  ruleId: number | null;
  ruleName: string;
  initiator: CallInitiator;
  direction: CallDirection;
  from: string;
  to: string;
  appUserId: number | null;
  status: CallStatus;
  finishReason: string;
  startedAt: Date;
  plannedEndAt: Date;
  endedAt: Date | null;
  durationSeconds: number;
  costMinor: number;
  customData: string;
};

export function toSessionDto(r: ListRow): CallSessionDto {
  return sessionDto(r, r.application.name);
}

function sessionDto(r: SessionColumns, applicationName: string): CallSessionDto {
  return {
    id: r.id,
    applicationId: r.applicationId,
    applicationName,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    initiator: r.initiator as CallInitiator,
    direction: r.direction as CallDirection,
    from: r.fromNumber,
    to: r.toNumber,
    appUserId: r.appUserId,
    status: r.status as CallStatus,
    finishReason: currentWording(r.finishReason),
    startedAt: r.startedAt,
    plannedEndAt: r.plannedEndAt,
    endedAt: r.endedAt,
    durationSeconds: r.durationSeconds,
    costMinor: r.costMinor,
    customData: r.customData,
  };
}

/** The where of a filter, always inside the actor's account. Application user names resolve to their ids first. */
/** Sessions started in [from, to) (UTC), either end open when absent: a `startedAt` condition. */
function startedIn(f: Pick<CallFilter, "from" | "to">): Prisma.DateTimeFilter {
  return { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
}

async function whereOf(actor: Actor, f: CallFilter): Promise<Prisma.CallSessionWhereInput> {
  const and: Prisma.CallSessionWhereInput[] = [];
  let userIds = f.appUserIds;
  if (f.userName !== undefined) {
    const named = await db.appUser.findMany({
      where: { accountId: actor.accountId, name: f.userName.toLowerCase(), ...(f.applicationId !== undefined ? { applicationId: f.applicationId } : {}) },
      select: { id: true },
      take: 1000,
    });
    const ids = named.map((u) => u.id);
    userIds = userIds ? userIds.filter((id) => ids.includes(id)) : ids;
  }
  if (f.number !== undefined) and.push({ OR: [{ fromNumber: f.number }, { toNumber: f.number }] });
  if (f.remoteNumbers?.length) {
    and.push({ OR: [{ direction: "inbound", fromNumber: { in: f.remoteNumbers } }, { direction: "outbound", toNumber: { in: f.remoteNumbers } }] });
  }
  if (f.localNumbers?.length) {
    and.push({ OR: [{ direction: "inbound", toNumber: { in: f.localNumbers } }, { direction: "outbound", fromNumber: { in: f.localNumbers } }] });
  }
  const started = startedIn(f);
  const duration = { ...(f.minDuration !== undefined ? { gte: f.minDuration } : {}), ...(f.maxDuration !== undefined ? { lte: f.maxDuration } : {}) };
  const ids = { ...(f.sessionIds ? { in: f.sessionIds } : {}), ...(f.maxSessionId !== undefined ? { lte: f.maxSessionId } : {}) };
  return {
    accountId: actor.accountId,
    ...(f.applicationId !== undefined ? { applicationId: f.applicationId } : {}),
    ...(Object.keys(started).length ? { startedAt: started } : {}),
    ...(Object.keys(duration).length ? { durationSeconds: duration } : {}),
    ...(Object.keys(ids).length ? { id: ids } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.direction ? { direction: f.direction } : {}),
    ...(f.ruleName !== undefined ? { ruleName: f.ruleName } : {}),
    ...(f.customData !== undefined ? { customData: f.customData } : {}),
    ...(userIds !== undefined ? { appUserId: { in: userIds } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

export type HistoryPage = {
  items: (CallSessionDto & { userName: string | null; recordings: RecordingRef[] })[];
  /** Matches, counted up to COUNT_CAP + 1. */
  total: number;
  /** More than COUNT_CAP match: `total` is a floor. */
  capped: boolean;
};

/**
 * /calls and /applications/[appId]/call-history: one page of sessions matching `filter`, sorted
 * by an indexed column (ties by id), with each row's user name and recordings. The count stops at
 * COUNT_CAP + 1 (`capped`).
 */
export async function listCallSessions(
  actor: Actor,
  input: { filter: CallFilter; sort: CallSort; dir: "asc" | "desc"; offset: number; count: number },
): Promise<HistoryPage> {
  authorizeHistory(actor, input.filter.applicationId, "GetCallHistory");
  const where = await whereOf(actor, input.filter);
  const orderBy = [{ [input.sort]: input.dir }, { id: input.dir }];
  const [rows, counted] = await Promise.all([
    db.callSession.findMany({ where, select: LIST_SELECT, orderBy, skip: input.offset, take: Math.min(input.count, 1000) }),
    // The capped count reads the page's own index in the page's order: without an order SQLite
    // chose the filter's index and sorted the matches in a temporary B-tree first.
    db.callSession.count({ where, orderBy, take: COUNT_CAP + 1 }),
  ]);
  const decorated = await decorate(rows.map(toSessionDto));
  return { items: decorated, total: Math.min(counted, COUNT_CAP + 1), capped: counted > COUNT_CAP };
}

/** User names and recordings of a page of sessions (two indexed queries, not one per row). */
async function decorate(items: CallSessionDto[]): Promise<HistoryPage["items"]> {
  const userIds = [...new Set(items.map((i) => i.appUserId).filter((id): id is number => id !== null))];
  const [users, recordings] = await Promise.all([
    userIds.length ? db.appUser.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    items.length
      ? db.recording.findMany({ where: { sessionId: { in: items.map((i) => i.id) } }, select: { id: true, sessionId: true, name: true, durationSeconds: true, deletedAt: true }, orderBy: { id: "asc" } })
      : [],
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return items.map((i) => ({
    ...i,
    userName: i.appUserId !== null ? (names.get(i.appUserId) ?? null) : null,
    recordings: recordings.filter((r) => r.sessionId === i.id).map((r) => ({ id: r.id, name: r.name, durationSeconds: r.durationSeconds, deleted: r.deletedAt !== null })),
  }));
}

export type CallLegDto = {
  id: number;
  localNumber: string;
  remoteNumber: string;
  remoteNumberType: string;
  incoming: boolean;
  successful: boolean;
  startedAt: Date;
  durationSeconds: number;
  pricePerMinuteMinor: number;
  costMinor: number;
  /** Why the leg ended: the stored code word (the API's end_reason: no_answer, busy, ...); in words ("no answer") in a session's detail (getCallSession). */
  endReason: string;
  chargedAppUserId: number | null;
  ledgerEntryId: number | null;
};

export type RecordingDto = {
  id: number;
  sessionId: number;
  name: string;
  startedAt: Date;
  durationSeconds: number;
  sizeBytes: number;
  mimeType: string;
  source: string;
  costMinor: number;
  deletedAt: Date | null;
};

export type CallLogLineDto = { at: Date; source: "scenario" | "system"; line: string };

export type CallSessionDetailDto = CallSessionDto & {
  userName: string | null;
  /** The call list whose row started it (initiator call_list); null when none did or the list was deleted. */
  callList: { id: number; name: string } | null;
  /** Recordings of this application are served on signed, short-lived URLs only. */
  secureRecordStorage: boolean;
  legs: CallLegDto[];
  log: CallLogLineDto[];
  recordings: RecordingDto[];
};

const LEG_SELECT = {
  id: true,
  sessionId: true,
  localNumber: true,
  remoteNumber: true,
  remoteNumberType: true,
  incoming: true,
  successful: true,
  startedAt: true,
  durationSeconds: true,
  pricePerMinuteMinor: true,
  costMinor: true,
  endReason: true,
  chargedAppUserId: true,
  ledgerEntryId: true,
} as const satisfies Prisma.CallLegSelect;

export const RECORDING_SELECT = {
  id: true,
  sessionId: true,
  name: true,
  startedAt: true,
  durationSeconds: true,
  sizeBytes: true,
  mimeType: true,
  source: true,
  costMinor: true,
  deletedAt: true,
} as const satisfies Prisma.RecordingSelect;

/** The most log lines a session's detail shows (a scenario may log in a loop). */
export const LOG_LIMIT = 1000;

/**
 * A session's detail (/calls/[sessionId], /applications/[appId]/call-history/[sessionId]): the
 * session, its legs, log and recordings. Null when the actor's account has no such session (or,
 * with `applicationId`, the application has none).
 */
export async function getCallSession(actor: Actor, sessionId: number, opts: { applicationId?: number } = {}): Promise<CallSessionDetailDto | null> {
  authorizeHistory(actor, opts.applicationId, "GetCallHistory");
  if (!Number.isSafeInteger(sessionId) || sessionId <= 0) return null;
  const row = await db.callSession.findFirst({
    where: { id: sessionId, accountId: actor.accountId, ...(opts.applicationId !== undefined ? { applicationId: opts.applicationId } : {}) },
    select: { ...LIST_SELECT, callListId: true, application: { select: { name: true, secureRecordStorage: true } } },
  });
  if (!row) return null;
  const [legs, log, recordings, user, callList] = await Promise.all([
    db.callLeg.findMany({ where: { sessionId: row.id }, select: LEG_SELECT, orderBy: { id: "asc" } }),
    db.callLogLine.findMany({ where: { sessionId: row.id }, select: { at: true, source: true, line: true }, orderBy: [{ at: "asc" }, { id: "asc" }], take: LOG_LIMIT }),
    db.recording.findMany({ where: { sessionId: row.id }, select: RECORDING_SELECT, orderBy: { id: "asc" } }),
    row.appUserId !== null ? db.appUser.findFirst({ where: { id: row.appUserId, accountId: actor.accountId }, select: { name: true } }) : null,
    row.callListId !== null ? db.callList.findFirst({ where: { id: row.callListId, accountId: actor.accountId }, select: { id: true, name: true } }) : null,
  ]);
  return {
    ...toSessionDto(row),
    userName: user?.name ?? null,
    callList,
    secureRecordStorage: row.application.secureRecordStorage,
    legs: legs.map((l) => ({ ...l, endReason: legEndReasonText(l.endReason) })),
    log: log.map((l) => (l.source === "scenario" ? { ...l, source: "scenario" } : { ...l, source: "system", line: currentWording(l.line) })),
    recordings,
  };
}

export type ActiveSessionDto = CallSessionDto & { userName: string | null };

function toActive(i: HistoryPage["items"][number]): ActiveSessionDto {
  const { recordings, ...rest } = i;
  void recordings;
  return rest;
}

/** /calls/active: the running sessions of the account, newest first (at most 200). */
export async function listActiveSessions(actor: Actor): Promise<{ items: ActiveSessionDto[]; total: number }> {
  authorize(actor, { section: "calls.active_sessions" });
  const where = { accountId: actor.accountId, status: "running" };
  const [rows, total] = await Promise.all([
    db.callSession.findMany({ where, select: LIST_SELECT, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: 200 }),
    db.callSession.count({ where }),
  ]);
  const items = await decorate(rows.map(toSessionDto));
  return { items: items.map((i) => ({ ...toActive(i) })), total };
}

/** How many sessions the export reads per query. */
export const EXPORT_BATCH = 500;

/**
 * The CSV export's rows (calls.downloads, application.call_history_downloads, a GetBriefCallHistory
 * report): every session matching `filter`, newest first unless `desc` is false, read by keyset
 * over (startedAt, id) in batches of EXPORT_BATCH, so memory stays flat however many rows there
 * are. Access is checked when called, before the first row: `method` names the API method a key
 * calls through (its roles decide).
 */
export function exportCallSessions(actor: Actor, filter: CallFilter, opts: { method?: ApiMethod; desc?: boolean } = {}): AsyncIterable<CallSessionDto> {
  authorizeHistory(actor, filter.applicationId, opts.method ?? "GetCallHistory");
  const desc = opts.desc ?? true;
  const dir = desc ? "desc" : "asc";
  return {
    async *[Symbol.asyncIterator]() {
      const where = await whereOf(actor, filter);
      let after: { value: Date; id: number } | null = null;
      for (;;) {
        const page: ListRow[] = await db.callSession.findMany({
          where: after ? { AND: [where, keysetAfter("startedAt", dir, after)] } : where,
          select: LIST_SELECT,
          orderBy: [{ startedAt: dir }, { id: dir }],
          take: EXPORT_BATCH,
        });
        for (const r of page) yield toSessionDto(r);
        if (page.length < EXPORT_BATCH) return;
        const last = page[page.length - 1]!;
        after = { value: last.startedAt, id: last.id };
      }
    },
  };
}

/**
 * A session's columns that GetCallHistory's CallSessionInfoType shows (api.ts view): fewer values
 * for the page's raw statement to carry and parse than the history's SESSION_COLUMNS (about 0.1 ms
 * of Prisma's JS engine on a page of 20; issue 11, the GetCallHistory line).
 */
const API_SESSION_COLUMNS = {
  id: true,
  applicationId: true,
  ruleName: true,
  initiator: true,
  appUserId: true,
  status: true,
  finishReason: true,
  startedAt: true,
  durationSeconds: true,
  customData: true,
} as const satisfies Prisma.CallSessionSelect;

type ApiSessionColumns = Prisma.CallSessionGetPayload<{ select: typeof API_SESSION_COLUMNS }>;

/** One session as GetCallHistory answers it (CallSessionInfoType): dates UTC, duration in seconds. */
export type ApiHistoryItem = Pick<
  CallSessionDto,
  "id" | "applicationId" | "applicationName" | "ruleName" | "initiator" | "appUserId" | "status" | "finishReason" | "startedAt" | "durationSeconds" | "customData"
> & {
  legs?: CallLegDto[];
  recordings?: RecordingDto[];
};

function apiHistoryItem(r: ApiSessionColumns, applicationName: string): ApiHistoryItem {
  return {
    id: r.id,
    applicationId: r.applicationId,
    applicationName,
    ruleName: r.ruleName,
    initiator: r.initiator as CallInitiator,
    appUserId: r.appUserId,
    status: r.status as CallStatus,
    finishReason: currentWording(r.finishReason),
    startedAt: r.startedAt,
    durationSeconds: r.durationSeconds,
    customData: r.customData,
  };
}

/**
 * GetCallHistory: sessions matching `filter` by start time (ascending unless `desc`), with their
 * legs and recordings when asked. `total` is exact unless `withTotal` is false; filtered by no more
 * than an application and a time range, it is summed by day (countSessionsByDay) instead of counted.
 */
export async function callHistoryForApi(
  actor: Actor,
  input: { filter: CallFilter; desc: boolean; offset: number; count: number; withCalls: boolean; withRecords: boolean; withTotal: boolean },
): Promise<{ items: ApiHistoryItem[]; total: number }> {
  authorizeHistory(actor, input.filter.applicationId, "GetCallHistory");
  const { filter } = input;
  // The usual call (an application and a time range, or neither) reads its page in one raw
  // statement; any other filter goes through whereOf.
  const where = countsByDay(filter) ? undefined : await whereOf(actor, filter);
  const dir = input.desc ? "desc" : "asc";
  const { rows, apps, total: counted } = where
    ? { ...(await sessionsWhere(actor.accountId, where, dir, input.offset, input.count)), total: null }
    : await sessionsInRange(actor.accountId, filter, dir, input.offset, input.count, input.withTotal);
  const ids = rows.map((r) => r.id);
  const [legs, recordings, total] = await Promise.all([
    input.withCalls && ids.length ? db.callLeg.findMany({ where: { sessionId: { in: ids } }, select: LEG_SELECT, orderBy: { id: "asc" } }) : [],
    input.withRecords && ids.length ? db.recording.findMany({ where: { sessionId: { in: ids }, deletedAt: null }, select: RECORDING_SELECT, orderBy: { id: "asc" } }) : [],
    !input.withTotal ? input.offset + rows.length : (counted ?? (where ? db.callSession.count({ where }) : countSessionsByDay(actor.accountId, filter))),
  ]);
  return {
    items: rows.map((r) => {
      const item = apiHistoryItem(r, apps.get(r.applicationId) ?? "");
      if (input.withCalls) item.legs = legs.filter((l) => l.sessionId === r.id);
      if (input.withRecords) item.recordings = recordings.filter((x) => x.sessionId === r.id);
      return item;
    }),
    total,
  };
}

type SessionPage = { rows: ApiSessionColumns[]; apps: Map<number, string> };

/** One page of the sessions matching `where`, by start time then id, with their applications' names. */
async function sessionsWhere(accountId: number, where: Prisma.CallSessionWhereInput, dir: "asc" | "desc", skip: number, take: number): Promise<SessionPage> {
  const rows = await db.callSession.findMany({ where, select: API_SESSION_COLUMNS, orderBy: [{ startedAt: dir }, { id: dir }], skip, take });
  return { rows, apps: await applicationNames(accountId, [...new Set(rows.map((r) => r.applicationId))]) };
}

type RawSessionRow = {
  id: number | bigint;
  applicationId: number | bigint;
  ruleName: string;
  initiator: string;
  appUserId: number | bigint | null;
  status: string;
  finishReason: string;
  startedAt: Date | string;
  durationSeconds: number | bigint;
  customData: string;
  applicationName: string;
};

/**
 * One page of the account's sessions (of one application, when given) started in [from, to)
 * (UTC; either end open when absent), ordered by start time then id (`dir`), skipping `skip`,
 * with their applications' names: the rows `sessionsWhere` reads for the same filter, in one raw
 * statement instead of two Prisma queries (about 0.3 ms of its JS engine; issue 11, the
 * GetCallHistory line). With `withTotal`, the same statement also counts every session in the
 * range as countSessionsByDay does (`total`; null when the range needs a plain count, which is
 * then the caller's): one round trip instead of two, about 0.15 ms. Unchecked: callers authorize
 * (callHistoryForApi).
 */
export async function sessionsInRange(
  accountId: number,
  filter: Pick<CallFilter, "applicationId" | "from" | "to">,
  dir: "asc" | "desc",
  skip: number,
  take: number,
  withTotal = false,
): Promise<SessionPage & { total: number | null }> {
  const order = dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const page = Prisma.sql`
    SELECT s."id", s."applicationId", s."ruleName", s."initiator", s."appUserId", s."status", s."finishReason", s."startedAt",
           s."durationSeconds", s."customData", a."name" AS "applicationName"
      FROM "CallSession" s
      JOIN "Application" a ON a."id" = s."applicationId" AND a."accountId" = s."accountId"
     WHERE s."accountId" = ${accountId}${filter.applicationId !== undefined ? Prisma.sql` AND s."applicationId" = ${filter.applicationId}` : Prisma.empty}${filter.from ? Prisma.sql` AND s."startedAt" >= ${filter.from}` : Prisma.empty}${filter.to ? Prisma.sql` AND s."startedAt" < ${filter.to}` : Prisma.empty}
     ORDER BY s."startedAt" ${order}, s."id" ${order}
     LIMIT ${take} OFFSET ${skip}`;
  const count = withTotal ? dayCountSql(accountId, filter) : null;
  // The count's one row beside each row of the page (or alone, with the page's columns null, when
  // the page is empty).
  const raw = count
    ? await db.$queryRaw<((RawSessionRow | { [K in keyof RawSessionRow]: null }) & DayCountRow)[]>`
        WITH "c" AS (${count}), "p" AS (${page})
        SELECT "c".*, "p".* FROM "c" LEFT JOIN "p" ON 1 = 1
         ORDER BY "p"."startedAt" ${order}, "p"."id" ${order}`
    : await db.$queryRaw<RawSessionRow[]>(page);
  const apps = new Map<number, string>();
  const rows: ApiSessionColumns[] = [];
  for (const r of raw) {
    if (r.id === null) continue;
    const applicationId = toNumber(r.applicationId);
    apps.set(applicationId, r.applicationName);
    rows.push({
      id: toNumber(r.id),
      applicationId,
      ruleName: r.ruleName,
      initiator: r.initiator,
      appUserId: toInt(r.appUserId),
      status: r.status,
      finishReason: r.finishReason,
      startedAt: toDate(r.startedAt),
      durationSeconds: toNumber(r.durationSeconds),
      customData: r.customData,
    });
  }
  const first = raw[0];
  return { rows, apps, total: count ? (first && "days" in first ? dayCountTotal(first) : 0) : null };
}

/**
 * The names of the account's applications among `ids`, by id, in one raw statement (a nested select
 * is a Prisma query of its own, about 0.25 ms of its JS engine; issue 11).
 */
async function applicationNames(accountId: number, ids: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (ids.length === 0) return names;
  const rows = await db.$queryRaw<{ id: number | bigint; name: string }[]>`
    SELECT "id", "name" FROM "Application" WHERE "accountId" = ${accountId} AND "id" IN (${Prisma.join(ids)})`;
  for (const a of rows) names.set(toNumber(a.id), a.name);
  return names;
}

// ---- Whole-day counts: exact session counts over ranges of days without reading every session.
// The CallSessionDay rows (one per account, application and UTC day, kept by database triggers,
// see prisma/schema.prisma) give the whole days; the call-history index counts only the partial
// days at the ends.

const DAY_MS = 86_400_000;

/** YYYY-MM-DD (UTC) of the day starting at `ms`; undefined outside years 1000-9999 (no such rows). */
function dayOf(ms: number): string | undefined {
  const text = new Date(ms).toISOString();
  return /^\d{4}-\d\d-\d\dT/.test(text) && !text.startsWith("0") ? text.slice(0, 10) : undefined;
}

/** Whether `filter` is only an application and a time range, so countSessionsByDay can count it. */
export function countsByDay(filter: CallFilter): filter is Pick<CallFilter, "applicationId" | "from" | "to"> {
  return Object.entries(filter).every(([k, v]) => v === undefined || k === "applicationId" || k === "from" || k === "to");
}

type DayCountRow = { days: number | bigint; head: number | bigint; tail: number | bigint };

const dayCountTotal = (row: DayCountRow) => toNumber(row.days) + toNumber(row.head) + toNumber(row.tail);

/**
 * How many sessions of the account (of one application, when given) started in [from, to) (UTC;
 * either end open when absent), exactly: the whole UTC days inside the range are summed from
 * CallSessionDay, and the partial first and last days are counted on the (applicationId,)
 * accountId, startedAt index. A range inside one or two days is counted on the index alone.
 * Cost: one small aggregate plus at most two days of index entries, whatever the table's size
 * (issue 11: GetCallHistory's exact total_count over 90 days, 4.6 ms to under 1 ms at 100,000
 * sessions). The three reads are one raw statement (dayCountSql; three Prisma queries cost about
 * 0.5 ms of its JS engine), so they see one snapshot. Unchecked: callers authorize (callHistoryForApi).
 */
export async function countSessionsByDay(accountId: number, filter: Pick<CallFilter, "applicationId" | "from" | "to">): Promise<number> {
  const sql = dayCountSql(accountId, filter);
  if (!sql) return db.callSession.count({ where: { accountId, ...(filter.applicationId !== undefined ? { applicationId: filter.applicationId } : {}), startedAt: startedIn(filter) } });
  const [row] = await db.$queryRaw<DayCountRow[]>(sql);
  return row ? dayCountTotal(row) : 0;
}

/**
 * countSessionsByDay's statement: one row of three counts ("days", "head", "tail"; their sum is
 * the total). Null when a plain count must do: a range ending inside the day it starts, or ends
 * outside years 1000-9999 (no CallSessionDay rows there).
 */
function dayCountSql(accountId: number, filter: Pick<CallFilter, "applicationId" | "from" | "to">): Prisma.Sql | null {
  const from = filter.from?.getTime();
  const to = filter.to?.getTime();
  // Whole days: [firstDay, endDay) as UTC midnights.
  const firstDay = from === undefined ? undefined : Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = to === undefined ? undefined : Math.floor(to / DAY_MS) * DAY_MS;
  const first = firstDay === undefined ? undefined : dayOf(firstDay);
  const end = endDay === undefined ? undefined : dayOf(endDay);
  const unusual = (firstDay !== undefined && first === undefined) || (endDay !== undefined && end === undefined);
  if (unusual || (firstDay !== undefined && endDay !== undefined && firstDay >= endDay)) return null;
  const inScope = Prisma.sql`"accountId" = ${accountId}${filter.applicationId !== undefined ? Prisma.sql` AND "applicationId" = ${filter.applicationId}` : Prisma.empty}`;
  const days = Prisma.sql`(SELECT COALESCE(SUM("sessions"), 0) FROM "CallSessionDay" WHERE ${inScope}${first !== undefined ? Prisma.sql` AND "day" >= ${first}` : Prisma.empty}${end !== undefined ? Prisma.sql` AND "day" < ${end}` : Prisma.empty})`;
  const started = (gte: Date, lt: Date) => Prisma.sql`(SELECT COUNT(*) FROM "CallSession" WHERE ${inScope} AND "startedAt" >= ${gte} AND "startedAt" < ${lt})`;
  const head = from !== undefined && from < firstDay! ? started(filter.from!, new Date(firstDay!)) : Prisma.sql`0`;
  const tail = to !== undefined && endDay! < to ? started(new Date(endDay!), filter.to!) : Prisma.sql`0`;
  return Prisma.sql`SELECT ${days} AS "days", ${head} AS "head", ${tail} AS "tail"`;
}

/** The account's newest session id (0: none yet): where a GetBriefCallHistory report is frozen. */
export async function newestSessionId(actor: Actor): Promise<number> {
  const r = await db.callSession.findFirst({ where: { accountId: actor.accountId }, select: { id: true }, orderBy: { id: "desc" } });
  return r?.id ?? 0;
}

// ---- History reports (GetBriefCallHistory, GetHistoryReports, DownloadHistoryReport).

/** A history report as listed (GetHistoryReports' HistoryReportType). */
export type HistoryReportDto = {
  id: number;
  historyType: "calls";
  createdAt: Date;
  /** Sessions in the report, counted when it was made (the report is frozen at maxSessionId). */
  sessionCount: number;
  spec: ReportSpec;
  /** `call-history-report-<id>.csv` */
  fileName: string;
};

const REPORT_SELECT = { id: true, historyType: true, filter: true, rows: true, createdAt: true } as const;
type ReportRow = { id: number; historyType: string; filter: string; rows: number; createdAt: Date };

export function toReportDto(r: ReportRow): HistoryReportDto {
  return { id: r.id, historyType: "calls", createdAt: r.createdAt, sessionCount: r.rows, spec: ZReportSpec.parse(JSON.parse(r.filter)), fileName: `call-history-report-${r.id}.csv` };
}

export const reportNotFound = () => new AppError("NOT_FOUND", { message: "History report not found", field: "historyReportId", reason: "history_report_not_found" });

/** How many sessions match `filter` (a report's session count; the filter is an index range). */
export async function countCallSessions(actor: Actor, filter: CallFilter): Promise<number> {
  return db.callSession.count({ where: await whereOf(actor, filter) });
}

/**
 * GetHistoryReports: the account's reports, newest first unless `desc` is false, optionally
 * only `ids`, those created in [createdFrom, createdTo) (UTC) or those of `applicationIds`.
 * Every report is complete when made (the CSV is streamed on download), so `completed` filters
 * nothing or everything.
 */
export async function listHistoryReports(
  actor: Actor,
  input: { ids?: number[]; createdFrom?: Date; createdTo?: Date; completed?: boolean; applicationIds?: number[]; desc: boolean; offset: number; count: number },
): Promise<{ items: HistoryReportDto[]; total: number }> {
  authorizeHistory(actor, undefined, "GetHistoryReports");
  if (input.completed === false) return { items: [], total: 0 };
  const created = { ...(input.createdFrom ? { gte: input.createdFrom } : {}), ...(input.createdTo ? { lt: input.createdTo } : {}) };
  const where: Prisma.HistoryReportWhereInput = {
    accountId: actor.accountId,
    historyType: "calls",
    ...(input.ids ? { id: { in: input.ids } } : {}),
    ...(Object.keys(created).length ? { createdAt: created } : {}),
    ...(input.applicationIds ? { applicationId: { in: input.applicationIds } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.historyReport.findMany({ where, orderBy: { id: input.desc ? "desc" : "asc" }, select: REPORT_SELECT, skip: input.offset, take: input.count }),
    db.historyReport.count({ where }),
  ]);
  return { items: rows.map(toReportDto), total };
}

/**
 * DownloadHistoryReport: the report (NOT_FOUND, field historyReportId, for another account's id)
 * and its rows, streamed in its order from the keyset export, frozen at the newest session when
 * it was made.
 */
export async function historyReportRows(actor: Actor, reportId: number): Promise<{ report: HistoryReportDto; rows: AsyncIterable<CallSessionDto> }> {
  authorizeHistory(actor, undefined, "DownloadHistoryReport");
  const r = await db.historyReport.findFirst({ where: { id: reportId, accountId: actor.accountId }, select: REPORT_SELECT });
  if (!r) throw reportNotFound();
  const report = toReportDto(r);
  return { report, rows: exportCallSessions(actor, report.spec.filter, { method: "DownloadHistoryReport", desc: report.spec.desc }) };
}

export type CallToolChoices = {
  applications: { id: number; name: string }[];
  rules: { id: number; name: string; applicationId: number }[];
  /** The account's active numbers, with the application whose rules answer them (null: none attached). */
  numbers: { id: number; number: string; applicationId: number | null }[];
  /** The account's SIP registrations that take calls (bound, registered), as `user@proxy`, with the application they are bound to. */
  sipRegistrations: { id: number; label: string; applicationId: number }[];
};

/**
 * What "Place a test call" and "Simulate inbound call" offer: the account's applications with
 * their rules (in order), its active numbers and the SIP registrations that take calls (each list
 * capped at 500). For principals who may
 * place calls (application.scenarios or application.rules); FORBIDDEN otherwise.
 */
export async function callToolChoices(actor: Actor): Promise<CallToolChoices> {
  if (!can(actor, "application.scenarios") && !can(actor, "application.rules")) throw new AppError("FORBIDDEN", { message: refusalMessage("application.scenarios") });
  const [applications, rules, numbers, registrations] = await Promise.all([
    db.application.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.rule.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true, applicationId: true }, orderBy: [{ applicationId: "asc" }, { position: "asc" }], take: 500 }),
    db.phoneNumber.findMany({ where: { accountId: actor.accountId, status: "active" }, select: { id: true, number: true, applicationId: true }, orderBy: { number: "asc" }, take: 500 }),
    // Those that take calls: bound, registered, not deactivated (simulateInbound refuses the rest).
    db.sipRegistration.findMany({
      where: { accountId: actor.accountId, applicationId: { not: null }, successful: true, deactivated: false },
      select: { id: true, sipUsername: true, proxy: true, applicationId: true },
      orderBy: { id: "asc" },
      take: 500,
    }),
  ]);
  const sipRegistrations = registrations.map((r) => ({ id: r.id, label: `${r.sipUsername}@${r.proxy}`, applicationId: r.applicationId! }));
  return { applications, rules, numbers, sipRegistrations };
}

/** Whether the actor may place test calls (the call tools' buttons). */
export function mayPlaceCalls(actor: Actor): boolean {
  return can(actor, "application.scenarios") || can(actor, "application.rules");
}

/**
 * Whether a session the actor's account holds has ended without a single call leg: its scenario
 * never called (one that only answers inbound calls, started by "Place a test call"). False while
 * it runs (its legs are written when it ends) and for another account's session. For the call
 * tools, which may place calls (mayPlaceCalls).
 */
export async function endedWithoutCalls(actor: Actor, sessionId: number): Promise<boolean> {
  if (!mayPlaceCalls(actor)) throw new AppError("FORBIDDEN", { message: refusalMessage("application.scenarios") });
  const s = await db.callSession.findFirst({ where: { id: sessionId, accountId: actor.accountId }, select: { status: true, _count: { select: { legs: true } } } });
  return s !== null && s.status !== "running" && s._count.legs === 0;
}

/**
 * What the demo seed's calls need (lib/domains/calls/demo.ts): the account named `accountName`,
 * whether it has sessions already, its "sales" application (else its first), that application's
 * active number and whether it has a rule. Null when there is no such account or application.
 */
export async function demoCallTargets(accountName: string): Promise<{ accountId: number; hasSessions: boolean; applicationId: number; number: string | null; hasRule: boolean } | null> {
  const account = await db.account.findUnique({ where: { name: accountName }, select: { id: true } });
  if (!account) return null;
  const apps = await db.application.findMany({ where: { accountId: account.id }, select: { id: true, name: true }, orderBy: { id: "asc" } });
  const app = apps.find((a) => a.name === "sales") ?? apps[0];
  if (!app) return null;
  const [sessions, number, rules] = await Promise.all([
    db.callSession.count({ where: { accountId: account.id } }),
    db.phoneNumber.findFirst({ where: { accountId: account.id, status: "active", applicationId: app.id }, select: { number: true } }),
    db.rule.count({ where: { accountId: account.id, applicationId: app.id } }),
  ]);
  return { accountId: account.id, hasSessions: sessions > 0, applicationId: app.id, number: number?.number ?? null, hasRule: rules > 0 };
}
