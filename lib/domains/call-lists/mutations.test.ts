// Call lists on the database with scripted scenario runs (the simulator's call-fixtures): create
// and append write everything or nothing; a list of 1,000 rows (200 on the second and third
// drivers) runs to completion on the injected clock with the right per-row results and costs;
// retries wait the interval and stop at the attempts; max simultaneous is never exceeded; two
// schedulers never start a row twice; a balance that cannot pay fails the rows with "payment
// required"; pause, resume, cancel, edit and delete; every principal gets exactly its matrix rows;
// another account's list reads as missing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE, can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { isAppError } from "@/lib/core/errors";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { advanceCalls } from "@/lib/domains/calls/simulator";
import { getCallSession } from "@/lib/domains/calls/queries";
import { deps, fixtureCallApp, SCENARIO, talkRun, testClock } from "@/lib/domains/calls/call-fixtures";
import type { CallListReportKind, CallSetup, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import type { Runtime } from "@/lib/domains/calls/simulator";
import { createTestAccount, PRINCIPALS, refusal } from "@/test/factories";
import { FIRST_DRIVER_RUN } from "@/test/drivers";
import { advanceCallLists, appendToCallList, callRowsAgain, cancelCallList, cancelCallListRows, createCallList, editCallListRow, deleteCallList, editCallList, pauseCallList, resumeCallList } from "./mutations";
import { findOwnCallList, listCallListRows, listCallLists } from "./queries";

const SPEECH = { espeakPath: "/nonexistent/espeak-ng" };

/** A failed call: the destination never answers (the session ends "no_answer" after ringing `seconds`). */
const busyRun = (to: string, seconds = 20): ScenarioRun => ({
  outcome: "completed",
  durationSeconds: seconds,
  events: [
    { at: 0, type: "forward", to, kind: "number", answered: false, seconds: 0, endAt: seconds },
    { at: seconds, type: "hangup", by: "runtime", reason: "no_answer" },
  ],
});

/** Routing and a sandbox for call lists: every rule id runs SCENARIO; `fails(to, attempt)` decides each call. */
function listRuntime(fails: (to: string, attempt: number) => boolean, talkSeconds = 30): Runtime & { calls: CallSetup[] } {
  return scriptedListRuntime((to, n) => (fails(to, n) ? busyRun(to) : talkRun(talkSeconds, [], { callTo: to })));
}

/** Routing and a sandbox for call lists: every rule id runs SCENARIO, whose run for each call is `runFor(to, attempt)`. */
function scriptedListRuntime(runFor: (to: string, attempt: number) => ScenarioRun): Runtime & { calls: CallSetup[] } {
  const calls: CallSetup[] = [];
  const attempts = new Map<string, number>();
  return {
    calls,
    route: async () => null,
    ruleById: async (_app, ruleId) => ({ rule: { id: ruleId, name: "campaign" }, scenarios: [SCENARIO] }),
    run: async (_s, call) => {
      calls.push(call);
      const n = (attempts.get(call.to) ?? 0) + 1;
      attempts.set(call.to, n);
      return runFor(call.to, n);
    },
  };
}

/** `run` with CallList reports (CallList.reportResult / reportError / reportProgress) made at `at` seconds, before its hangup. */
const withReports = (run: ScenarioRun, ...reports: { at: number; kind: CallListReportKind; data: string; ignored?: true }[]): ScenarioRun => ({
  ...run,
  events: [...run.events.slice(0, -1), ...reports.map((r) => ({ type: "list_report" as const, ...r })), run.events.at(-1)!].sort((a, b) => a.at - b.at),
});

async function setup(topUpMinor = 1_000_00) {
  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  const app = await fixtureCallApp(acct.id);
  const rule = await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "campaign", pattern: ".*", position: 0 } });
  if (topUpMinor > 0) await fixtureTopUp(acct.id, topUpMinor);
  return { acct, owner, app, rule };
}

const numberOf = (i: number) => `+1212${String(5_000_000 + i).padStart(7, "0")}`;
const csvOf = (n: number, from = 0) => `phone_number;name\n${Array.from({ length: n }, (_, i) => `${numberOf(from + i)};Customer ${from + i}`).join("\n")}\n`;

const listState = (accountId: number) => Promise.all([db.callList.count({ where: { accountId } }), db.callListRow.count({ where: { accountId } }), db.auditLog.count({ where: { accountId } })]);

