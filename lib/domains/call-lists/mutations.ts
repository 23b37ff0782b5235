import "server-only";
// Call lists (docs/PRODUCT.md section 7, issue 10 item 7): create one from a CSV
// (application.call_lists.create), append rows (application.call_lists.append), pause, resume,
// cancel, edit and delete (application.call_lists), and run them: advanceCallLists, the
// scheduler's step, starts a call for each due row through the call simulator (initiator
// call_list: the list's rule, the row's destination, the row's fields as custom data) and records
// each row's outcome once its session has ended.
//
// How a list runs (times UTC, on the injected clock):
// - queued until startAt, then in_progress; completed once no row is pending or being called.
// - a row is pending until its nextAttemptAt, then claimed (pending -> in_progress, attempts + 1)
//   in a transaction that first writes the list's row: PostgreSQL makes a second scheduler wait
//   for that row lock and SQLite runs one writer at a time, so counting the rows in progress and
//   claiming up to maxSimultaneous of them is never interleaved, and a row is never claimed twice
//   (the claim is also conditional on the row still being pending).
// - once the row's session has ended (the simulator's advanceCalls finalises it), the scenario's
//   CallList report decides (Voximplant's CallList.reportResult / reportError): a result succeeds
//   the row, an error retries it; the report is kept on the row (its result_data). Without a
//   report (ours, where Voximplant counts every unreported attempt a success), "completed"
//   succeeds the row and any other end (no answer, busy, failed, scenario error) retries it.
//   A retry comes intervalSeconds after the end while attempts remain (the list's numAttempts,
//   or the row's own attemptsAllowed once "Call again" changed it), else the row fails;
//   "payment_required" without a reported result fails it at once (ours: retrying cannot help
//   until the balance is topped up, and the reason says so). The session's cost is added to the
//   row and the list. Recording an outcome is a conditional update (the row still in progress
//   with that session), so it happens once.
// - a claimed row whose call never got a session (its scheduler died in between) goes back to
//   pending after STALE_CLAIM_SECONDS.
// - pause stops new calls (calls under way finish and are recorded); resume picks up where it
//   stopped; cancel cancels every pending row (calls under way finish and are recorded).
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError, isAppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { startCall, type SimulatorDeps } from "@/lib/domains/calls/simulator";
import { hasCalledAnyone } from "./client-safe";
import { authorizeCallLists, callListNotFound, findOwnCallList, findOwnCallListRow, type CallListDto, type CallListRowDto } from "./queries";
import {
  MAX_LIST_ROWS,
  parseCallListCsv,
  ZAppendCallListInput,
  ZCallListRef,
  ZCancelCallListRowsInput,
  ZCreateCallListInput,
  ZEditCallListRowInput,
  ZCallRowsAgainInput,
  type CallRowsAgainInput,
  type CancelCallListRowsInput,
  type EditCallListRowInput,
  ZEditCallListInput,
  type AppendCallListInput,
  type CallListRef,
  type CreateCallListInput,
  type EditCallListInput,
  type ParsedRow,
} from "./schemas";

/** Ours: a claim whose call got no session within this long is given back. */
export const STALE_CLAIM_SECONDS = 120;
/** Ours: a running list is looked at again at least this often while its calls are under way. */
export const RECHECK_SECONDS = 5;
/** What the simulated far end does on a call list's call: answers after 2 s, presses nothing, waits for the scenario. */
export const CALL_LIST_PARTY = { answerAfterSeconds: 2, dtmf: "", hangupAfterSeconds: null } as const;

const TX = { timeout: 120_000, maxWait: 30_000 };
const INSERT_BATCH = 500;

async function insertRows(tx: Tx, accountId: number, listId: number, firstPosition: number, rows: readonly ParsedRow[], nextAttemptAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await tx.callListRow.createMany({
      data: rows.slice(i, i + INSERT_BATCH).map((r, j) => ({
        listId,
        accountId,
        position: firstPosition + i + j,
        line: r.line,
        destination: r.destination,
        data: r.data,
        nextAttemptAt,
        updatedAt: nextAttemptAt,
      })),
    });
  }
}

