// The call simulator end to end on the database, with scripted scenario runs: a session's legs,
// log, recordings and ledger entries agree; the blacklist refuses; the balance refuses, cuts and
// never goes below the credit limit; a user's separate balance pays its calls; two advancers
// finalise each session exactly once; terminate cuts a running session.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE, can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureSipRegistration } from "@/lib/domains/sip-registrations/api-fixtures";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { callAs, insertKey } from "@/test/api-kit";
import { decodeWav, SAMPLE_RATE } from "@/lib/domains/recordings/audio";
import {
  balanceOf,
  callState,
  deps,
  fixtureAppUser,
  fixtureCallApp,
  fixtureCallerId,
  MATCH,
  RULE,
  SCENARIO,
  scriptedRuntime,
  talkRun,
  testClock,
} from "./call-fixtures";
import { advanceCalls, CLAIM_SECONDS, placeCall, simulateInbound, terminateSession } from "./simulator";
import { finaliseSession } from "./mutations";
import { USER_LEG_PRICE_PER_MINUTE_MINOR } from "./plan";
import { callToolChoices, getCallSession, listCallSessions } from "./queries";
import type { ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";

const US_DEST = "+12125550199";
const UK_DEST = "+447700900123";
const usOut = pricesForDestination(US_DEST).callOutboundPerMinuteMinor;
const ukOut = pricesForDestination(UK_DEST).callOutboundPerMinuteMinor;

async function setup(topUpMinor = 50_00) {
  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  const app = await fixtureCallApp(acct.id);
  if (topUpMinor > 0) await fixtureTopUp(acct.id, topUpMinor);
  const callerId = await fixtureCallerId(acct.id);
  return { acct, owner, app, callerId: callerId.number };
}

const place = (owner: Actor, appId: number, callerNumber: string, d: ReturnType<typeof deps>, more: Record<string, unknown> = {}) =>
  placeCall(owner, { applicationId: appId, destination: US_DEST, callerKind: "number", callerNumber, answerAfterSeconds: 2, ...more }, d);

/**
 * A session's placed calls three ways, in leg order: the stored end reason (the code word), its
 * words in the panel's detail (getCallSession), and GetCallHistory's end_reason; with the log's
 * "Called ..." lines.
 */
async function legEnds(owner: Actor, sessionId: number) {
  const stored = await db.callLeg.findMany({ where: { sessionId }, select: { remoteNumber: true, endReason: true }, orderBy: { id: "asc" } });
  const detail = (await getCallSession(owner, sessionId))!;
  const key = await insertKey(owner.accountId, ["Developer"]);
  const h = await callAs(key, "GetCallHistory", { call_session_history_id: String(sessionId), with_calls: "true" });
  const api = (h.body.result as { calls: { remote_number: string; end_reason: string }[] }[])[0]!.calls;
  return {
    stored: stored.map((l) => [l.remoteNumber, l.endReason]),
    detail: detail.legs.map((l) => [l.remoteNumber, l.endReason]),
    api: api.map((c) => [c.remote_number, c.end_reason]),
    called: detail.log.filter((l) => l.line.startsWith("Called ")).map((l) => l.line),
  };
}

/** A placed call dialled at `at` s to `to`, never answered: the run has it busy 2 s later, or ringing out after 60 s. */
const ringingCall = (at: number, to: string, failure: "busy" | "no_answer") =>
  ({ at, type: "forward", to, kind: "number", answered: false, seconds: 0, failure, endAt: at + (failure === "busy" ? 2 : 60) }) as const;

describe("a call from start to finish", () => {
  it("runs until its planned end, then its legs, log, recording and ledger entries agree", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const runtime = scriptedRuntime(talkRun(150, [{ at: 20, type: "forward", to: UK_DEST, kind: "number", answered: true, seconds: 65, endAt: 87 }]));
    // The scenario learns whom to call from its custom data: without any, the destination.
    const started = await place(owner, app.id, callerId, deps(runtime, t.clock));
    expect(started).toMatchObject({ status: "running" });
    expect(started.plannedEndAt.getTime() - started.startedAt.getTime()).toBe(150_000);
    expect(runtime.calls).toEqual([expect.objectContaining({ direction: "outbound", from: callerId, to: US_DEST, customData: US_DEST, party: { answerAfterSeconds: 2, dtmf: "", hangupAfterSeconds: null } })]);
    expect(await db.callLeg.count({ where: { sessionId: started.id } })).toBe(0);

    // Not yet: nothing is finalised before the planned end.
    expect(await advanceCalls(t.advance(149), { accountId: acct.id, speech: { espeakPath: "/nonexistent" } })).toEqual([]);
    expect(await advanceCalls(t.advance(1), { accountId: acct.id, speech: { espeakPath: "/nonexistent" } })).toEqual([started.id]);

    const s = await db.callSession.findUniqueOrThrow({ where: { id: started.id } });
    const legs = await db.callLeg.findMany({ where: { sessionId: s.id }, orderBy: { id: "asc" } });
    const ledger = await db.ledgerEntry.findMany({ where: { accountId: acct.id, kind: "call" }, orderBy: { id: "asc" } });
    expect(s).toMatchObject({ status: "completed", durationSeconds: 150, ruleId: RULE.id, ruleName: RULE.name, initiator: "panel", finishReason: "Hung up by the scenario: done" });
    expect(legs.map((l) => [l.remoteNumber, l.incoming, l.successful, l.durationSeconds, l.pricePerMinuteMinor, l.costMinor])).toEqual([
      [US_DEST, false, true, 148, usOut, 3 * usOut],
      [UK_DEST, false, true, 65, ukOut, 2 * ukOut],
    ]);
    expect(s.costMinor).toBe(3 * usOut + 2 * ukOut);
    // One ledger entry per paid leg, each the leg's cost, referenced both ways.
    expect(ledger.map((e) => [e.amountMinor, e.referenceType, e.referenceId, e.idempotencyKey])).toEqual([
      [-3 * usOut, "call_session", String(s.id), `call:${s.id}:0`],
      [-2 * ukOut, "call_session", String(s.id), `call:${s.id}:1`],
    ]);
    expect(legs.map((l) => l.ledgerEntryId)).toEqual(ledger.map((e) => e.id));
    expect(await balanceOf(acct.id)).toBe(50_00 - s.costMinor);

    const log = await db.callLogLine.findMany({ where: { sessionId: s.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(log.find((l) => l.source === "scenario")).toMatchObject({ line: "caller greeted", at: new Date(s.startedAt.getTime() + 3000) });
    expect(log.at(-1)!.line).toBe("Session ended at 2:30: Hung up by the scenario: done");

    const [rec] = await db.recording.findMany({ where: { sessionId: s.id } });
    expect(rec).toMatchObject({ name: "greeting", durationSeconds: 3, mimeType: "audio/wav", source: "tones", startedAt: new Date(s.startedAt.getTime() + 2000) });
    const wav = decodeWav(rec!.audio!)!;
    expect(wav.rate).toBe(SAMPLE_RATE);
    expect(wav.samples.length).toBe(3 * SAMPLE_RATE);
    expect(rec!.sizeBytes).toBe(rec!.audio!.length);

    // Finalising again writes nothing.
    expect(await finaliseSession(s.id, { now: t.now() })).toBe(false);
    expect(await advanceCalls(t.advance(60), { accountId: acct.id })).toEqual([]);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(2);
  });

  it("a run that hangs up at once is final when placeCall returns; an unanswered call ends no_answer, free", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const unanswered = scriptedRuntime({
      outcome: "completed",
      durationSeconds: 0,
      events: [
        { at: 0, type: "forward", to: US_DEST, kind: "number", answered: false, seconds: 0, endAt: 0 },
        { at: 0, type: "hangup", by: "runtime", reason: "no_answer" },
      ],
    });
    const s = await place(owner, app.id, callerId, deps(unanswered, t.clock), { answerAfterSeconds: null });
    expect(s).toMatchObject({ status: "no_answer", finishReason: `No answer from ${US_DEST}` });
    expect(unanswered.calls[0]!.party.answerAfterSeconds).toBeNull();
    expect(await db.callLeg.findMany({ where: { sessionId: s.id }, select: { successful: true, costMinor: true } })).toEqual([{ successful: false, costMinor: 0 }]);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(0);
  });

  it("an outbound session's call is the first placed call that connected, else the last one placed: a fallback after a busy call completes it; two failures read as the last", async () => {
    const { owner, app, callerId } = await setup();
    const t = testClock();
    const busyThen = (second: ScenarioRun["events"][number]): ScenarioRun => ({
      outcome: "completed",
      durationSeconds: 70,
      events: [ringingCall(0, "+12125550000", "busy"), second, { at: 70, type: "hangup", by: "scenario", reason: "scenario" }],
    });
    const recovered = await place(owner, app.id, callerId, deps(scriptedRuntime(busyThen({ at: 2, type: "forward", to: US_DEST, kind: "number", answered: true, seconds: 60, endAt: 70 })), t.clock));
    await advanceCalls(t.advance(70), { accountId: owner.accountId });
    expect(await db.callSession.findUniqueOrThrow({ where: { id: recovered.id } })).toMatchObject({ status: "completed", finishReason: "The scenario hung up" });
    const failed = await place(owner, app.id, callerId, deps(scriptedRuntime(busyThen(ringingCall(2, UK_DEST, "no_answer"))), t.clock));
    await advanceCalls(t.advance(70), { accountId: owner.accountId });
    expect(await db.callSession.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "no_answer", finishReason: `No answer from ${UK_DEST}` });
  });

  it("a scenario error ends the session \"error\" with the script's message", async () => {
    const { owner, app, callerId } = await setup();
    const t = testClock();
    const broken = scriptedRuntime({ outcome: "error", error: "ReferenceError: foo is not defined (line 3)", durationSeconds: 0, events: [{ at: 0, type: "hangup", by: "runtime", reason: "error" }] });
    const s = await place(owner, app.id, callerId, deps(broken, t.clock));
    expect(s).toMatchObject({ status: "error", finishReason: "Error: the scenario failed: ReferenceError: foo is not defined (line 3)" });
  });

  it("a session stored by an earlier version reads in today's words: a plain Error's name and 'the scenario' are said once", async () => {
    const { owner, app, callerId } = await setup();
    const t = testClock();
    // A run recorded before the sandbox left out a plain Error's name, finalised now.
    const old = scriptedRuntime({ outcome: "error", error: 'Error: no agent on duty (scenario "main", line 2)', durationSeconds: 0, events: [{ at: 0, type: "hangup", by: "runtime", reason: "error" }] });
    const why = 'no agent on duty (scenario "main", line 2)';
    const s = await place(owner, app.id, callerId, deps(old, t.clock));
    expect(s).toMatchObject({ status: "error", finishReason: `Error: the scenario failed: ${why}` });
    // Sessions finalised before: their stored finish reason and our log lines are shown as today's; the scenario's own lines as written.
    const timedOut = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(10, [], { callTo: null })), t.clock));
    await advanceCalls(t.advance(10), { accountId: app.accountId });
    await db.callSession.update({ where: { id: s.id }, data: { finishReason: `Error: the scenario failed: Error: ${why}` } });
    await db.callSession.update({ where: { id: timedOut.id }, data: { finishReason: "Error: the scenario ran out of time: The scenario ran longer than its 1000 ms of CPU time" } });
    await db.callLogLine.createMany({
      data: [
        { sessionId: s.id, at: s.startedAt, source: "system", line: `The scenario failed: Error: ${why}` },
        { sessionId: s.id, at: s.startedAt, source: "system", line: `Session ended at 0:00: Error: the scenario failed: Error: ${why}` },
        { sessionId: s.id, at: s.startedAt, source: "scenario", line: "Error: the scenario failed: Error: as the script wrote it" },
      ],
    });
    const detail = await getCallSession(owner, s.id);
    expect(detail!.finishReason).toBe(`Error: the scenario failed: ${why}`);
    expect(detail!.log.slice(-3).map((l) => l.line)).toEqual([`The scenario failed: ${why}`, `Session ended at 0:00: Error: the scenario failed: ${why}`, "Error: the scenario failed: Error: as the script wrote it"]);
    // The time limit, which earlier versions called CPU time: the log's line and the finish reason say what it measures.
    await db.callLogLine.create({ data: { sessionId: timedOut.id, at: timedOut.startedAt, source: "system", line: "The scenario ran longer than its 1000 ms of CPU time" } });
    const timedOutDetail = await getCallSession(owner, timedOut.id);
    expect(timedOutDetail!.finishReason).toBe("Error: the scenario ran longer than its 1000 ms time limit");
    expect(timedOutDetail!.log.map((l) => l.line)).toContain("The scenario ran longer than its 1000 ms time limit");
    const listed = await listCallSessions(owner, { filter: { applicationId: app.id }, sort: "startedAt", dir: "asc", offset: 0, count: 10 });
    expect(listed.items.map((i) => i.finishReason)).toEqual([`Error: the scenario failed: ${why}`, "Error: the scenario ran longer than its 1000 ms time limit"]);
  });

  it("StartScenarios-style: by rule id without a destination; an unknown rule or no matching rule is refused, nothing written", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const runtime = scriptedRuntime(talkRun(30), { matches: (d) => d === US_DEST });
    const s = await placeCall(owner, { applicationId: app.id, ruleId: RULE.id, callerKind: "number", callerNumber: callerId }, deps(runtime, t.clock));
    expect(s.status).toBe("running");
    expect(runtime.calls.at(-1)).toMatchObject({ to: "" });
    const before = await callState(acct.id);
    await expect(placeCall(owner, { applicationId: app.id, ruleId: 999999, callerKind: "number", callerNumber: callerId }, deps(runtime, t.clock))).rejects.toMatchObject({ code: "NOT_FOUND", field: "ruleId" });
    await expect(place(owner, app.id, callerId, deps(runtime, t.clock), { destination: "+33612345678" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "destination", reason: "call_not_routed" });
    expect(await callState(acct.id)).toEqual(before);
  });
});