describe("create and append", () => {
  it("creates the list and every row, queued until its start, audited", async () => {
    const { owner, app, rule, acct } = await setup(0);
    const start = new Date(Date.now() + 3_600_000);
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Spring", maxSimultaneous: 3, numAttempts: 2, intervalSeconds: 30, startAt: start.toISOString(), file: csvOf(5) });
    expect(list).toMatchObject({ name: "Spring", status: "queued", total: 5, pending: 5, header: ["phone_number", "name"], destinationColumn: "phone_number", ruleName: "campaign", startAt: start });
    const rows = await listCallListRows(owner, list.id, {});
    expect(rows.items.map((r) => [r.position, r.line, r.destination, r.data.name])).toEqual([0, 1, 2, 3, 4].map((i) => [i + 1, i + 2, numberOf(i), `Customer ${i}`]));
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "call_list.create", targetId: String(list.id) } })).toBe(1);
    // Not before its start.
    expect(await advanceCallLists(new Date(), { deps: deps(listRuntime(() => false), () => new Date()), accountId: acct.id })).toBe(0);
  });

  it("a file with any bad line creates nothing and names the lines", async () => {
    const { owner, app, rule, acct } = await setup(0);
    const before = await listState(acct.id);
    const e = await refusal(createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Bad", file: "phone;name\n+14155550123;ok\nnope;bad\n+1;short\n" }));
    expect(e).toMatchObject({ code: "INVALID_INPUT", field: "file" });
    expect(e.message).toContain("Line 3:");
    expect(e.message).toContain("Line 4:");
    expect(await listState(acct.id)).toEqual(before);
  });

  it("refuses another account's application or rule as not found, and a rule of another application", async () => {
    const a = await setup(0);
    const b = await setup(0);
    const otherApp = await fixtureCallApp(a.acct.id);
    expect(await refusal(createCallList(a.owner, { applicationId: b.app.id, ruleId: a.rule.id, name: "x", file: csvOf(1) }))).toMatchObject({ code: "NOT_FOUND", field: "applicationId" });
    expect(await refusal(createCallList(a.owner, { applicationId: a.app.id, ruleId: b.rule.id, name: "x", file: csvOf(1) }))).toMatchObject({ code: "NOT_FOUND", field: "ruleId" });
    expect(await refusal(createCallList(a.owner, { applicationId: otherApp.id, ruleId: a.rule.id, name: "x", file: csvOf(1) }))).toMatchObject({ code: "NOT_FOUND", field: "ruleId" });
    expect(await refusal(createCallList(a.owner, { applicationId: a.app.id, ruleId: a.rule.id, name: "", maxSimultaneous: 0, file: csvOf(1) }))).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("append adds rows after the last with the list's header; a different header or a bad line adds nothing; a completed list runs again", async () => {
    const { owner, app, rule } = await setup();
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Grow", file: csvOf(2) });
    expect(await refusal(appendToCallList(owner, { listId: list.id, file: "phone;name\n+14155550123;x\n" }))).toMatchObject({ code: "INVALID_INPUT", field: "file" });
    expect(await refusal(appendToCallList(owner, { listId: list.id, file: "phone_number;name\n+14155550123;x\nbad;y\n" }))).toMatchObject({ code: "INVALID_INPUT" });
    expect((await findOwnCallList(db, owner, list.id)).total).toBe(2);

    const t = testClock();
    const d = deps(listRuntime(() => false), t.clock, { speech: SPEECH });
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 2 });

    const { list: grown, added } = await appendToCallList(owner, { listId: list.id, file: csvOf(3, 10) }, { clock: t.clock });
    expect(added).toBe(3);
    expect(grown).toMatchObject({ status: "in_progress", total: 5, pending: 3, completedAt: null });
    expect((await listCallListRows(owner, list.id, { offset: 2 })).items.map((r) => r.position)).toEqual([3, 4, 5]);
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 5 });
  });
});

type Clk = ReturnType<typeof testClock>;

/** Drives the scheduler on the test clock until the list ends; returns the most rows seen in progress at once. */
async function runToEnd(listId: number, t: Clk, d: ReturnType<typeof deps>, opts: { step?: number; maxSteps?: number; max?: number } = {}): Promise<number> {
  let peak = 0;
  for (let i = 0; i < (opts.maxSteps ?? 2000); i++) {
    await advanceCalls(t.now(), { speech: SPEECH });
    await advanceCallLists(t.now(), { deps: d });
    // A row is in progress from its claim until its session's end is recorded: the calls at once.
    const [inProgress, list] = await Promise.all([
      db.callListRow.count({ where: { listId, status: "in_progress" } }),
      db.callList.findUniqueOrThrow({ where: { id: listId }, select: { status: true } }),
    ]);
    peak = Math.max(peak, inProgress);
    if (list.status === "completed" || list.status === "cancelled") return peak;
    t.advance(opts.step ?? 10);
  }
  throw new Error("the list did not finish");
}