async function findOwnRule(tx: Tx | typeof db, actor: Actor, applicationId: number, ruleId: number): Promise<{ id: number; name: string }> {
  const rule = await tx.rule.findFirst({ where: { id: ruleId, applicationId, accountId: actor.accountId }, select: { id: true, name: true } });
  if (!rule) throw new AppError("NOT_FOUND", { message: "Choose one of the application's rules", field: "ruleId", reason: "call_not_routed" });
  return rule;
}

/**
 * "Create call list" / CreateCallList: the list and every row of the file, or nothing when the
 * file has any bad line (INVALID_INPUT, field "file", every bad line by number). Queued until
 * startAt (default now). NOT_FOUND for another account's application or a rule not of it.
 */
export async function createCallList(actor: Actor, input: CreateCallListInput, opts: { clock?: Clock } = {}): Promise<CallListDto> {
  authorizeCallLists(actor, "application.call_lists.create", "CreateCallList");
  const data = parseInput(ZCreateCallListInput, input);
  const now = (opts.clock ?? systemClock)();
  const app = await findOwnApplication(db, actor, data.applicationId);
  const rule = await findOwnRule(db, actor, app.id, data.ruleId);
  const csv = parseCallListCsv(data.file, { delimiter: data.delimiter });
  const startAt = data.startAt ?? now;
  const id = await db.$transaction(async (tx) => {
    const list = await tx.callList.create({
      data: {
        accountId: actor.accountId,
        applicationId: app.id,
        ruleId: rule.id,
        ruleName: rule.name,
        name: data.name,
        priority: data.priority,
        maxSimultaneous: data.maxSimultaneous,
        numAttempts: data.numAttempts,
        intervalSeconds: data.intervalSeconds,
        startAt,
        status: "queued",
        header: JSON.stringify(csv.header),
        destinationColumn: csv.destinationColumn,
        total: csv.rows.length,
        createdByName: actor.name,
        createdAt: now,
        nextRunAt: startAt,
      },
      select: { id: true },
    });
    await insertRows(tx, actor.accountId, list.id, 1, csv.rows, startAt);
    await audit(tx, actor, {
      action: "call_list.create",
      targetType: "call_list",
      targetId: list.id,
      detail: { name: data.name, applicationId: app.id, ruleId: rule.id, rows: csv.rows.length, encoding: csv.encoding },
    });
    return list.id;
  }, TX);
  return findOwnCallList(db, actor, id);
}

/** When a row asked for at `asked` is called: never before the list's start (a list not started yet calls nobody before it). */
const notBeforeStart = (list: { startAt: Date }, asked: Date): Date => (list.startAt > asked ? list.startAt : asked);

/** A completed list given rows to call runs again: queued while its start is still ahead of `now`, else in progress. */
const reopened = (list: { startAt: Date }, now: Date) => ({ status: list.startAt > now ? "queued" : "in_progress", completedAt: null });

/**
 * "Append rows" / AppendToCallList: the file's rows after the list's last one (same rules, and
 * the list's header). A completed list runs again; a cancelled one refuses (CONFLICT). Returns
 * how many rows were added.
 */
export async function appendToCallList(actor: Actor, input: AppendCallListInput, opts: { clock?: Clock } = {}): Promise<{ list: CallListDto; added: number }> {
  authorizeCallLists(actor, "application.call_lists.append", "AppendToCallList");
  const data = parseInput(ZAppendCallListInput, input);
  const now = (opts.clock ?? systemClock)();
  const before = await findOwnCallList(db, actor, data.listId);
  if (before.status === "cancelled") throw new AppError("CONFLICT", { message: "The list was cancelled: create a new one", field: "listId" });
  const csv = parseCallListCsv(data.file, { delimiter: data.delimiter, expectHeader: before.header });
  if (before.total + csv.rows.length > MAX_LIST_ROWS) {
    throw new AppError("INVALID_INPUT", { message: `A list may have at most ${MAX_LIST_ROWS.toLocaleString("en-US")} rows`, field: "file", reason: "call_list_file_invalid" });
  }
  await db.$transaction(async (tx) => {
    // The list's row first: it orders concurrent appends, so positions never collide.
    const list = await tx.callList.update({ where: { id: before.id }, data: { total: { increment: csv.rows.length } }, select: { total: true, status: true, startAt: true } });
    if (list.status === "cancelled") throw new AppError("CONFLICT", { message: "The list was cancelled: create a new one", field: "listId" });
    const at = notBeforeStart(list, now);
    await insertRows(tx, actor.accountId, before.id, list.total - csv.rows.length + 1, csv.rows, at);
    const reopen = list.status === "completed" ? reopened(list, now) : {};
    await tx.callList.update({ where: { id: before.id }, data: { ...reopen, ...(list.status === "paused" ? {} : { nextRunAt: at }) } });
    await audit(tx, actor, { action: "call_list.append", targetType: "call_list", targetId: before.id, detail: { rows: csv.rows.length, encoding: csv.encoding } });
  }, TX);
  return { list: await findOwnCallList(db, actor, before.id), added: csv.rows.length };
}