describe("who may call, and as whom", () => {
  it("an outside number may not be shown to the telephone network; to a user it may", async () => {
    const { acct, owner, app } = await setup();
    const t = testClock();
    const runtime = scriptedRuntime(talkRun(10));
    const before = await callState(acct.id);
    await expect(place(owner, app.id, "+15005550006", deps(runtime, t.clock))).rejects.toMatchObject({ code: "INVALID_INPUT", field: "callerNumber", reason: "call_caller_invalid" });
    expect(await callState(acct.id)).toEqual(before);
    expect((await place(owner, app.id, "+15005550006", deps(runtime, t.clock), { destination: "bob" })).status).toBe("running");
    const own = await fixtureOwnNumber(acct.id);
    expect((await place(owner, app.id, own.number, deps(runtime, t.clock))).status).toBe("running");
  });

  it("a user of the application calls; an inactive one or another application's cannot", async () => {
    const { owner, app, acct } = await setup();
    const t = testClock();
    const runtime = scriptedRuntime(talkRun(10));
    const alice = await fixtureAppUser(acct.id, app.id, { name: "alice" });
    const s = await placeCall(owner, { applicationId: app.id, destination: US_DEST, callerKind: "user", callerUser: "Alice" }, deps(runtime, t.clock));
    expect(await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ fromNumber: "alice", appUserId: alice.id });
    await fixtureAppUser(acct.id, app.id, { name: "sleepy", active: false });
    await expect(placeCall(owner, { applicationId: app.id, destination: US_DEST, callerKind: "user", callerUser: "sleepy" }, deps(runtime, t.clock))).rejects.toMatchObject({ field: "callerUser", reason: "call_caller_invalid" });
    const other = await fixtureCallApp(acct.id);
    await fixtureAppUser(acct.id, other.id, { name: "carol" });
    await expect(placeCall(owner, { applicationId: app.id, destination: US_DEST, callerKind: "user", callerUser: "carol" }, deps(runtime, t.clock))).rejects.toMatchObject({ code: "NOT_FOUND", field: "callerUser" });
  });

  it("another account's application is not found, nothing written", async () => {
    const { owner, acct, callerId } = await setup();
    const theirs = await fixtureCallApp((await createTestAccount()).id);
    const before = await callState(acct.id);
    await expect(place(owner, theirs.id, callerId, deps(scriptedRuntime(talkRun(5)), testClock().clock))).rejects.toMatchObject({ code: "NOT_FOUND", reason: "application_not_found" });
    expect(await callState(acct.id)).toEqual(before);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.scenarios") || can({ roles: [role] }, "application.rules");
    it(`placeCall as ${role}: ${allowed ? "placed" : "FORBIDDEN, nothing written"}`, async () => {
      const acct: TestAccount = await createTestAccount();
      const app = await fixtureCallApp(acct.id);
      await fixtureTopUp(acct.id);
      const callerId = (await fixtureCallerId(acct.id)).number;
      const actor = await acct.actor(role);
      const before = await callState(acct.id);
      const run = place(actor, app.id, callerId, deps(scriptedRuntime(talkRun(5)), testClock().clock));
      if (allowed) expect((await run).status).toBe("running");
      else {
        await expect(run).rejects.toMatchObject({ code: "FORBIDDEN" });
        expect(await callState(acct.id)).toEqual(before);
      }
    });
  }
});