describe("running a list", () => {
  // 1,000 rows on the first driver; 200 on the others, which still fill the 25 lines and retry.
  const ROWS = FIRST_DRIVER_RUN ? 1000 : 200;
  it(`${ROWS} rows run to completion: every 7th destination never answers (two attempts, 60 s apart, then failed), the rest succeed; costs add up; never more than 25 calls at once`, async () => {
    const { owner, app, rule, acct } = await setup();
    const failing = (to: string) => Number(to.slice(-4)) % 7 === 0;
    const runtime = listRuntime((to) => failing(to));
    const t = testClock(new Date("2026-03-02T09:00:00Z"));
    const d = deps(runtime, t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: `${ROWS} rows`, maxSimultaneous: 25, numAttempts: 2, intervalSeconds: 60, file: csvOf(ROWS) }, { clock: t.clock });

    const peak = await runToEnd(list.id, t, d, { step: 30 });
    expect(peak).toBeLessThanOrEqual(25);
    expect(peak).toBe(25);

    const done = await findOwnCallList(db, owner, list.id);
    const expectedFailed = Array.from({ length: ROWS }, (_, i) => numberOf(i)).filter(failing).length;
    expect(done).toMatchObject({ status: "completed", total: ROWS, succeeded: ROWS - expectedFailed, failed: expectedFailed, inProgress: 0, pending: 0 });
    expect(runtime.calls).toHaveLength(ROWS + expectedFailed);

    const rows = await db.callListRow.findMany({ where: { listId: list.id }, orderBy: { position: "asc" } });
    const sessions = await db.callSession.findMany({ where: { accountId: acct.id, initiator: "call_list" }, orderBy: { id: "asc" } });
    expect(sessions).toHaveLength(ROWS + expectedFailed);
    const byTo = new Map<string, typeof sessions>();
    for (const s of sessions) byTo.set(s.toNumber, [...(byTo.get(s.toNumber) ?? []), s]);
    for (const row of rows) {
      const mine = byTo.get(row.destination) ?? [];
      expect(row.lastSessionId).toBe(mine.at(-1)!.id);
      expect(row.costMinor).toBe(mine.reduce((sum, s) => sum + s.costMinor, 0));
      expect(JSON.parse(mine[0]!.customData)).toEqual({ phone_number: row.destination, name: `Customer ${row.position - 1}` });
      if (failing(row.destination)) {
        expect(row).toMatchObject({ status: "failed", attempts: 2, result: "no_answer" });
        expect(mine).toHaveLength(2);
        // The retry waited the interval after the first call ended.
        expect(mine[1]!.startedAt.getTime() - mine[0]!.endedAt!.getTime()).toBeGreaterThanOrEqual(60_000);
      } else {
        expect(row).toMatchObject({ status: "succeeded", attempts: 1, result: "completed" });
        expect(mine).toHaveLength(1);
        expect(row.costMinor).toBeGreaterThan(0);
      }
    }
    expect(done.costMinor).toBe(sessions.reduce((sum, s) => sum + s.costMinor, 0));
    // The calls' charges went through the ledger.
    const charged = await db.ledgerEntry.aggregate({ where: { accountId: acct.id, kind: "call" }, _sum: { amountMinor: true } });
    expect(-(charged._sum.amountMinor ?? 0)).toBe(done.costMinor);
  }, 240_000);

  it("attempts: a row that fails twice then answers succeeds on its third attempt; with one attempt it fails at once", async () => {
    const { owner, app, rule } = await setup();
    const t = testClock();
    const d = deps(listRuntime((_to, n) => n <= 2), t.clock, { speech: SPEECH });
    const three = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Three", numAttempts: 3, intervalSeconds: 120, file: csvOf(1) }, { clock: t.clock });
    await runToEnd(three.id, t, d, { step: 5 });
    const [row] = (await listCallListRows(owner, three.id, {})).items;
    expect(row).toMatchObject({ status: "succeeded", attempts: 3, result: "completed" });
    const sessions = await db.callSession.findMany({ where: { toNumber: row!.destination, application: { id: app.id } }, orderBy: { id: "asc" } });
    expect(sessions).toHaveLength(3);
    for (let i = 1; i < 3; i++) expect(sessions[i]!.startedAt.getTime() - sessions[i - 1]!.endedAt!.getTime()).toBeGreaterThanOrEqual(120_000);
    // Every attempt's session names its list, and its detail gives the list's name (gone once the list is deleted).
    expect(sessions.map((x) => x.callListId)).toEqual([three.id, three.id, three.id]);
    expect((await getCallSession(owner, sessions[0]!.id))?.callList).toEqual({ id: three.id, name: "Three" });

    const t2 = testClock();
    const d2 = deps(listRuntime(() => true), t2.clock, { speech: SPEECH });
    const one = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "One", numAttempts: 1, file: csvOf(1, 50) }, { clock: t2.clock });
    await runToEnd(one.id, t2, d2);
    expect((await listCallListRows(owner, one.id, {})).items[0]).toMatchObject({ status: "failed", attempts: 1, result: "no_answer" });
    await deleteCallList(owner, { listId: three.id });
    expect((await getCallSession(owner, sessions[0]!.id))?.callList).toBeNull();
  }, 60_000);

  it("the scenario's CallList report decides: an error retries the row (and fails it at the last attempt), a result succeeds it whatever the call did; the row keeps the report", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    const [errorThenResult, unansweredResult, alwaysError, progressOnly] = [0, 1, 2, 3].map(numberOf);
    const d = deps(
      scriptedListRuntime((to, n) => {
        const talk = talkRun(30, [], { callTo: to });
        if (to === errorThenResult) {
          return n === 1
            ? withReports(talk, { at: 10, kind: "error", data: "wrong person" })
            : withReports(talk, { at: 10, kind: "result", data: '{"reached":true}' }, { at: 11, kind: "error", data: "late", ignored: true });
        }
        if (to === unansweredResult) return withReports(busyRun(to), { at: 19, kind: "result", data: "left a voicemail" });
        if (to === alwaysError) return withReports(talk, { at: 10, kind: "error", data: `declined ${n}` });
        return withReports(talk, { at: 10, kind: "progress", data: "halfway" });
      }),
      t.clock,
      { speech: SPEECH },
    );
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Reports", numAttempts: 2, intervalSeconds: 60, file: csvOf(4) }, { clock: t.clock });
    await runToEnd(list.id, t, d, { step: 10 });

    const rows = (await listCallListRows(owner, list.id, {})).items;
    expect(rows.map((r) => ({ status: r.status, attempts: r.attempts, result: r.result, report: r.report }))).toEqual([
      { status: "succeeded", attempts: 2, result: "completed", report: '{"reached":true}' },
      { status: "succeeded", attempts: 1, result: "no_answer", report: "left a voicemail" },
      { status: "failed", attempts: 2, result: "completed", report: "declined 2" },
      { status: "succeeded", attempts: 1, result: "completed", report: null },
    ]);
    expect(rows.map((r) => r.reason)).toEqual(["The scenario reported a result", "The scenario reported a result", "The scenario reported an error", "Hung up by the scenario: done"]);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 3, failed: 1 });

    // Each session keeps its own decisive report; the log has every report, the ignored one said so.
    const first = await db.callSession.findMany({ where: { accountId: acct.id, toNumber: errorThenResult }, orderBy: { id: "asc" }, select: { id: true, reportKind: true, reportData: true } });
    expect(first.map((x) => [x.reportKind, x.reportData])).toEqual([["error", "wrong person"], ["result", '{"reached":true}']]);
    const log = (await getCallSession(owner, first[1]!.id))!.log.map((l) => l.line);
    expect(log).toContain('CallList: result reported: {"reached":true}');
    expect(log).toContain("CallList: error reported: late (ignored: the attempt's outcome was already reported)");
    const progress = await db.callSession.findFirstOrThrow({ where: { accountId: acct.id, toNumber: progressOnly }, select: { id: true, reportKind: true } });
    expect(progress.reportKind).toBeNull();
    expect((await getCallSession(owner, progress.id))!.log.map((l) => l.line)).toContain("CallList: progress: halfway");
  }, 60_000);

  it("two schedulers running at once never start a row twice nor exceed max simultaneous", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    const runtime = listRuntime(() => false);
    const d = deps(runtime, t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Race", maxSimultaneous: 7, file: csvOf(40) }, { clock: t.clock });
    const [a, b] = await Promise.all([advanceCallLists(t.now(), { deps: d, accountId: acct.id }), advanceCallLists(t.now(), { deps: d, accountId: acct.id })]);
    expect(a + b).toBe(7);
    const sessions = await db.callSession.findMany({ where: { accountId: acct.id, initiator: "call_list" } });
    expect(sessions).toHaveLength(7);
    expect(new Set(sessions.map((s) => s.toNumber)).size).toBe(7);
    expect(await db.callListRow.count({ where: { listId: list.id, status: "in_progress" } })).toBe(7);
    expect(await db.callListRow.count({ where: { listId: list.id, attempts: { gt: 1 } } })).toBe(0);
    // And to the end, still never two sessions for a row.
    t.advance(10);
    await Promise.all([runToEnd(list.id, t, d, { step: 10 }), advanceCallLists(t.now(), { deps: d })]);
    const all = await db.callSession.findMany({ where: { accountId: acct.id, initiator: "call_list" } });
    expect(all).toHaveLength(40);
    expect(new Set(all.map((s) => s.toNumber)).size).toBe(40);
  }, 60_000);

  it("a balance that cannot pay fails the rows with payment required, without retrying", async () => {
    const { owner, app, rule } = await setup(0);
    const t = testClock();
    const d = deps(listRuntime(() => false), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Broke", numAttempts: 3, file: csvOf(2) }, { clock: t.clock });
    await runToEnd(list.id, t, d);
    const rows = (await listCallListRows(owner, list.id, {})).items;
    for (const r of rows) {
      expect(r).toMatchObject({ status: "failed", attempts: 1, result: "payment_required", costMinor: 0 });
      expect(r.reason).toMatch(/^Payment required/);
    }
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", failed: 2, costMinor: 0 });
  });

  it("pause stops new calls (calls under way finish), resume goes on, cancel cancels what is left", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    const d = deps(listRuntime(() => false), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Pausable", maxSimultaneous: 2, file: csvOf(6) }, { clock: t.clock });
    expect(await advanceCallLists(t.now(), { deps: d, accountId: acct.id })).toBe(2);
    expect(await pauseCallList(owner, { listId: list.id })).toMatchObject({ status: "paused", inProgress: 2 });
    expect(await refusal(pauseCallList(owner, { listId: list.id }))).toMatchObject({ code: "CONFLICT" });
    // The two calls end and are recorded; nothing new starts while paused.
    t.advance(60);
    await advanceCalls(t.now(), { speech: SPEECH });
    expect(await advanceCallLists(t.now(), { deps: d, accountId: acct.id })).toBe(0);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "paused", succeeded: 2, inProgress: 0, pending: 4 });

    const { list: resumed, pending } = await resumeCallList(owner, { listId: list.id }, { clock: t.clock });
    expect(resumed.status).toBe("in_progress");
    expect(pending).toBe(4);
    expect(await advanceCallLists(t.now(), { deps: d, accountId: acct.id })).toBe(2);
    const edited = await editCallList(owner, { listId: list.id, name: "Renamed", maxSimultaneous: 5, intervalSeconds: 10, numAttempts: 2 });
    expect(edited).toMatchObject({ name: "Renamed", maxSimultaneous: 5, intervalSeconds: 10, numAttempts: 2 });

    const cancelled = await cancelCallList(owner, { listId: list.id }, { clock: t.clock });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelled: 2, inProgress: 2 });
    expect(await refusal(resumeCallList(owner, { listId: list.id }))).toMatchObject({ code: "CONFLICT" });
    expect(await refusal(appendToCallList(owner, { listId: list.id, file: csvOf(1, 99) }))).toMatchObject({ code: "CONFLICT" });
    // The calls under way still end and are recorded.
    t.advance(60);
    await advanceCalls(t.now(), { speech: SPEECH });
    await advanceCallLists(t.now(), { deps: d });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "cancelled", succeeded: 4, cancelled: 2, inProgress: 0 });

    await deleteCallList(owner, { listId: list.id });
    expect(await db.callListRow.count({ where: { listId: list.id } })).toBe(0);
    expect(await refusal(findOwnCallList(db, owner, list.id))).toMatchObject({ code: "NOT_FOUND", reason: "call_list_not_found" });
  }, 60_000);
});