const notNow = (message: string) => new AppError("CONFLICT", { message, field: "listId" });

/** "Pause" / StopCallListProcessing: no new calls; calls under way finish. CONFLICT unless queued or in progress. */
export async function pauseCallList(actor: Actor, input: CallListRef): Promise<CallListDto> {
  authorizeCallLists(actor, "application.call_lists", "StopCallListProcessing");
  const { listId } = parseInput(ZCallListRef, input);
  const list = await findOwnCallList(db, actor, listId);
  await db.$transaction(async (tx) => {
    const n = await tx.callList.updateMany({ where: { id: list.id, status: { in: ["queued", "in_progress"] } }, data: { status: "paused", nextRunAt: null } });
    if (n.count === 0) throw notNow(`The list is ${list.status.replace("_", " ")}: only a queued or running list can be paused`);
    await audit(tx, actor, { action: "call_list.pause", targetType: "call_list", targetId: list.id, detail: { name: list.name } });
  });
  return findOwnCallList(db, actor, list.id);
}

/** "Resume" / RecoverCallList: a paused list runs again from where it stopped. Returns the rows left to call. */
export async function resumeCallList(actor: Actor, input: CallListRef, opts: { clock?: Clock } = {}): Promise<{ list: CallListDto; pending: number }> {
  authorizeCallLists(actor, "application.call_lists", "RecoverCallList");
  const { listId } = parseInput(ZCallListRef, input);
  const now = (opts.clock ?? systemClock)();
  const list = await findOwnCallList(db, actor, listId);
  await db.$transaction(async (tx) => {
    const started = hasCalledAnyone(list) || list.startAt <= now;
    const n = await tx.callList.updateMany({ where: { id: list.id, status: "paused" }, data: { status: started ? "in_progress" : "queued", nextRunAt: list.startAt > now ? list.startAt : now } });
    if (n.count === 0) throw notNow(`The list is ${list.status.replace("_", " ")}: only a paused list can be resumed`);
    await audit(tx, actor, { action: "call_list.resume", targetType: "call_list", targetId: list.id, detail: { name: list.name } });
  });
  const after = await findOwnCallList(db, actor, list.id);
  return { list: after, pending: after.pending };
}

/** "Cancel": every pending row is cancelled and the list ends (calls under way finish and are recorded). CONFLICT once completed or cancelled. */
export async function cancelCallList(actor: Actor, input: CallListRef, opts: { clock?: Clock } = {}): Promise<CallListDto> {
  authorizeCallLists(actor, "application.call_lists", "StopCallListProcessing");
  const { listId } = parseInput(ZCallListRef, input);
  const now = (opts.clock ?? systemClock)();
  const list = await findOwnCallList(db, actor, listId);
  await db.$transaction(async (tx) => {
    const n = await tx.callList.updateMany({ where: { id: list.id, status: { in: ["queued", "in_progress", "paused"] } }, data: { status: "cancelled", nextRunAt: null, completedAt: now } });
    if (n.count === 0) throw notNow(`The list is already ${list.status.replace("_", " ")}`);
    const rows = await tx.callListRow.updateMany({ where: { listId: list.id, status: "pending" }, data: { status: "cancelled", reason: `Cancelled by ${actor.name}` } });
    await tx.callList.update({ where: { id: list.id }, data: { cancelled: { increment: rows.count } } });
    await audit(tx, actor, { action: "call_list.cancel", targetType: "call_list", targetId: list.id, detail: { name: list.name, cancelledRows: rows.count } });
  });
  return findOwnCallList(db, actor, list.id);
}