describe("inbound calls", () => {
  it("a blacklisted caller is refused with a rejected record and no scenario runs", async () => {
    const { acct, owner, app } = await setup();
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
    await db.pstnBlacklistEntry.create({ data: { accountId: acct.id, phone: "+4477009", isPrefix: true, reason: "spam" } });
    const runtime = scriptedRuntime(talkRun(10));
    const t = testClock();
    const s = await simulateInbound(owner, { numberId: number.id, from: UK_DEST }, deps(runtime, t.clock));
    expect(s).toMatchObject({ status: "rejected", finishReason: `Rejected: the caller ${UK_DEST} is on the PSTN blacklist (prefix +4477009: spam)` });
    expect(runtime.calls).toEqual([]);
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true, logLines: true } });
    expect(row).toMatchObject({ direction: "inbound", initiator: "inbound", fromNumber: UK_DEST, toNumber: number.number, costMinor: 0 });
    expect(row.legs).toEqual([expect.objectContaining({ incoming: true, successful: false, endReason: "rejected" })]);
    expect(row.logLines.map((l) => l.line)).toEqual([s.finishReason]);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(0);
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "call.inbound", targetId: String(s.id) } })).toBe(1);
  });

  it("other callers are routed by the number's application and billed at the number's inbound price", async () => {
    const { acct, owner, app } = await setup();
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
    const runtime = scriptedRuntime(talkRun(62, [], { callTo: null }));
    const t = testClock();
    const s = await simulateInbound(owner, { numberId: number.id, from: UK_DEST, dtmf: "12#" }, deps(runtime, t.clock));
    expect(runtime.calls[0]).toMatchObject({ direction: "inbound", from: UK_DEST, to: number.number, party: { dtmf: "12#", answerAfterSeconds: 0 } });
    await advanceCalls(t.advance(62), { accountId: acct.id });
    const [leg] = await db.callLeg.findMany({ where: { sessionId: s.id } });
    const inbound = pricesForDestination(number.number).callInboundPerMinuteMinor;
    expect(leg).toMatchObject({ incoming: true, localNumber: number.number, remoteNumber: UK_DEST, durationSeconds: 60, pricePerMinuteMinor: inbound, costMinor: inbound });
  });

  it("whom the scenario calls answers after the seconds given, or never (null), to try a voicemail path", async () => {
    const { acct, owner, app } = await setup();
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
    const runtime = scriptedRuntime(talkRun(5));
    const t = testClock();
    await simulateInbound(owner, { numberId: number.id, from: UK_DEST, calledAnswersAfterSeconds: "7" }, deps(runtime, t.clock));
    await simulateInbound(owner, { numberId: number.id, from: UK_DEST, calledAnswersAfterSeconds: null }, deps(runtime, t.clock));
    expect(runtime.calls.map((c) => c.party.answerAfterSeconds)).toEqual([7, null]);
    await expect(simulateInbound(owner, { numberId: number.id, from: UK_DEST, calledAnswersAfterSeconds: "-1" }, deps(runtime, t.clock))).rejects.toMatchObject({ field: "calledAnswersAfterSeconds" });
  });

  it("a number without an application, another account's number, or no matching rule", async () => {
    const { acct, owner, app } = await setup();
    const t = testClock();
    const loose = await fixtureOwnNumber(acct.id);
    await expect(simulateInbound(owner, { numberId: loose.id, from: UK_DEST }, deps(scriptedRuntime(talkRun(5)), t.clock))).rejects.toMatchObject({ field: "numberId", reason: "call_not_routed" });
    const theirs = await fixtureOwnNumber((await createTestAccount()).id);
    await expect(simulateInbound(owner, { numberId: theirs.id, from: UK_DEST }, deps(scriptedRuntime(talkRun(5)), t.clock))).rejects.toMatchObject({ code: "NOT_FOUND", field: "numberId" });
    await db.phoneNumber.update({ where: { id: loose.id }, data: { applicationId: app.id } });
    const s = await simulateInbound(owner, { numberId: loose.id, from: UK_DEST }, deps(scriptedRuntime(talkRun(5), { matches: () => false }), t.clock));
    expect(s).toMatchObject({ status: "failed", finishReason: `Failed: No rule of the application matches ${loose.number}` });
  });
});