describe("cancelling rows", () => {
  it("cancels the rows still waiting, leaves those being called or finished (saying why), and completes the list once nothing is left", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    const d = deps(listRuntime(() => false), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Trim", maxSimultaneous: 1, file: csvOf(4) }, { clock: t.clock });
    const ids = (await listCallListRows(owner, list.id, {})).items.map((r) => r.id);
    // Row 1 is being called (one line), rows 2-4 wait.
    await advanceCallLists(t.now(), { deps: d, accountId: acct.id });
    const other = await setup(0);
    const theirs = await createCallList(other.owner, { applicationId: other.app.id, ruleId: other.rule.id, name: "Theirs", file: csvOf(1) });
    const theirRow = (await listCallListRows(other.owner, theirs.id, {})).items[0]!.id;

    const r = await cancelCallListRows(owner, { listId: list.id, rowIds: [ids[2]!, ids[0]!, ids[2]!, theirRow] }, { clock: t.clock });
    expect(r).toEqual({
      cancelled: [ids[2]],
      notCancelled: [
        { id: ids[0], why: "The row is being called" },
        { id: theirRow, why: "The list has no such row" },
      ],
    });
    const rows = (await listCallListRows(owner, list.id, {})).items;
    expect(rows.map((x) => x.status)).toEqual(["in_progress", "pending", "cancelled", "pending"]);
    expect(rows[2]!.reason).toBe(`Cancelled by ${owner.name}`);
    expect((await listCallListRows(other.owner, theirs.id, {})).items[0]!.status).toBe("pending");
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ cancelled: 1, pending: 2, status: "in_progress" });
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: "call_list.cancel_rows" } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([{ name: "Trim", rows: 1, ids: [ids[2]] }]);

    // The rest cancelled: once the call under way ends, the list completes with rows 2-4 never called.
    expect((await cancelCallListRows(owner, { listId: list.id, rowIds: [ids[1]!, ids[3]!] }, { clock: t.clock })).cancelled).toEqual([ids[1], ids[3]]);
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 1, cancelled: 3, failed: 0 });
    const finished = await cancelCallListRows(owner, { listId: list.id, rowIds: [ids[0]!] });
    expect(finished).toEqual({ cancelled: [], notCancelled: [{ id: ids[0], why: "The row's calls are over (succeeded)" }] });
    expect(await refusal(cancelCallListRows(owner, { listId: list.id, rowIds: [] }))).toMatchObject({ code: "INVALID_INPUT", field: "rowIds", message: "Choose the rows to cancel" });
  }, 60_000);
});