/** Why a row asked to be cancelled was not (cancelCallListRows). */
export type RowNotCancelled = { id: number; why: string };

/**
 * "Cancel row" / CancelCallListTask: the rows `rowIds` of the list that are still waiting to be
 * called (pending: before their first attempt or between two) are cancelled and will never be
 * called; a row being called, finished, or not of this list is left alone and named in
 * `notCancelled` with why. The list completes once nothing is left to call (a paused list waits
 * for Resume, as it does for every end). Returns the cancelled rows' ids, in the order asked.
 */
export async function cancelCallListRows(actor: Actor, input: CancelCallListRowsInput, opts: { clock?: Clock } = {}): Promise<{ cancelled: number[]; notCancelled: RowNotCancelled[] }> {
  authorizeCallLists(actor, "application.call_lists", "CancelCallListTask");
  const { listId, rowIds } = parseInput(ZCancelCallListRowsInput, input);
  const now = (opts.clock ?? systemClock)();
  const list = await findOwnCallList(db, actor, listId);
  const ids = [...new Set(rowIds)];
  return db.$transaction(async (tx) => {
    const rows = await tx.callListRow.findMany({ where: { listId: list.id, id: { in: ids } }, select: { id: true, status: true } });
    const statusOf = new Map(rows.map((r) => [r.id, r.status]));
    const pending = ids.filter((id) => statusOf.get(id) === "pending");
    const n = await tx.callListRow.updateMany({ where: { listId: list.id, id: { in: pending }, status: "pending" }, data: { status: "cancelled", reason: `Cancelled by ${actor.name}` } });
    // A row claimed between the read and the update is not cancelled: read back which were.
    const done = n.count === pending.length ? pending : (await tx.callListRow.findMany({ where: { id: { in: pending }, status: "cancelled" }, select: { id: true } })).map((r) => r.id);
    const cancelled = new Set(done);
    if (done.length > 0) {
      await tx.callList.update({ where: { id: list.id }, data: { cancelled: { increment: done.length } } });
      await settleList(tx, list.id, now);
      await audit(tx, actor, { action: "call_list.cancel_rows", targetType: "call_list", targetId: list.id, detail: { name: list.name, rows: done.length, ids: done.slice(0, 20) } });
    }
    const notCancelled = ids.filter((id) => !cancelled.has(id)).map((id) => ({ id, why: rowNotCancellable(statusOf.get(id)) }));
    return { cancelled: ids.filter((id) => cancelled.has(id)), notCancelled };
  });
}

/** The attempts a row may have in all: its own number once changed, else the list's. */
const attemptsAllowed = (row: { attemptsAllowed: number | null }, list: { numAttempts: number }) => row.attemptsAllowed ?? list.numAttempts;

/**
 * "Call again" / EditCallListTask: gives a row `attemptsLeft` attempts from now (absent: the ones
 * it has, at least 1) and its next call at `startAt` (absent: as it was, or now for a row whose
 * calls were over; never before the list's start, before which it calls nobody). A row whose
 * calls were over (succeeded, failed, cancelled) waits again, and a completed list runs again
 * (queued while its start is ahead); 0 attempts left fails a waiting row at once, and is refused
 * for one whose calls are over (INVALID_INPUT, under `attemptsLeft`). A row being called is refused
 * (CONFLICT, under `rowId`), as is a row of a cancelled list (under `listId`). Seed: Voximplant's
 * "Editing call lists" guide (start_at, attempts_left).
 */