describe("inbound calls through a SIP registration", () => {
  it("go to the bound rule (the callee is the PBX account) or the bound user (the callee is the user), billed as a platform leg, the PSTN blacklist not applying", async () => {
    const { acct, owner, app } = await setup();
    const t = testClock();
    const rule = await db.rule.create({ data: { accountId: acct.id, applicationId: app.id, name: "pbx", pattern: ".*", position: 0 } });
    const toRule = await fixtureSipRegistration(acct.id, { sipUsername: "100", applicationId: app.id, ruleId: rule.id });
    await db.pstnBlacklistEntry.create({ data: { accountId: acct.id, phone: UK_DEST, isPrefix: false, reason: "spam" } });
    const runtime = scriptedRuntime(talkRun(61, [], { callTo: null }));
    const ruleIds: number[] = [];
    runtime.ruleById = async (_app, id) => (ruleIds.push(id), id === rule.id ? MATCH : null);
    const s = await simulateInbound(owner, { sipRegistrationId: toRule.id, from: UK_DEST, dtmf: "5" }, deps(runtime, t.clock));
    expect(s.status).toBe("running");
    expect(ruleIds).toEqual([rule.id]);
    expect(runtime.calls[0]).toMatchObject({ direction: "inbound", from: UK_DEST, to: "100@pbx.example.com", party: { dtmf: "5" } });
    await advanceCalls(t.advance(61), { accountId: acct.id });
    const [leg] = await db.callLeg.findMany({ where: { sessionId: s.id } });
    expect(leg).toMatchObject({ incoming: true, localNumber: "100@pbx.example.com", remoteNumber: UK_DEST, remoteNumberType: "sip", pricePerMinuteMinor: USER_LEG_PRICE_PER_MINUTE_MINOR });
    // The session's log says which registration the call came through.
    const [first] = await db.callLogLine.findMany({ where: { sessionId: s.id }, orderBy: { id: "asc" }, take: 1 });
    expect(first!.line).toMatch(new RegExp(`^Session started: incoming call from \\${UK_DEST} to 100@pbx\\.example\\.com through the SIP registration 100@pbx\\.example\\.com;`));

    const user = await fixtureAppUser(acct.id, app.id, { name: "dave" });
    const toUser = await fixtureSipRegistration(acct.id, { sipUsername: "200", applicationId: app.id, appUserId: user.id });
    const dialled: string[] = [];
    const userRuntime = scriptedRuntime(talkRun(5, [], { callTo: null }), { matches: (d) => (dialled.push(d), true) });
    const viaUser = await simulateInbound(owner, { sipRegistrationId: toUser.id, from: "+14155550177" }, deps(userRuntime, t.clock));
    expect(dialled).toEqual(["dave"]);
    await advanceCalls(t.advance(5), { accountId: acct.id });
    expect((await db.callLeg.findFirstOrThrow({ where: { sessionId: viaUser.id } })).remoteNumberType).toBe("sip");
    expect(userRuntime.calls[0]).toMatchObject({ direction: "inbound", from: "+14155550177", to: "dave" });
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "call.inbound" } })).toBe(2);
  });

  it("an unbound, deactivated, unregistered or another account's registration takes no call, saying why on its field", async () => {
    const { acct, owner, app } = await setup();
    const d = deps(scriptedRuntime(talkRun(5)), testClock().clock);
    const call = (id: number) => simulateInbound(owner, { sipRegistrationId: id, from: UK_DEST }, d);
    const loose = await fixtureSipRegistration(acct.id);
    await expect(call(loose.id)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "sipRegistrationId", reason: "call_not_routed", message: expect.stringContaining("not bound") });
    const off = await fixtureSipRegistration(acct.id, { applicationId: app.id, deactivated: true });
    await expect(call(off.id)).rejects.toMatchObject({ field: "sipRegistrationId", message: expect.stringContaining("deactivated") });
    const failing = await fixtureSipRegistration(acct.id, { applicationId: app.id });
    await db.sipRegistration.update({ where: { id: failing.id }, data: { successful: false, statusCode: 408, errorMessage: "Request Timeout" } });
    await expect(call(failing.id)).rejects.toMatchObject({ field: "sipRegistrationId", message: expect.stringContaining("not registered with its PBX (Request Timeout)") });
    const theirs = await fixtureSipRegistration((await createTestAccount()).id);
    await expect(call(theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND", field: "sipRegistrationId", reason: "sip_registration_not_found" });
    expect(await db.callSession.count({ where: { accountId: acct.id } })).toBe(0);
    // The dialog offers only those that take calls.
    const ready = await fixtureSipRegistration(acct.id, { sipUsername: "300", applicationId: app.id });
    expect((await callToolChoices(owner)).sipRegistrations).toEqual([{ id: ready.id, label: "300@pbx.example.com", applicationId: app.id }]);
  });

  it("the input names a number or a registration, exactly one", async () => {
    const { acct, owner } = await setup();
    const d = deps(scriptedRuntime(talkRun(5)), testClock().clock);
    await expect(simulateInbound(owner, { from: UK_DEST }, d)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "numberId" });
    const number = await fixtureOwnNumber(acct.id);
    const reg = await fixtureSipRegistration(acct.id);
    await expect(simulateInbound(owner, { numberId: number.id, sipRegistrationId: reg.id, from: UK_DEST }, d)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "numberId" });
  });
});