/** A list of two rows queued an hour ahead (nothing calls them meanwhile), with its owner and the test clock. */
async function listQueuedAnHourAhead() {
  const { owner, app, rule } = await setup(0);
  const t = testClock();
  const start = new Date(t.now().getTime() + 3_600_000);
  const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Later", file: csvOf(2), startAt: start.toISOString() }, { clock: t.clock });
  return { owner, t, start, list };
}

/** Cancels every row of the list. */
async function cancelEveryRow(owner: Actor, listId: number, clock: () => Date): Promise<void> {
  await cancelCallListRows(owner, { listId, rowIds: (await listCallListRows(owner, listId, {})).items.map((r) => r.id) }, { clock });
}

describe("calling a row again", () => {
  it("a failed row given attempts waits again and the completed list runs again; the retry counts against its own attempts", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    // The first number is busy on its first call, then answers.
    const first = numberOf(0);
    const d = deps(listRuntime((to, n) => to === first && n === 1), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Again", numAttempts: 1, intervalSeconds: 30, file: csvOf(2) }, { clock: t.clock });
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 1, failed: 1 });
    const [failed, done] = (await listCallListRows(owner, list.id, {})).items;

    // Being called, or of another list: refused under rowId.
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: 999_999_999, attemptsLeft: 1 }))).toMatchObject({ code: "NOT_FOUND", field: "rowId" });
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: failed!.id }))).toMatchObject({ code: "INVALID_INPUT", field: "attemptsLeft" });
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: failed!.id, attemptsLeft: 11 }))).toMatchObject({ code: "INVALID_INPUT", field: "attemptsLeft" });
    // 0 attempts for a row whose calls are over would change nothing: refused, not a silent success.
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: failed!.id, attemptsLeft: 0 }))).toMatchObject({ code: "INVALID_INPUT", field: "attemptsLeft", message: "Give the row at least 1 attempt to call it again" });

    const later = new Date(t.now().getTime() + 60_000);
    const row = await editCallListRow(owner, { listId: list.id, rowId: failed!.id, attemptsLeft: 2, startAt: later.toISOString() }, { clock: t.clock });
    expect(row).toMatchObject({ status: "pending", attempts: 1, attemptsAllowed: 3, nextAttemptAt: later, reason: `To be called again (set by ${owner.name})` });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "in_progress", failed: 0, succeeded: 1, pending: 1, completedAt: null });
    expect((await db.callList.findUniqueOrThrow({ where: { id: list.id } })).nextRunAt).toEqual(later);
    // Nothing before its time.
    expect(await advanceCallLists(t.now(), { deps: d, accountId: acct.id })).toBe(0);
    await runToEnd(list.id, t, d);
    expect((await listCallListRows(owner, list.id, {})).items[0]).toMatchObject({ status: "succeeded", attempts: 2, attemptsAllowed: 3 });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 2, failed: 0 });

    // A succeeded row called again at once (no time given), then given 0 attempts while it waits: failed.
    expect(await editCallListRow(owner, { listId: list.id, rowId: done!.id, attemptsLeft: 1 }, { clock: t.clock })).toMatchObject({ status: "pending", nextAttemptAt: t.now() });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "in_progress", succeeded: 1 });
    expect(await editCallListRow(owner, { listId: list.id, rowId: done!.id, attemptsLeft: 0 }, { clock: t.clock })).toMatchObject({ status: "failed", reason: `No attempts left (set by ${owner.name})` });
    // Nothing left to call: the list is complete again.
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 1, failed: 1 });
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: "call_list.edit_row" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { name: "Again", row: 1, attemptsLeft: 2, startAt: later.toISOString() },
      { name: "Again", row: 2, attemptsLeft: 1 },
      { name: "Again", row: 2, attemptsLeft: 0 },
    ]);
  }, 60_000);

  it("a row of a list still queued is called again no earlier than the list's start", async () => {
    const { owner, t, start, list } = await listQueuedAnHourAhead();
    const [first] = (await listCallListRows(owner, list.id, {})).items;
    await cancelCallListRows(owner, { listId: list.id, rowIds: [first!.id] }, { clock: t.clock });
    expect(await editCallListRow(owner, { listId: list.id, rowId: first!.id, attemptsLeft: 1 }, { clock: t.clock })).toMatchObject({ status: "pending", nextAttemptAt: start });
    const later = new Date(start.getTime() + 60_000);
    expect(await editCallListRow(owner, { listId: list.id, rowId: first!.id, startAt: later.toISOString() }, { clock: t.clock })).toMatchObject({ nextAttemptAt: later });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "queued", pending: 2, cancelled: 0 });
    // Every row cancelled before the start completes the list; a row called again reopens it queued, still not before its start.
    await cancelEveryRow(owner, list.id, t.clock);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed" });
    expect(await editCallListRow(owner, { listId: list.id, rowId: first!.id, attemptsLeft: 1 }, { clock: t.clock })).toMatchObject({ status: "pending", nextAttemptAt: start });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "queued", pending: 1, cancelled: 1 });
  });

  it("a row being called is refused under rowId, a row of a cancelled list under listId", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    const d = deps(listRuntime(() => false), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Busy", maxSimultaneous: 1, file: csvOf(2) }, { clock: t.clock });
    await advanceCallLists(t.now(), { deps: d, accountId: acct.id });
    const [calling, waiting] = (await listCallListRows(owner, list.id, {})).items;
    expect(calling!.status).toBe("in_progress");
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: calling!.id, attemptsLeft: 3 }))).toMatchObject({ code: "CONFLICT", field: "rowId", message: "The row is being called: change it once its call ends" });
    await cancelCallList(owner, { listId: list.id });
    expect(await refusal(editCallListRow(owner, { listId: list.id, rowId: waiting!.id, attemptsLeft: 1 }))).toMatchObject({ code: "CONFLICT", field: "listId", message: "The list is cancelled: its rows are never called" });
  });
});