export async function editCallListRow(actor: Actor, input: EditCallListRowInput, opts: { clock?: Clock } = {}): Promise<CallListRowDto> {
  authorizeCallLists(actor, "application.call_lists", "EditCallListTask");
  const data = parseInput(ZEditCallListRowInput, input);
  const now = (opts.clock ?? systemClock)();
  const list = await findOwnCallList(db, actor, data.listId);
  const rowRefused = (message: string) => new AppError("CONFLICT", { message, field: "rowId" });
  await db.$transaction(async (tx) => {
    const row = await tx.callListRow.findFirst({ where: { id: data.rowId, listId: list.id }, select: { id: true, position: true, status: true, attempts: true, attemptsAllowed: true, nextAttemptAt: true } });
    if (!row) throw new AppError("NOT_FOUND", { message: "The list has no such row", field: "rowId", reason: "call_list_not_found" });
    if (list.status === "cancelled") throw new AppError("CONFLICT", { message: "The list is cancelled: its rows are never called", field: "listId" });
    if (row.status === "in_progress") throw rowRefused("The row is being called: change it once its call ends");
    const waiting = row.status === "pending";
    const left = data.attemptsLeft ?? Math.max(1, attemptsAllowed(row, list) - row.attempts);
    if (left === 0 && !waiting) throw new AppError("INVALID_INPUT", { message: "Give the row at least 1 attempt to call it again", field: "attemptsLeft" });
    const counter = { succeeded: "succeeded", failed: "failed", cancelled: "cancelled" } as const;
    const was = waiting ? null : counter[row.status as keyof typeof counter];
    if (left === 0) {
      const n = await tx.callListRow.updateMany({ where: { id: row.id, status: "pending" }, data: { attemptsAllowed: row.attempts, status: "failed", reason: `No attempts left (set by ${actor.name})` } });
      if (n.count === 0) throw rowRefused("The row is being called: change it once its call ends");
      await tx.callList.update({ where: { id: list.id }, data: { failed: { increment: 1 } } });
    } else {
      const at = notBeforeStart(list, data.startAt ?? (waiting ? row.nextAttemptAt : now));
      // A row whose calls were over no longer reads as they ended; its result and report stay until the next call.
      const requeued = waiting ? {} : { reason: `To be called again (set by ${actor.name})` };
      const n = await tx.callListRow.updateMany({ where: { id: row.id, status: row.status }, data: { status: "pending", attemptsAllowed: row.attempts + left, nextAttemptAt: at, ...requeued } });
      if (n.count === 0) throw rowRefused("The row is being called: change it once its call ends");
      if (was) await tx.callList.update({ where: { id: list.id }, data: { [was]: { decrement: 1 } } });
      // A completed list runs again (as an append makes it); a queued, running or paused one keeps its state.
      await tx.callList.updateMany({ where: { id: list.id, status: "completed" }, data: reopened(list, now) });
    }
    // When the scheduler looks at the list next, or its end once nothing is left to call.
    await settleList(tx, list.id, now);
    await audit(tx, actor, { action: "call_list.edit_row", targetType: "call_list", targetId: list.id, detail: { name: list.name, row: row.position, attemptsLeft: left, ...(data.startAt ? { startAt: data.startAt.toISOString() } : {}) } });
  });
  return findOwnCallListRow(list.id, data.rowId);
}

/**
 * The panel's "Call all failed rows again" (a bulk "Call again"): every row of the list whose calls
 * ended `status` (failed or cancelled) waits again with `attemptsLeft` attempts from now, its next
 * call at `startAt` (absent: now; never before the list's start), and a completed list runs again
 * (queued while its start is ahead). Rows move in one update per number of calls made (the
 * attempts allowed are the row's calls plus `attemptsLeft`); a row another person moved meanwhile
 * is left as it is. Refused under `listId` for a cancelled list, under `status` when no row has
 * it. Returns how many rows wait again. Ours: the API's EditCallListTask changes one row.
 */
export async function callRowsAgain(actor: Actor, input: CallRowsAgainInput, opts: { clock?: Clock } = {}): Promise<{ rows: number }> {
  authorizeCallLists(actor, "application.call_lists", "EditCallListTask");
  const data = parseInput(ZCallRowsAgainInput, input);
  const now = (opts.clock ?? systemClock)();
  const list = await findOwnCallList(db, actor, data.listId);
  if (list.status === "cancelled") throw new AppError("CONFLICT", { message: "The list is cancelled: its rows are never called", field: "listId" });
  const at = notBeforeStart(list, data.startAt ?? now);
  return db.$transaction(async (tx) => {
    const where = { listId: list.id, status: data.status };
    const byCalls = await tx.callListRow.groupBy({ by: ["attempts"], where, orderBy: { attempts: "asc" } });
    let rows = 0;
    for (const { attempts } of byCalls) {
      const n = await tx.callListRow.updateMany({
        where: { ...where, attempts },
        data: { status: "pending", attemptsAllowed: attempts + data.attemptsLeft, nextAttemptAt: at, reason: `To be called again (set by ${actor.name})` },
      });
      rows += n.count;
    }
    if (rows === 0) throw new AppError("INVALID_INPUT", { message: `The list has no ${data.status} rows`, field: "status" });
    await tx.callList.update({ where: { id: list.id }, data: { [data.status]: { decrement: rows } } });
    await tx.callList.updateMany({ where: { id: list.id, status: "completed" }, data: reopened(list, now) });
    await settleList(tx, list.id, now);
    await audit(tx, actor, {
      action: "call_list.call_rows_again",
      targetType: "call_list",
      targetId: list.id,
      detail: { name: list.name, status: data.status, rows, attemptsLeft: data.attemptsLeft, ...(data.startAt ? { startAt: data.startAt.toISOString() } : {}) },
    });
    return { rows };
  });
}