describe("money", () => {
  it("refused at the start when the balance cannot pay the first minute: payment_required, nothing charged", async () => {
    const { acct, owner, app, callerId } = await setup(0);
    await fixtureTopUp(acct.id, usOut - 1);
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(120)), testClock().clock));
    expect(s.status).toBe("payment_required");
    expect(s.finishReason).toMatch(/^Payment required: the first minute costs \$\d+\.\d\d and the balance has \$\d+\.\d\d$/);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(0);
  });

  it("cut where the balance runs out: planned end earlier, status payment_required, never below the credit limit", async () => {
    const { acct, owner, app, callerId } = await setup(0);
    await fixtureTopUp(acct.id, 2 * usOut);
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(600)), t.clock));
    expect(s.status).toBe("running");
    const planned = (s.plannedEndAt.getTime() - s.startedAt.getTime()) / 1000;
    expect(planned).toBe(122); // answered at 2 s, two minutes paid
    await advanceCalls(t.advance(122), { accountId: acct.id });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ status: "payment_required", durationSeconds: 122, costMinor: 2 * usOut, finishReason: "Payment required: the balance ran out at 2:02" });
    expect(await balanceOf(acct.id)).toBe(0);
  });

  it("a call still ringing when the balance runs out ends payment_required, as the log says it was not answered: stored, in the detail and in GetCallHistory", async () => {
    const { acct, owner, app, callerId } = await setup(0);
    await fixtureTopUp(acct.id, 2 * usOut);
    const t = testClock();
    // The balance runs out at 2:02, while the call of 1:40 rings (it would ring out at 2:40).
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(600, [ringingCall(100, UK_DEST, "no_answer")])), t.clock));
    await advanceCalls(t.advance(122), { accountId: acct.id });
    expect(await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "payment_required", durationSeconds: 122 });
    const ends = await legEnds(owner, s.id);
    expect(ends.stored).toEqual([
      [US_DEST, "payment_required"],
      [UK_DEST, "payment_required"],
    ]);
    expect(ends.api).toEqual(ends.stored);
    expect(ends.detail).toEqual([
      [US_DEST, "payment required"],
      [UK_DEST, "payment required"],
    ]);
    expect(ends.called).toEqual([`Called ${US_DEST}: answered, talked 120 s`, `Called ${UK_DEST}: not answered`]);
  });

  it("a balance spent meanwhile cuts the call at finalisation instead of overdrawing", async () => {
    const { acct, owner, app, callerId } = await setup(0);
    await fixtureTopUp(acct.id, 10 * usOut);
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(300)), t.clock));
    expect((s.plannedEndAt.getTime() - s.startedAt.getTime()) / 1000).toBe(300);
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: -9 * usOut, kind: "charge", memo: "spent meanwhile" } });
    await advanceCalls(t.advance(300), { accountId: acct.id });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ status: "payment_required", costMinor: usOut, durationSeconds: 62 });
    expect(await balanceOf(acct.id)).toBe(0);
  });

  it("a user with a separate balance pays from it, not the account's ledger", async () => {
    const { acct, owner, app } = await setup();
    const t = testClock();
    const payer = await fixtureAppUser(acct.id, app.id, { name: "payer", separateBalanceMinor: 5 * usOut });
    const s = await placeCall(owner, { applicationId: app.id, destination: US_DEST, callerKind: "user", callerUser: "payer" }, deps(scriptedRuntime(talkRun(121)), t.clock));
    const ledgerBefore = await balanceOf(acct.id);
    await advanceCalls(t.advance(121), { accountId: acct.id });
    const [leg] = await db.callLeg.findMany({ where: { sessionId: s.id } });
    expect(leg).toMatchObject({ costMinor: 2 * usOut, chargedAppUserId: payer.id, ledgerEntryId: null });
    expect((await db.appUser.findUniqueOrThrow({ where: { id: payer.id } })).balanceMinor).toBe(3 * usOut);
    expect(await balanceOf(acct.id)).toBe(ledgerBefore);
    // Broke: refused at the start, whatever the account holds.
    await db.appUser.update({ where: { id: payer.id }, data: { balanceMinor: 0 } });
    const refused = await placeCall(owner, { applicationId: app.id, destination: US_DEST, callerKind: "user", callerUser: "payer" }, deps(scriptedRuntime(talkRun(60)), t.clock));
    expect(refused.status).toBe("payment_required");
    expect(refused.finishReason).toContain("the user's separate balance");
  });
});

