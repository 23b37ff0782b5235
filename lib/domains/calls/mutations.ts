import "server-only";
// The call simulator's writes (./simulator.ts decides, this stores): sessions, their legs, log
// lines, recordings and charges. Nothing else in the code base writes them; the simulator is the
// only caller of what is exported here (recordings' delete, in lib/domains/recordings, empties
// the audio of one). Every function scopes by the account it is given. The one write that is
// not the simulator's is a history report's definition (createHistoryReport, GetBriefCallHistory).
//
// Finalising is exactly-once: the transaction's first statement moves the session out of
// "running" only if it is still running, so a second finaliser (another app server, a tick that
// overlaps, a terminate racing the scheduler) blocks on that row (PostgreSQL's row lock, SQLite's
// write lock) and then finds it done and writes nothing. The ledger's idempotency key per leg
// (call:<session>:<leg>) backs that up. When the balance fell since the call started, the call is
// cut where the balance now runs out (status payment_required): a charge never takes the ledger
// below the account's credit limit, nor a user's separate balance below zero.
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import { balanceIn, lockLedger, postLedgerEntry } from "@/lib/domains/billing/ledger";
import { formatMoney } from "@/lib/domains/billing/money";
import { recordingAudio, type SpeechOptions } from "@/lib/domains/recordings/audio";
import type { ScenarioRun, SimulatedParty } from "@/lib/domains/scenarios/runtime-contract";
import { affordableSeconds, callerIdRefused, callListReport, costAt, hangupSentence, isPhoneNumber, mmss, planLegs, planLog, planRecordings, scenarioStopped, settleLegs, wholeSeconds, type CallVia, type CutCause, type LegResult } from "./plan";
import { authorizeHistory, countCallSessions, newestSessionId, toReportDto, type HistoryReportDto } from "./queries";
import type { CallDirection, CallInitiator, CallStatus, ReportSpec } from "./schemas";

/** Who pays a session: the account's ledger, or an application user's separate balance. */
export type Payer = { kind: "account" } | { kind: "user"; appUserId: number };

/** The session's stored run (CallSession.run): everything finalising needs, so it can happen on any app server. */
export type StoredRun = {
  v: 1;
  setup: { direction: CallDirection; from: string; to: string; party: SimulatedParty } & CallVia;
  scenarios: string[];
  run: ScenarioRun;
  payer: Payer;
  /** Where the call is cut short, and why; null: it runs to its hangup. */
  cut: { at: number; cause: CutCause } | null;
};

export type SessionSummary = { id: number; status: CallStatus; startedAt: Date; plannedEndAt: Date; finishReason: string };

/** The session row's fields every start writes. */
export type SessionStart = {
  accountId: number;
  applicationId: number;
  initiator: CallInitiator;
  direction: CallDirection;
  from: string;
  to: string;
  appUserId: number | null;
  customData: string;
  ruleId: number | null;
  ruleName: string;
  /** Who started it (the audit row's principal). */
  by: Actor | AuditPrincipal;
  /** The call list whose row started it, if one did. */
  callListId?: number | null;
} & CallVia;

const SUMMARY = { id: true, status: true, startedAt: true, plannedEndAt: true, finishReason: true } as const;
const asSummary = (r: { id: number; status: string; startedAt: Date; plannedEndAt: Date; finishReason: string }): SessionSummary => ({ ...r, status: r.status as CallStatus });
const at = (start: Date, seconds: number) => new Date(start.getTime() + Math.round(seconds * 1000));

/** A session's summary (after the simulator finalised it). */
export async function sessionSummary(id: number): Promise<SessionSummary> {
  return asSummary(await db.callSession.findUniqueOrThrow({ where: { id }, select: SUMMARY }));
}

/** Who pays for a session of this user (null: none): its separate balance when it has one, else the account. */
export async function payerOf(client: Tx | typeof db, accountId: number, appUserId: number | null): Promise<Payer> {
  if (appUserId === null) return { kind: "account" };
  const u = await client.appUser.findFirst({ where: { id: appUserId, accountId }, select: { parentAccounting: true } });
  return u && !u.parentAccounting ? { kind: "user", appUserId } : { kind: "account" };
}

/** What the payer may spend now (minor units): the account's balance plus its credit limit, or the user's separate balance. */
export async function availableMinor(client: Tx | typeof db, accountId: number, payer: Payer): Promise<number> {
  if (payer.kind === "user") {
    const u = await client.appUser.findFirst({ where: { id: payer.appUserId, accountId }, select: { balanceMinor: true } });
    return Math.max(0, u?.balanceMinor ?? 0);
  }
  const account = await client.account.findUniqueOrThrow({ where: { id: accountId }, select: { creditLimitMinor: true } });
  return (await balanceIn(client as Tx, accountId)) + account.creditLimitMinor;
}