function rowNotCancellable(status: string | undefined): string {
  switch (status) {
    case undefined:
      return "The list has no such row";
    case "in_progress":
      return "The row is being called";
    case "pending":
      return "The row was being claimed for a call";
    case "cancelled":
      return "The row is cancelled already";
    default:
      return `The row's calls are over (${status})`;
  }
}

/** "Delete" / DeleteCallList: the list and its rows (the call history keeps its sessions). */
export async function deleteCallList(actor: Actor, input: CallListRef): Promise<void> {
  authorizeCallLists(actor, "application.call_lists", "DeleteCallList");
  const { listId } = parseInput(ZCallListRef, input);
  const list = await findOwnCallList(db, actor, listId);
  await db.$transaction(async (tx) => {
    const n = await tx.callList.deleteMany({ where: { id: list.id, accountId: actor.accountId } });
    if (n.count === 0) throw callListNotFound();
    await audit(tx, actor, { action: "call_list.delete", targetType: "call_list", targetId: list.id, detail: { name: list.name, rows: list.total } });
  });
}

/** "Edit" / EditCallList: name, max simultaneous calls, attempts, interval, start time, priority. A new start of a queued list moves its first calls. */
export async function editCallList(actor: Actor, input: EditCallListInput): Promise<CallListDto> {
  authorizeCallLists(actor, "application.call_lists", "EditCallList");
  const { listId, ...changes } = parseInput(ZEditCallListInput, input);
  const list = await findOwnCallList(db, actor, listId);
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  await db.$transaction(async (tx) => {
    await tx.callList.update({ where: { id: list.id }, data: { ...set, ...(changes.startAt && list.status === "queued" ? { nextRunAt: changes.startAt } : {}) } });
    if (changes.startAt && list.status === "queued") {
      await tx.callListRow.updateMany({ where: { listId: list.id, status: "pending", attempts: 0 }, data: { nextAttemptAt: changes.startAt } });
    }
    await audit(tx, actor, { action: "call_list.edit", targetType: "call_list", targetId: list.id, detail: { ...set, startAt: changes.startAt?.toISOString() } });
  });
  return findOwnCallList(db, actor, list.id);
}

// ---- Processing (the scheduler's step) ----

type ActiveList = { id: number; accountId: number; applicationId: number; ruleId: number; name: string; maxSimultaneous: number; numAttempts: number; intervalSeconds: number; status: string };

const systemPrincipal = (l: { id: number; accountId: number; name: string }): AuditPrincipal => ({
  accountId: l.accountId,
  actorType: "system",
  actorId: `call_list:${l.id}`,
  actorName: `Call list ${l.name}`.slice(0, 120),
  ip: "",
});