describe("exactly once", () => {
  it("two advancers running at once finalise every session once and charge it once", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const d = deps(scriptedRuntime(talkRun(90)), t.clock);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await place(owner, app.id, callerId, d)).id);
    const now = t.advance(90);
    const [a, b] = await Promise.all([advanceCalls(now, { owner: "server-a", accountId: acct.id }), advanceCalls(now, { owner: "server-b", accountId: acct.id })]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(ids);
    const entries = await db.ledgerEntry.findMany({ where: { accountId: acct.id, kind: "call" } });
    expect(entries).toHaveLength(6);
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(6);
    expect(await db.callLeg.count({ where: { sessionId: { in: ids } } })).toBe(6);
    expect(await db.recording.count({ where: { sessionId: { in: ids } } })).toBe(6);
  });

  it("two finalisers of one session racing past their claims: one writes, the other writes nothing", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(61)), t.clock));
    const now = t.advance(61);
    const results = await Promise.all([finaliseSession(s.id, { now }), finaliseSession(s.id, { now }), finaliseSession(s.id, { now })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.callLeg.count({ where: { sessionId: s.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(1);
    expect(await db.callLogLine.count({ where: { sessionId: s.id, source: "scenario" } })).toBe(1);
  });

  it("an expired claim of a dead server is taken over; a live one is left alone", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(10)), t.clock));
    const now = t.advance(10);
    await db.callSession.update({ where: { id: s.id }, data: { claimedBy: "dead-server", claimedUntil: new Date(now.getTime() + 5000) } });
    expect(await advanceCalls(now, { owner: "alive", accountId: acct.id })).toEqual([]);
    expect(await advanceCalls(t.advance(6), { owner: "alive", accountId: acct.id })).toEqual([s.id]);
  });
});