/** The CallSession columns a start fixes, whatever becomes of the call. */
const sessionRow = (s: SessionStart) => ({
  accountId: s.accountId,
  applicationId: s.applicationId,
  ruleId: s.ruleId,
  ruleName: s.ruleName,
  initiator: s.initiator,
  direction: s.direction,
  fromNumber: s.from,
  toNumber: s.to,
  appUserId: s.appUserId,
  customData: s.customData,
  callListId: s.callListId ?? null,
});

const auditAction = (s: SessionStart) => (s.initiator === "inbound" ? "call.inbound" : "call.place");

/** The audit detail every start writes (lib/domains/audit-log/sentences.ts reads it: who started the call, from, to). */
const auditDetail = (s: SessionStart) => ({ initiator: s.initiator, from: s.from, to: s.to });

/**
 * A call that ends before its scenarios run (a blacklisted caller, no rule, a balance that cannot
 * pay a first minute): written final at once, with a log line saying why (and, for an inbound
 * call, its leg: never answered, free), so the history says so.
 */
export async function insertRefusedSession(s: SessionStart, status: "rejected" | "failed" | "payment_required", reason: string, now: Date): Promise<SessionSummary> {
  return db.$transaction(async (tx) => {
    const row = await tx.callSession.create({
      data: { ...sessionRow(s), status, finishReason: reason, startedAt: now, plannedEndAt: now, endedAt: now },
      select: SUMMARY,
    });
    // An inbound call arrived and was refused: its leg says so. An outbound session refused at
    // the start placed no call.
    if (s.direction === "inbound") {
      await tx.callLeg.create({
        data: {
          sessionId: row.id,
          accountId: s.accountId,
          localNumber: s.to,
          remoteNumber: s.from,
          remoteNumberType: s.sipRegistration ? "sip" : isPhoneNumber(s.from) ? "pstn" : "user",
          incoming: true,
          successful: false,
          startedAt: now,
          durationSeconds: 0,
          pricePerMinuteMinor: 0,
          costMinor: 0,
          endReason: status,
        },
      });
    }
    await tx.callLogLine.create({ data: { sessionId: row.id, at: now, source: "system", line: reason } });
    await audit(tx, s.by, { action: auditAction(s), targetType: "call_session", targetId: row.id, detail: { ...auditDetail(s), status, reason }, at: now });
    return asSummary(row);
  });
}

/** A session that runs until `plannedEndAt` (the scheduler finalises it then). */
export async function insertRunningSession(s: SessionStart, stored: StoredRun, now: Date, plannedEndAt: Date): Promise<SessionSummary> {
  return db.$transaction(async (tx) => {
    const row = await tx.callSession.create({
      data: { ...sessionRow(s), status: "running", startedAt: now, plannedEndAt, run: JSON.stringify(stored) },
      select: SUMMARY,
    });
    await audit(tx, s.by, { action: auditAction(s), targetType: "call_session", targetId: row.id, detail: { ...auditDetail(s), rule: s.ruleName, scenarios: stored.scenarios }, at: now });
    return asSummary(row);
  });
}

function finalStatus(stored: StoredRun, legs: LegResult[], cut: StoredRun["cut"], by: string | null): { status: CallStatus; reason: string } {
  if (cut?.cause === "terminated") return { status: "terminated", reason: `Terminated${by ? ` by ${by}` : ""} at ${mmss(cut.at)}` };
  if (cut?.cause === "funds") return { status: "payment_required", reason: `Payment required: the balance ran out at ${mmss(cut.at)}` };
  const run = stored.run;
  if (run.outcome !== "completed") {
    return { status: "error", reason: `Error: the scenario ${scenarioStopped(run.outcome, run.error)}` };
  }
  // The session's call: the incoming one; for an outbound session, the first call its scenario
  // placed that connected, or, when none did, the last one (a fallback after a failed call is the
  // session's call, as the scenario's hangup cause says: lib/domains/scenarios/prelude.ts).
  const placed = legs.filter((l) => !l.incoming);
  const caller = legs.find((l) => l.incoming) ?? placed.find((l) => l.successful) ?? placed.at(-1);
  // It never connected: busy (SIP 486), an invalid number (404, the network refused it: "failed",
  // as the Support page counts it) and a refused caller ID (403, "failed") have statuses of their
  // own, so the history's filter and a call list's results tell them from a call nobody answered.
  // Sessions stored before busy existed keep no_answer, their reason saying "Busy: …".
  if (caller && !caller.successful) {
    if (caller.incoming) return { status: "no_answer", reason: "Not answered: the scenario never answered the call" };
    const n = caller.remoteNumber;
    if (caller.endReason === "busy") return { status: "busy", reason: `Busy: ${n}` };
    if (caller.endReason === "invalid") return { status: "failed", reason: `Invalid number: ${n}` };
    if (caller.endReason === "forbidden") {
      // Placed legs follow the run's forward events in order.
      const event = run.events.filter((e) => e.type === "forward")[placed.indexOf(caller)];
      return { status: "failed", reason: `Call to ${n} ${callerIdRefused(event?.type === "forward" ? event.callerId : undefined)}` };
    }
    return { status: "no_answer", reason: `No answer from ${n}` };
  }
  const hangup = run.events.findLast((e) => e.type === "hangup");
  return { status: "completed", reason: hangup?.type === "hangup" ? hangupSentence(hangup.by, hangup.reason) : "Completed" };
}