describe("calling the failed or cancelled rows again", () => {
  it("every row of that status waits again with its own attempts, the counts move back and the completed list runs again; the rest stay", async () => {
    const { owner, app, rule, acct } = await setup();
    const t = testClock();
    // Rows 1 and 3 are busy on their first call (one attempt: failed), then answer.
    const [n1, , n3] = [numberOf(0), numberOf(1), numberOf(2)];
    const d = deps(listRuntime((to, n) => (to === n1 || to === n3) && n === 1), t.clock, { speech: SPEECH });
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Campaign", numAttempts: 1, intervalSeconds: 30, file: csvOf(4) }, { clock: t.clock });
    const [, , , fourth] = (await listCallListRows(owner, list.id, {})).items;
    await cancelCallListRows(owner, { listId: list.id, rowIds: [fourth!.id] }, { clock: t.clock });
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 1, failed: 2, cancelled: 1 });

    // Bad input names its field; a status no row has is refused under status.
    expect(await refusal(callRowsAgain(owner, { listId: list.id, status: "failed", attemptsLeft: 0 }))).toMatchObject({ code: "INVALID_INPUT", field: "attemptsLeft" });
    expect(await refusal(callRowsAgain(owner, { listId: list.id, status: "succeeded" as never, attemptsLeft: 1 }))).toMatchObject({ code: "INVALID_INPUT", field: "status" });
    expect(await refusal(callRowsAgain(owner, { listId: list.id, status: "failed", attemptsLeft: 1, startAt: "tomorrow" }))).toMatchObject({ code: "INVALID_INPUT", field: "startAt" });

    const later = new Date(t.now().getTime() + 60_000);
    const lastCalls = (await listCallListRows(owner, list.id, {})).items.map((r) => r.updatedAt);
    t.advance(5);
    expect(await callRowsAgain(owner, { listId: list.id, status: "failed", attemptsLeft: 2, startAt: later.toISOString() }, { clock: t.clock })).toEqual({ rows: 2 });
    const rows = (await listCallListRows(owner, list.id, {})).items;
    // Their last attempt is still their last call, not this change.
    expect(rows.map((r) => r.updatedAt)).toEqual(lastCalls);
    expect(rows.map((r) => [r.status, r.attempts, r.attemptsAllowed])).toEqual([
      ["pending", 1, 3],
      ["succeeded", 1, null],
      ["pending", 1, 3],
      ["cancelled", 0, null],
    ]);
    expect(rows[0]).toMatchObject({ nextAttemptAt: later, reason: `To be called again (set by ${owner.name})` });
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "in_progress", succeeded: 1, failed: 0, cancelled: 1, pending: 2 });
    expect(await refusal(callRowsAgain(owner, { listId: list.id, status: "failed", attemptsLeft: 1 }))).toMatchObject({ code: "INVALID_INPUT", field: "status", message: "The list has no failed rows" });

    // Nothing before its time; then both answer.
    expect(await advanceCallLists(t.now(), { deps: d, accountId: acct.id })).toBe(0);
    await runToEnd(list.id, t, d);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "completed", succeeded: 3, failed: 0, cancelled: 1 });

    // The cancelled row too, at once (no time given).
    expect(await callRowsAgain(owner, { listId: list.id, status: "cancelled", attemptsLeft: 1 }, { clock: t.clock })).toEqual({ rows: 1 });
    expect((await listCallListRows(owner, list.id, {})).items[3]).toMatchObject({ status: "pending", attempts: 0, attemptsAllowed: 1, nextAttemptAt: t.now() });
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: "call_list.call_rows_again" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { name: "Campaign", status: "failed", rows: 2, attemptsLeft: 2, startAt: later.toISOString() },
      { name: "Campaign", status: "cancelled", rows: 1, attemptsLeft: 1 },
    ]);

    // A cancelled list's rows are never called.
    await cancelCallList(owner, { listId: list.id });
    expect(await refusal(callRowsAgain(owner, { listId: list.id, status: "cancelled", attemptsLeft: 1 }))).toMatchObject({ code: "CONFLICT", field: "listId" });
  }, 60_000);

  it("a list still queued calls them no earlier than its start", async () => {
    const { owner, t, start, list } = await listQueuedAnHourAhead();
    await cancelEveryRow(owner, list.id, t.clock);
    expect(await callRowsAgain(owner, { listId: list.id, status: "cancelled", attemptsLeft: 1 }, { clock: t.clock })).toEqual({ rows: 2 });
    expect((await listCallListRows(owner, list.id, {})).items.map((r) => r.nextAttemptAt)).toEqual([start, start]);
    expect(await findOwnCallList(db, owner, list.id)).toMatchObject({ status: "queued", pending: 2, cancelled: 0 });
  });
});