describe("a session that cannot be finalised", () => {
  it("does not hold up the others: they are finalised, it is reported by id (or thrown) and tried again once its claim lapses", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const d = deps(scriptedRuntime(talkRun(30)), t.clock);
    const [bad, good] = [await place(owner, app.id, callerId, d), await place(owner, app.id, callerId, d)];
    // Ends first, so the tick meets it before the good one.
    const { run } = await db.callSession.findUniqueOrThrow({ where: { id: bad!.id }, select: { run: true } });
    await db.callSession.update({ where: { id: bad!.id }, data: { run: "{}", plannedEndAt: new Date(t.clock().getTime() + 29_000) } });
    try {
      const now = t.advance(30);
      const reported: number[] = [];
      expect(await advanceCalls(now, { accountId: acct.id, onError: (id, e) => (expect(e).toBeInstanceOf(TypeError), reported.push(id)) })).toEqual([good!.id]);
      expect(reported).toEqual([bad!.id]);
      expect(await db.callSession.findUniqueOrThrow({ where: { id: good!.id }, select: { status: true } })).toEqual({ status: "completed" });
      expect(await db.callSession.findUniqueOrThrow({ where: { id: bad!.id }, select: { status: true } })).toEqual({ status: "running" });
      // Claimed for CLAIM_SECONDS: left alone until then, then tried again; without onError, thrown.
      expect(await advanceCalls(t.advance(CLAIM_SECONDS), { accountId: acct.id })).toEqual([]);
      await expect(advanceCalls(t.advance(1), { accountId: acct.id })).rejects.toThrow(TypeError);
    } finally {
      // Mended and finalised, so no scheduler of a test sharing this database meets it.
      await db.callSession.update({ where: { id: bad!.id }, data: { run, claimedUntil: null } });
      expect(await advanceCalls(t.advance(CLAIM_SECONDS + 1), { accountId: acct.id })).toEqual([bad!.id]);
    }
  });
});