const legMemo = (sessionId: number, l: LegResult) =>
  `Call ${l.incoming ? "from" : "to"} ${l.remoteNumber} (session ${sessionId}): ${Math.ceil(l.durationSeconds / 60)} min at ${formatMoney(l.pricePerMinuteMinor)}/min`;

export type FinaliseOptions = {
  now: Date;
  /** terminateSession: cut at `now` (status terminated), by this principal. */
  terminate?: { by: Actor };
  speech?: SpeechOptions;
};

/**
 * Finalises one running session: its legs, charges, log, recordings and final status, exactly once
 * (see the header). Returns false, having written nothing, when it is no longer running.
 */
export async function finaliseSession(sessionId: number, opts: FinaliseOptions): Promise<boolean> {
  const s = await db.callSession.findUnique({
    where: { id: sessionId },
    select: { id: true, accountId: true, applicationId: true, initiator: true, status: true, startedAt: true, run: true },
  });
  if (!s || s.status !== "running") return false;
  const stored = JSON.parse(s.run) as StoredRun;
  const duration = Math.max(0, stored.run.durationSeconds);
  let cut = stored.cut;
  if (opts.terminate) {
    const elapsed = Math.max(0, Math.min(duration, (opts.now.getTime() - s.startedAt.getTime()) / 1000));
    if (!cut || elapsed < cut.at) cut = { at: elapsed, cause: "terminated" };
  }
  const plan = planLegs(stored.setup, stored.run);
  // The audio is made before the transaction (a speech synthesizer takes a moment), and again
  // inside it only when the balance forces an earlier cut.
  const audioFor = (until: number) => planRecordings(stored.run, until).map((r) => ({ plan: r, audio: recordingAudio(r.durationSeconds, r.spokenText, opts.speech) }));
  let end = cut?.at ?? duration;
  let recordings = audioFor(end);

  return db.$transaction(async (tx) => {
    const still = await tx.callSession.updateMany({ where: { id: s.id, status: "running" }, data: { claimedUntil: null } });
    if (still.count !== 1) return false;
    const payer = stored.payer;
    if (payer.kind === "account") await lockLedger(tx, s.accountId);
    const available = await availableMinor(tx, s.accountId, payer);
    if (costAt(plan, end) > available) {
      end = affordableSeconds(plan, end, available);
      cut = { at: end, cause: "funds" };
      recordings = audioFor(end);
    }
    const legs = settleLegs(plan, end, cut?.cause);
    const cost = legs.reduce((sum, l) => sum + l.costMinor, 0);
    if (payer.kind === "user" && cost > 0) {
      const paid = await tx.appUser.updateMany({ where: { id: payer.appUserId, accountId: s.accountId, balanceMinor: { gte: cost } }, data: { balanceMinor: { decrement: cost } } });
      if (paid.count !== 1) throw new Error(`Call session ${s.id}: the user's balance changed while it was charged`);
    }
    for (const l of legs) {
      let ledgerEntryId: number | null = null;
      if (payer.kind === "account" && l.costMinor > 0) {
        const entry = await postLedgerEntry(
          tx,
          { accountId: s.accountId, amountMinor: -l.costMinor, kind: "call", memo: legMemo(s.id, l), reference: { type: "call_session", id: s.id }, idempotencyKey: `call:${s.id}:${l.index}` },
          () => opts.now,
        );
        ledgerEntryId = entry.id;
      }
      await tx.callLeg.create({
        data: {
          sessionId: s.id,
          accountId: s.accountId,
          localNumber: l.localNumber,
          remoteNumber: l.remoteNumber,
          remoteNumberType: l.remoteNumberType,
          incoming: l.incoming,
          successful: l.successful,
          startedAt: at(s.startedAt, l.startAt),
          durationSeconds: l.durationSeconds,
          pricePerMinuteMinor: l.pricePerMinuteMinor,
          costMinor: l.costMinor,
          endReason: l.endReason,
          chargedAppUserId: payer.kind === "user" && l.costMinor > 0 ? payer.appUserId : null,
          ledgerEntryId,
        },
      });
    }
    const { status, reason } = finalStatus(stored, legs, cut, opts.terminate?.by.name ?? null);
    const log = planLog({ ...stored.setup, initiator: s.initiator as CallInitiator }, stored.run, stored.scenarios, end, reason);
    await tx.callLogLine.createMany({ data: log.map((l) => ({ sessionId: s.id, at: at(s.startedAt, l.at), source: l.source, line: l.line.slice(0, 2000) })) });
    for (const r of recordings) {
      await tx.recording.create({
        data: {
          accountId: s.accountId,
          sessionId: s.id,
          applicationId: s.applicationId,
          name: r.plan.name.slice(0, 200),
          startedAt: at(s.startedAt, r.plan.from),
          durationSeconds: r.plan.durationSeconds,
          sizeBytes: r.audio.wav.length,
          mimeType: "audio/wav",
          source: r.audio.source,
          audio: r.audio.wav,
        },
      });
    }
    const report = callListReport(stored.run, end);
    await tx.callSession.update({
      where: { id: s.id },
      data: {
        status,
        finishReason: reason,
        endedAt: at(s.startedAt, end),
        plannedEndAt: at(s.startedAt, end),
        durationSeconds: wholeSeconds(end),
        costMinor: cost,
        claimedBy: null,
        claimedUntil: null,
        ...(report ? { reportKind: report.kind, reportData: report.data } : {}),
        ...(cut !== stored.cut ? { run: JSON.stringify({ ...stored, cut }) } : {}),
      },
    });
    if (opts.terminate) {
      await audit(tx, opts.terminate.by, { action: "call.terminate", targetType: "call_session", targetId: s.id, detail: { atSeconds: wholeSeconds(end), costMinor: cost }, at: opts.now });
    }
    return true;
  });
}