describe("access", () => {
  it("another account's list reads as not found for every function", async () => {
    const a = await setup(0);
    const b = await setup(0);
    const list = await createCallList(b.owner, { applicationId: b.app.id, ruleId: b.rule.id, name: "Theirs", file: csvOf(1) });
    const calls: (() => Promise<unknown>)[] = [
      () => appendToCallList(a.owner, { listId: list.id, file: csvOf(1) }),
      () => pauseCallList(a.owner, { listId: list.id }),
      () => resumeCallList(a.owner, { listId: list.id }),
      () => cancelCallList(a.owner, { listId: list.id }),
      () => deleteCallList(a.owner, { listId: list.id }),
      () => editCallList(a.owner, { listId: list.id, name: "Mine" }),
      () => cancelCallListRows(a.owner, { listId: list.id, rowIds: [1] }),
      () => editCallListRow(a.owner, { listId: list.id, rowId: 1, attemptsLeft: 1 }),
      () => callRowsAgain(a.owner, { listId: list.id, status: "failed", attemptsLeft: 1 }),
      () => listCallListRows(a.owner, list.id, {}),
    ];
    for (const call of calls) expect(await refusal(call())).toMatchObject({ code: "NOT_FOUND", reason: "call_list_not_found" });
    expect((await listCallLists(a.owner, {})).items.map((l) => l.id)).not.toContain(list.id);
    expect(await findOwnCallList(db, b.owner, list.id)).toMatchObject({ name: "Theirs", status: "queued" });
  });

  it("every principal: create needs application.call_lists.create, append .append, the rest application.call_lists", async () => {
    for (const role of PRINCIPALS) {
      const { acct, owner, app, rule } = await setup(0);
      const actor: Actor = await acct.actor(role);
      const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "Base", file: csvOf(1) });
      const outcome = async (p: Promise<unknown>) => p.then(() => "ok", (e) => (isAppError(e) && e.code === "FORBIDDEN" ? "forbidden" : Promise.reject(e)));
      const expectFor = (section: Parameters<typeof can>[1]) => (can(actor, section) ? "ok" : "forbidden");
      expect([role, await outcome(createCallList(actor, { applicationId: app.id, ruleId: rule.id, name: "Mine", file: csvOf(1) }))]).toEqual([role, expectFor("application.call_lists.create")]);
      expect([role, await outcome(appendToCallList(actor, { listId: list.id, file: csvOf(1, 5) }))]).toEqual([role, expectFor("application.call_lists.append")]);
      expect([role, await outcome(listCallLists(actor, { applicationId: app.id }))]).toEqual([role, expectFor("application.call_lists")]);
      expect([role, await outcome(pauseCallList(actor, { listId: list.id }))]).toEqual([role, expectFor("application.call_lists")]);
      const [row] = (await listCallListRows(owner, list.id, {})).items;
      expect([role, await outcome(editCallListRow(actor, { listId: list.id, rowId: row!.id, attemptsLeft: 2 }))]).toEqual([role, expectFor("application.call_lists")]);
      expect([role, await outcome(cancelCallListRows(actor, { listId: list.id, rowIds: [row!.id] }))]).toEqual([role, expectFor("application.call_lists")]);
      // Whoever may not is refused before anything is read; whoever may finds the row cancelled above (by them or now by the owner).
      if (!can(actor, "application.call_lists")) await cancelCallListRows(owner, { listId: list.id, rowIds: [row!.id] });
      expect([role, await outcome(callRowsAgain(actor, { listId: list.id, status: "cancelled", attemptsLeft: 1 }))]).toEqual([role, expectFor("application.call_lists")]);
    }
  }, 60_000);
});