describe("terminate", () => {
  it("cuts a running session at now, charges the talk so far, and cannot end it twice", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(600)), t.clock));
    t.advance(32);
    const ended = await terminateSession(owner, { sessionId: s.id }, { clock: t.clock });
    expect(ended).toMatchObject({ status: "terminated", finishReason: `Terminated by ${owner.name} at 0:32` });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true } });
    expect(row).toMatchObject({ durationSeconds: 32, costMinor: usOut });
    expect(row.legs[0]).toMatchObject({ durationSeconds: 30, endReason: "terminated" });
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "call.terminate", targetId: String(s.id) } })).toBe(1);
    await expect(terminateSession(owner, { sessionId: s.id }, { clock: t.clock })).rejects.toMatchObject({ code: "CONFLICT", reason: "call_not_running" });
    expect(await advanceCalls(t.advance(600), { accountId: acct.id })).not.toContain(s.id);
  });

  it("a call still ringing at the cut ends terminated, as the log says it was not answered: stored, in the detail and in GetCallHistory", async () => {
    const { owner, app, callerId } = await setup();
    const t = testClock();
    const BUSY = "+12125550000";
    // Busy at 22 s (before the cut), busy at 30 s and ringing out at 85 s (both still ringing at the cut).
    const run = talkRun(600, [ringingCall(20, BUSY, "busy"), ringingCall(25, UK_DEST, "no_answer"), ringingCall(28, "+13105550000", "busy")]);
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(run), t.clock));
    t.advance(29);
    await terminateSession(owner, { sessionId: s.id }, { clock: t.clock });
    const ends = await legEnds(owner, s.id);
    expect(ends.stored).toEqual([
      [US_DEST, "terminated"],
      [BUSY, "busy"],
      [UK_DEST, "terminated"],
      ["+13105550000", "terminated"],
    ]);
    expect(ends.api).toEqual(ends.stored);
    expect(ends.detail).toEqual([
      [US_DEST, "terminated"],
      [BUSY, "busy"],
      [UK_DEST, "terminated"],
      ["+13105550000", "terminated"],
    ]);
    expect(ends.called).toEqual([`Called ${BUSY}: busy`, `Called ${US_DEST}: answered, talked 27 s`, `Called ${UK_DEST}: not answered`, "Called +13105550000: not answered"]);
  });

  it("needs calls.active_sessions; another account's session is not found", async () => {
    const { acct, owner, app, callerId } = await setup();
    const t = testClock();
    const s = await place(owner, app.id, callerId, deps(scriptedRuntime(talkRun(600)), t.clock));
    for (const role of PRINCIPALS) {
      if (can({ roles: [role] }, "calls.active_sessions")) continue;
      await expect(terminateSession(await acct.actor(role), { sessionId: s.id }, { clock: t.clock }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const stranger = await (await createTestAccount()).actor(OWNER_ROLE);
    await expect(terminateSession(stranger, { sessionId: s.id }, { clock: t.clock })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("running");
  });
});


describe("the SmartQueue snapshot a run gets", () => {
  it("is read only when one of the rule's scenarios calls enqueueTask, for the call's account and application", async () => {
    const { owner, app, callerId } = await setup();
    const t = testClock();
    const reads: [number, number][] = [];
    const smartQueue = async (accountId: number, applicationId: number) => {
      reads.push([accountId, applicationId]);
      return { queues: [], skills: [] };
    };
    const plain = scriptedRuntime(talkRun(10));
    await place(owner, app.id, callerId, deps(plain, t.clock, { smartQueue }));
    expect(reads).toEqual([]);
    expect(plain.calls[0]).not.toHaveProperty("smartQueue");

    const queuing = scriptedRuntime(talkRun(10));
    const match = { rule: RULE, scenarios: [{ ...SCENARIO, script: "require(Modules.SmartQueue); VoxEngine.enqueueTask({})" }] };
    await place(owner, app.id, callerId, deps({ ...queuing, route: async () => match }, t.clock, { smartQueue }));
    expect(reads).toEqual([[owner.accountId, app.id]]);
    expect(queuing.calls[0]).toMatchObject({ smartQueue: { queues: [], skills: [] } });
  });
});