/** Running sessions whose planned end is at or before `now` and that nobody holds an unexpired claim on, oldest end first. */
export async function dueSessionIds(now: Date, limit: number, accountId?: number): Promise<number[]> {
  const rows = await db.callSession.findMany({
    where: { status: "running", plannedEndAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }], ...(accountId !== undefined ? { accountId } : {}) },
    select: { id: true },
    orderBy: { plannedEndAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}

/**
 * Claims a due session for `owner` until `until` with one atomic conditional update: true only
 * when it is still running and nobody else holds an unexpired claim on it.
 */
export async function claimSession(id: number, owner: string, now: Date, until: Date): Promise<boolean> {
  const r = await db.callSession.updateMany({
    where: { id, status: "running", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedBy: owner, claimedUntil: until },
  });
  return r.count === 1;
}

/** A session of the actor's account (any status), or null: another account's id reads as missing. */
export async function findAccountSession(actor: Actor, id: number): Promise<{ id: number; status: CallStatus } | null> {
  const s = await db.callSession.findFirst({ where: { id, accountId: actor.accountId }, select: { id: true, status: true } });
  return s ? { id: s.id, status: s.status as CallStatus } : null;
}

/** Who pays for a new session of this user (null: none) and what it may spend now. */
export async function fundsFor(accountId: number, appUserId: number | null): Promise<{ payer: Payer; available: number }> {
  const payer = await payerOf(db, accountId, appUserId);
  return { payer, available: await availableMinor(db, accountId, payer) };
}

/**
 * GetBriefCallHistory: stores a report of the sessions matching `spec.filter` as they are now
 * (frozen at the account's newest session id, counted once), to be listed by GetHistoryReports
 * and streamed as CSV by DownloadHistoryReport. Needs the call history (authorizeHistory; the
 * contract's rule); a filter naming an application is resolved in the account by the caller.
 */
export async function createHistoryReport(actor: Actor, spec: ReportSpec, now: Date): Promise<HistoryReportDto> {
  authorizeHistory(actor, spec.filter.applicationId, "GetBriefCallHistory");
  const maxSessionId = await newestSessionId(actor);
  const frozen: ReportSpec = { ...spec, filter: { ...spec.filter, maxSessionId } };
  const rows = await countCallSessions(actor, frozen.filter);
  const r = await db.historyReport.create({
    data: { accountId: actor.accountId, applicationId: spec.filter.applicationId ?? null, historyType: "calls", filter: JSON.stringify(frozen), maxSessionId, rows, createdAt: now },
    select: { id: true, historyType: true, filter: true, rows: true, createdAt: true },
  });
  return toReportDto(r);
}