/** Completes a running list with nothing left, else sets when to look at it next. */
async function settleList(tx: Tx, listId: number, now: Date): Promise<void> {
  const list = await tx.callList.findUnique({ where: { id: listId }, select: { status: true } });
  if (!list || (list.status !== "queued" && list.status !== "in_progress")) return;
  const [inProgress, next] = await Promise.all([
    tx.callListRow.count({ where: { listId, status: "in_progress" } }),
    tx.callListRow.findFirst({ where: { listId, status: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
  ]);
  if (inProgress === 0 && !next) {
    await tx.callList.update({ where: { id: listId }, data: { status: "completed", completedAt: now, nextRunAt: null } });
    return;
  }
  const recheck = new Date(now.getTime() + RECHECK_SECONDS * 1000);
  const at = inProgress > 0 ? (next && next.nextAttemptAt < recheck ? next.nextAttemptAt : recheck) : next!.nextAttemptAt;
  await tx.callList.update({ where: { id: listId }, data: { nextRunAt: at } });
}

/**
 * Records the outcome of every row whose session has ended, exactly once each (rows read
 * `batch` at a time), and gives back claims that never got a session. Returns how many rows it
 * settled.
 */
async function recordEndedCalls(now: Date, batch: number): Promise<number> {
  const stale = new Date(now.getTime() - STALE_CLAIM_SECONDS * 1000);
  await db.callListRow.updateMany({ where: { status: "in_progress", lastSessionId: null, updatedAt: { lt: stale } }, data: { status: "pending", attempts: { decrement: 1 }, updatedAt: now } });
  let settled = 0;
  // Every row being called, in batches by id, so calls still under way never hide ended ones.
  for (let after = 0; ; ) {
    const rows = await db.callListRow.findMany({
      where: { status: "in_progress", lastSessionId: { not: null }, id: { gt: after } },
      select: { id: true, listId: true, attempts: true, attemptsAllowed: true, lastSessionId: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    if (rows.length === 0) return settled;
    after = rows[rows.length - 1]!.id;
    settled += await recordBatch(rows, now);
    if (rows.length < batch) return settled;
  }
}

/** A row's reason when its scenario reported the attempt failed (CallList.reportError) or done (reportResult); the row's report says what it said. */
const REPORTED_ERROR = "The scenario reported an error";
const REPORTED_RESULT = "The scenario reported a result";

/** The outcomes of those of `rows` whose session has ended. */
async function recordBatch(rows: { id: number; listId: number; attempts: number; attemptsAllowed: number | null; lastSessionId: number | null }[], now: Date): Promise<number> {
  const sessions = await db.callSession.findMany({
    where: { id: { in: rows.map((r) => r.lastSessionId!) }, status: { not: "running" } },
    select: { id: true, status: true, finishReason: true, reportKind: true, reportData: true, costMinor: true, endedAt: true, startedAt: true },
  });
  const byId = new Map(sessions.map((s) => [s.id, s]));
  let settled = 0;
  for (const row of rows) {
    const s = byId.get(row.lastSessionId!);
    if (!s) continue;
    await db.$transaction(async (tx) => {
      const list = await tx.callList.findUnique({ where: { id: row.listId }, select: { numAttempts: true, intervalSeconds: true, status: true } });
      if (!list) return;
      // The scenario's report decides; without one, the session's end does.
      const ok = s.reportKind === "result" || (s.reportKind !== "error" && s.status === "completed");
      const allowed = attemptsAllowed(row, list);
      const retry = !ok && s.status !== "payment_required" && row.attempts < allowed && list.status !== "cancelled";
      const ended = s.endedAt ?? now;
      const status = ok ? "succeeded" : retry ? "pending" : "failed";
      // The session's finish reason as stored; shown in today's words when read (./queries.ts toRowDto).
      const why = s.reportKind === "error" ? REPORTED_ERROR : s.reportKind === "result" ? REPORTED_RESULT : s.finishReason;
      const reason = retry ? `${why} (attempt ${row.attempts} of ${allowed}; next in ${list.intervalSeconds} s)` : why;
      const n = await tx.callListRow.updateMany({
        where: { id: row.id, status: "in_progress", lastSessionId: s.id },
        data: {
          status,
          result: s.status,
          reason: reason.slice(0, 500),
          report: s.reportData,
          costMinor: { increment: s.costMinor },
          updatedAt: now,
          ...(retry ? { nextAttemptAt: new Date(ended.getTime() + list.intervalSeconds * 1000) } : {}),
        },
      });
      if (n.count === 0) return;
      await tx.callList.update({
        where: { id: row.listId },
        data: { costMinor: { increment: s.costMinor }, ...(ok ? { succeeded: { increment: 1 } } : retry ? {} : { failed: { increment: 1 } }) },
      });
      await settleList(tx, row.listId, now);
      settled++;
    });
  }
  return settled;
}

/** Claims up to the list's free slots of due rows (see the file comment). */
async function claimRows(list: ActiveList, now: Date): Promise<{ id: number; destination: string; data: string }[]> {
  return db.$transaction(async (tx) => {
    // Written first: PostgreSQL holds this row's lock to the end, so another scheduler's claim on
    // the list waits and then counts the rows this one claimed.
    const current = await tx.callList.update({ where: { id: list.id }, data: { nextRunAt: now }, select: { status: true, maxSimultaneous: true } });
    if (current.status !== "queued" && current.status !== "in_progress") return [];
    const inProgress = await tx.callListRow.count({ where: { listId: list.id, status: "in_progress" } });
    const free = current.maxSimultaneous - inProgress;
    if (free <= 0) return [];
    const due = await tx.callListRow.findMany({
      where: { listId: list.id, status: "pending", nextAttemptAt: { lte: now } },
      orderBy: [{ nextAttemptAt: "asc" }, { position: "asc" }],
      take: free,
      select: { id: true, destination: true, data: true },
    });
    const claimed: typeof due = [];
    for (const r of due) {
      const n = await tx.callListRow.updateMany({ where: { id: r.id, status: "pending" }, data: { status: "in_progress", attempts: { increment: 1 }, lastSessionId: null, updatedAt: now } });
      if (n.count === 1) claimed.push(r);
    }
    if (claimed.length > 0 && current.status === "queued") await tx.callList.update({ where: { id: list.id }, data: { status: "in_progress" } });
    return claimed;
  });
}

/** A row whose call could not start at all (its rule is gone): failed at once, with why. */
async function failRow(rowId: number, listId: number, reason: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const n = await tx.callListRow.updateMany({ where: { id: rowId, status: "in_progress", lastSessionId: null }, data: { status: "failed", result: "failed", reason: reason.slice(0, 500), updatedAt: now } });
    if (n.count === 0) return;
    await tx.callList.update({ where: { id: listId }, data: { failed: { increment: 1 } } });
    await settleList(tx, listId, now);
  });
}

/**
 * The scheduler's call-list step (after advanceCalls): records the outcome of rows whose session
 * has ended, then, for each list due at `now` (queued or in progress, nextRunAt reached; up to
 * `limit` lists), claims its due rows up to its free slots and starts each one's call through the
 * simulator, then records the outcomes of calls that ended at once. Safe to run concurrently on
 * several app servers. `deps`: the simulator's (tests inject routing, the sandbox and the clock).
 * `accountId`: only that account's lists (tests, which share one database with other tests' lists
 * that are due too). Returns how many calls it started.
 */
export async function advanceCallLists(now: Date, opts: { deps?: Partial<SimulatorDeps>; limit?: number; accountId?: number } = {}): Promise<number> {
  await recordEndedCalls(now, 1000);
  const lists: ActiveList[] = await db.callList.findMany({
    where: { status: { in: ["queued", "in_progress"] }, nextRunAt: { lte: now }, ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}) },
    orderBy: [{ priority: "desc" }, { nextRunAt: "asc" }],
    take: opts.limit ?? 50,
    select: { id: true, accountId: true, applicationId: true, ruleId: true, name: true, maxSimultaneous: true, numAttempts: true, intervalSeconds: true, status: true },
  });
  let started = 0;
  for (const list of lists) {
    const claimed = await claimRows(list, now);
    for (const row of claimed) {
      try {
        const session = await startCall(
          {
            accountId: list.accountId,
            applicationId: list.applicationId,
            initiator: "call_list",
            direction: "outbound",
            from: "",
            to: row.destination,
            appUserId: null,
            rule: { ruleId: list.ruleId },
            party: { ...CALL_LIST_PARTY },
            customData: row.data,
            by: systemPrincipal(list),
            noRoute: "refuse",
            callListId: list.id,
          },
          { ...opts.deps, clock: () => now },
        );
        await db.callListRow.updateMany({ where: { id: row.id, status: "in_progress", lastSessionId: null }, data: { lastSessionId: session.id, updatedAt: now } });
        started++;
      } catch (e) {
        await failRow(row.id, list.id, isAppError(e) ? e.message : "The call could not start (an internal error)", now);
        if (!isAppError(e)) console.error("Call lists: a call failed to start", e);
      }
    }
    await db.$transaction((tx) => settleList(tx, list.id, now));
  }
  if (started > 0) await recordEndedCalls(now, 1000);
  return started;
}
