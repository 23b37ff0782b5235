// A scenario runs end to end through the real sandbox and the real routing (lib/domains/scenarios,
// lib/domains/rules): the session's history, legs, log, recording and ledger rows agree with what
// the script did; a call list's calls show the caller ID their scenario gave, and a busy
// destination reads as busy.
import { describe, expect, it } from "vitest";
import type { Clock } from "@/lib/core/clock";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { decodeWav } from "@/lib/domains/recordings/audio";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { advanceCallLists, createCallList } from "@/lib/domains/call-lists/mutations";
import { installTemplate } from "@/lib/domains/marketplace/mutations";
import { createTestAccount } from "@/test/factories";
import { fixtureUser } from "@/lib/domains/app-users/api-fixtures";
import { fixtureQueue, fixtureSkill } from "@/lib/domains/queues/api-fixtures";
import { smartQueueSnapshot } from "@/lib/domains/queues/queries";
import { balanceOf, fixtureAppWithRule, fixtureCallApp, fixtureCallerId, OUTBOUND_SCRIPT, testClock } from "./call-fixtures";
import { advanceCalls, placeCall, simulateInbound } from "./simulator";
import type { SimulateInboundInput } from "./schemas";

const INBOUND = `
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  Logger.write("call from " + e.callerid);
  e.call.answer();
  e.call.addEventListener(CallEvents.Connected, () => e.call.say("Welcome"));
  e.call.addEventListener(CallEvents.PlaybackFinished, () => e.call.hangup());
});`;

/** A new account whose own number's application runs `script` (rule pattern `pattern`); `call` simulates a call to it from +447700900123. */
async function inboundApp(script: string, pattern?: string) {
  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  await fixtureTopUp(acct.id);
  const number = await fixtureOwnNumber(acct.id);
  const { app } = await fixtureAppWithRule(acct.id, script, pattern);
  await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: app.id } });
  const call = (clock: Clock, more: Partial<SimulateInboundInput> = {}) => simulateInbound(owner, { numberId: number.id, from: "+447700900123", ...more }, { clock });
  return { acct, app, call };
}

/** A new account with $20, a verified caller ID and a number of its own: the two kinds of caller ID it may present. */
async function accountWithCallerIds() {
  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  await fixtureTopUp(acct.id, 20_00);
  const verified = (await fixtureCallerId(acct.id)).number;
  const rented = (await fixtureOwnNumber(acct.id)).number;
  return { acct, owner, verified, rented };
}

/** A session's log lines as the history orders them, each "<seconds after the start> <line>". */
async function timedLog(s: { id: number; startedAt: Date }): Promise<string[]> {
  const lines = await db.callLogLine.findMany({ where: { sessionId: s.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return lines.map((l) => `${(l.at.getTime() - s.startedAt.getTime()) / 1000} ${l.line}`);
}

describe("the real sandbox and routing", () => {
  it("an outbound test call: the scenario calls the destination, records, logs; history, legs, recording and ledger agree", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id, 20_00);
    const callerId = (await fixtureCallerId(acct.id)).number;
    const { app, rule } = await fixtureAppWithRule(acct.id, OUTBOUND_SCRIPT);
    const t = testClock();
    const dest = "+12125550142";
    const s = await placeCall(owner, { applicationId: app.id, destination: dest, callerKind: "number", callerNumber: callerId, answerAfterSeconds: 3 }, { clock: t.clock, speech: { espeakPath: "/nonexistent" } });
    expect(s.status).toBe("running");
    const seconds = (s.plannedEndAt.getTime() - s.startedAt.getTime()) / 1000;
    // Rings 3 s, says five words (2 s), waits 60 s, hangs up.
    expect(seconds).toBe(65);
    await advanceCalls(t.advance(66), { accountId: acct.id, speech: { espeakPath: "/nonexistent" } });

    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true, logLines: { orderBy: [{ at: "asc" }, { id: "asc" }] }, recordings: true } });
    const price = pricesForDestination(dest).callOutboundPerMinuteMinor;
    expect(row).toMatchObject({ status: "completed", ruleId: rule.id, ruleName: "everything", durationSeconds: 65, costMinor: 2 * price });
    expect(row.legs).toEqual([expect.objectContaining({ remoteNumber: dest, localNumber: callerId, successful: true, durationSeconds: 62, costMinor: 2 * price })]);
    expect(row.logLines.find((l) => l.source === "scenario")).toMatchObject({ line: `connected to ${dest}`, at: new Date(row.startedAt.getTime() + 3000) });
    expect(row.recordings).toEqual([expect.objectContaining({ name: "greeting", durationSeconds: 2, startedAt: new Date(row.startedAt.getTime() + 3000) })]);
    expect(decodeWav(row.recordings[0]!.audio!)!.samples.length).toBeGreaterThan(0);
    const charges = await db.ledgerEntry.findMany({ where: { accountId: acct.id, kind: "call" } });
    expect(charges.map((c) => c.amountMinor)).toEqual([-2 * price]);
    expect(row.legs[0]!.ledgerEntryId).toBe(charges[0]!.id);
    expect(await balanceOf(acct.id)).toBe(20_00 - 2 * price);
  });

  it("a call list: each call shows the caller ID its scenario gave and says who started it; a busy row reads busy (its status and result), not no answer", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id, 20_00);
    await fixtureCallerId(acct.id, "+15550002222");
    const script = `
VoxEngine.addEventListener(AppEvents.Started, () => {
  const row = JSON.parse(VoxEngine.customData());
  const call = VoxEngine.callPSTN(row.phone_number, "+15550002222");
  call.addEventListener(CallEvents.Failed, (e) => { Logger.write("failed " + e.code); VoxEngine.terminate(); });
  call.addEventListener(CallEvents.Connected, () => setTimeout(VoxEngine.terminate, 2500));
});`;
    const { app, rule } = await fixtureAppWithRule(acct.id, script);
    // The scheduler's step is global: a clock long before the other tests' lists keeps theirs out of it.
    const t = testClock(new Date("2001-01-01T00:00:00Z"));
    const speech = { espeakPath: "/nonexistent" };
    const list = await createCallList(owner, { applicationId: app.id, ruleId: rule.id, name: "reminders", maxSimultaneous: 2, numAttempts: 1, file: "phone_number;name\n+12125550142;Ann\n+14155550000;Bo\n" }, { clock: t.clock });
    await advanceCallLists(t.now(), { deps: { speech } });
    await advanceCalls(t.advance(10), { accountId: acct.id, speech });
    await advanceCallLists(t.now(), { deps: { speech } });

    const sessions = await db.callSession.findMany({ where: { accountId: acct.id }, include: { legs: true, logLines: { orderBy: [{ at: "asc" }, { id: "asc" }] } }, orderBy: { toNumber: "asc" } });
    const [answered, busy] = sessions;
    // Answered at 2 s, terminated 2.5 s later: 4.5 s is 5 s in the header, the log and the finish.
    expect(answered).toMatchObject({ initiator: "call_list", fromNumber: "+15550002222", toNumber: "+12125550142", status: "completed", durationSeconds: 5, finishReason: "The scenario hung up" });
    expect(answered!.legs).toEqual([expect.objectContaining({ localNumber: "+15550002222", durationSeconds: 3, endReason: "hangup" })]);
    expect(answered!.logLines.map((l) => l.line)).toEqual([
      `Session started: started by a call list for +12125550142, caller +15550002222; scenarios “s-${app.id}”`,
      "Called +12125550142: answered, talked 3 s",
      "The scenario hung up",
      "Session ended at 0:05: The scenario hung up",
    ]);
    expect(busy).toMatchObject({ fromNumber: "+15550002222", toNumber: "+14155550000", status: "busy", durationSeconds: 2, finishReason: "Busy: +14155550000" });
    expect(busy!.legs).toEqual([expect.objectContaining({ successful: false, endReason: "busy" })]);
    expect(busy!.logLines.map((l) => l.line)).toEqual([
      `Session started: started by a call list for +14155550000, caller +15550002222; scenarios “s-${app.id}”`,
      "Called +14155550000: busy",
      "failed 486",
      "The other party was busy",
      "Session ended at 0:02: Busy: +14155550000",
    ]);
    const rows = await db.callListRow.findMany({ where: { listId: list.id }, orderBy: { position: "asc" } });
    // The row's result is the session's status: busy, which the results CSV and the retry rules see.
    expect(rows.map((r) => [r.status, r.result, r.reason])).toEqual([
      ["succeeded", "completed", "The scenario hung up"],
      ["failed", "busy", "Busy: +14155550000"],
    ]);
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: "call.place" }, orderBy: { targetId: "asc" } });
    expect(audits.map((a) => auditSentence(a)).sort()).toEqual([
      "Call list reminders called +12125550142 (caller ID +15550002222)",
      "Call list reminders called +14155550000 (caller ID +15550002222)",
    ]);
  });

  it("the Marketplace's call list template, installed, runs a list: a delivered row succeeds with its report; a busy one is reported an error, tried again, then failed", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id, 20_00);
    const app = await fixtureCallApp(acct.id);
    await fixtureCallerId(acct.id, "+15550002222");
    const installed = await installTemplate(owner, {
      templateId: "call-list-notification",
      applicationId: app.id,
      scenarioName: "notify",
      addRule: true,
      rulePattern: "^call-list-notification$",
      ruleFirst: false,
      values: { callerId: "+15550002222", numberColumn: "phone_number", message: "Hello {name}, your order has shipped." },
    });
    const t = testClock(new Date("2001-01-01T00:00:00Z"));
    const speech = { espeakPath: "/nonexistent" };
    const list = await createCallList(owner, { applicationId: app.id, ruleId: installed.ruleId!, name: "shipping", numAttempts: 2, intervalSeconds: 60, file: "phone_number;name\n+12125550142;Ann\n+14155550000;Bo\n" }, { clock: t.clock });
    for (let i = 0; i < 12; i++) {
      await advanceCallLists(t.now(), { deps: { speech } });
      await advanceCalls(t.advance(10), { accountId: acct.id, speech });
    }
    await advanceCallLists(t.now(), { deps: { speech } });
    const rows = await db.callListRow.findMany({ where: { listId: list.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.result, r.reason, r.report])).toEqual([
      ["succeeded", 1, "completed", "The scenario reported a result", '{"delivered":true}'],
      ["failed", 2, "busy", "The scenario reported an error", '{"delivered":false,"reason":"486 Busy Here"}'],
    ]);
    const ann = await db.callSession.findFirstOrThrow({ where: { accountId: acct.id, toNumber: "+12125550142" }, include: { logLines: true } });
    expect(ann.logLines.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id).map((l) => l.line)).toEqual([
      "Session started: started by a call list for +12125550142, caller +15550002222; scenarios “notify”",
      "Said “Hello Ann, your order has shipped.” (3 s)",
      "Called +12125550142: answered, talked 3 s",
      "Message delivered to +12125550142",
      'CallList: result reported: {"delivered":true}',
      "The scenario hung up",
      "Session ended at 0:05: The scenario hung up",
    ]);
  });

  it("an inbound call to the account's number runs the application's matching rule", async () => {
    const { acct, call } = await inboundApp(INBOUND, "\\+1.*");
    const t = testClock();
    const s = await call(t.clock);
    // Answers at once, says one word (0.5 s), hangs up.
    expect(s.status).toBe("running");
    expect(await advanceCalls(t.advance(1), { accountId: acct.id })).toEqual([s.id]);
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true, logLines: true } });
    expect(row.status).toBe("completed");
    expect(row.legs).toEqual([expect.objectContaining({ incoming: true, successful: true, durationSeconds: 1, remoteNumber: "+447700900123" })]);
    expect(row.logLines.map((l) => l.line)).toContain("call from +447700900123");
  });

  it("a call answered and ended in the same second was answered: completed, 0 s, free, as its log says", async () => {
    const { acct, call } = await inboundApp(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { e.call.answer(); VoxEngine.terminate(); });`);
    const before = await balanceOf(acct.id);
    const s = await call(testClock().clock);
    // Ended at second 0: final when simulateInbound returns.
    expect(s).toMatchObject({ status: "completed", finishReason: "The scenario hung up" });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true } });
    expect(row).toMatchObject({ durationSeconds: 0, costMinor: 0 });
    // The inbound price is per started minute of talk: no talk, no charge.
    expect(row.legs).toEqual([expect.objectContaining({ incoming: true, successful: true, durationSeconds: 0, costMinor: 0, endReason: "scenario", ledgerEntryId: null })]);
    expect((await timedLog(s)).slice(1)).toEqual(["0 Call answered", "0 The scenario hung up", "0 Session ended at 0:00: The scenario hung up"]);
    expect(await balanceOf(acct.id)).toBe(before);
  });

  it("a scenario's uncaught Error reads once in the finish reason and the log: its message, scenario and line", async () => {
    const { app, call } = await inboundApp(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {\n  throw new Error("no agent on duty");\n});`);
    const s = await call(testClock().clock);
    const why = `no agent on duty (scenario "s-${app.id}", line 2)`;
    expect(s).toMatchObject({ status: "error", finishReason: `Error: the scenario failed: ${why}` });
    expect((await timedLog(s)).slice(1)).toEqual([`0 The scenario failed: ${why}`, "0 The platform stopped the scenario", `0 Session ended at 0:00: Error: the scenario failed: ${why}`]);
  });

  it("a run the sandbox stops reads 'the scenario' once: 'Error: the scenario did too much: ...', not '...failed: The scenario did too much'", async () => {
    const { call } = await inboundApp(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => { for (let i = 0; ; i++) Logger.write("line " + i); });`);
    const s = await call(testClock().clock);
    const why = "did too much: more than 2000 events";
    expect(s).toMatchObject({ status: "error", finishReason: `Error: the scenario ${why}` });
    expect((await timedLog(s)).slice(-3)).toEqual([`0 The scenario ${why}`, "0 The platform stopped the scenario", `0 Session ended at 0:00: Error: the scenario ${why}`]);
  });

  it("a call dialled as the session ends is one of its legs, as its log line says: an invalid number failing at once reads 'Invalid number'", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id);
    const callerId = (await fixtureCallerId(acct.id)).number;
    const { app } = await fixtureAppWithRule(acct.id, `VoxEngine.addEventListener(AppEvents.Started, () => {
  setTimeout(() => {
    const call = VoxEngine.callPSTN("+12", "${callerId}");
    call.addEventListener(CallEvents.Failed, (e) => { Logger.write("failed " + e.code); VoxEngine.terminate(); });
  }, 1000);
});`);
    const t = testClock();
    // Dialled at 1 s, failed at once (404), and the scenario ends there: the session is cut at the second the call was dialled.
    const s = await placeCall(owner, { applicationId: app.id, destination: "+12125550142", callerKind: "number", callerNumber: callerId }, { clock: t.clock });
    await advanceCalls(t.advance(1), { accountId: acct.id });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: true } });
    expect(row).toMatchObject({ status: "failed", finishReason: "Invalid number: +12", durationSeconds: 1, costMinor: 0 });
    expect(row.legs).toEqual([expect.objectContaining({ remoteNumber: "+12", successful: false, durationSeconds: 0, costMinor: 0, endReason: "invalid" })]);
    expect((await timedLog(s)).slice(1)).toEqual(["1 Called +12: invalid number", "1 failed 404", "1 The number called is invalid", "1 Session ended at 0:01: Invalid number: +12"]);
  });

  it("the network's caller ID rule: a scenario presenting a number the account has not proved (or none) is refused 403, a rented number or a verified caller ID goes through", async () => {
    const { acct, owner, verified, rented } = await accountWithCallerIds();
    // Calls the destination presenting the caller ID in the custom data ("-": none).
    const { app } = await fixtureAppWithRule(acct.id, `VoxEngine.addEventListener(AppEvents.Started, () => {
  const from = VoxEngine.customData();
  const call = VoxEngine.callPSTN("+12125550142", from === "-" ? undefined : from);
  call.addEventListener(CallEvents.Failed, (e) => { Logger.write("failed " + e.code + " " + e.reason); VoxEngine.terminate(); });
  call.addEventListener(CallEvents.Connected, () => setTimeout(VoxEngine.terminate, 3000));
});`);
    const t = testClock();
    const place = (customData: string) =>
      placeCall(owner, { applicationId: app.id, destination: "+12125550142", callerKind: "number", callerNumber: rented, answerAfterSeconds: 1, customData }, { clock: t.clock });
    const refused = await place("+15550009999");
    expect(await db.callSession.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({
      status: "failed",
      durationSeconds: 0,
      costMinor: 0,
      finishReason: "Call to +12125550142 refused: +15550009999 is neither one of the account's numbers nor a verified caller ID",
    });
    expect((await timedLog(refused)).slice(1)).toEqual([
      "0 Called +12125550142: refused: +15550009999 is neither one of the account's numbers nor a verified caller ID",
      "0 failed 403 Forbidden",
      "0 The network refused the caller ID",
      "0 Session ended at 0:00: Call to +12125550142 refused: +15550009999 is neither one of the account's numbers nor a verified caller ID",
    ]);
    const none = await place("-");
    expect(none).toMatchObject({ status: "failed", finishReason: "Call to +12125550142 refused: no caller ID" });
    // A verified caller ID as the platform reads one (no "+"), and a rented number: both answered.
    for (const from of [verified.slice(1), rented]) {
      const s = await place(from);
      expect(s).toMatchObject({ status: "running" });
      await advanceCalls(t.advance(5), { accountId: acct.id });
      expect(await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "completed", durationSeconds: 4 });
    }
    // An expired caller ID is no longer proved.
    await db.callerId.updateMany({ where: { accountId: acct.id }, data: { verifiedUntil: new Date(t.now().getTime() - 1000) } });
    expect(await place(verified)).toMatchObject({ status: "failed", finishReason: expect.stringContaining(`refused: ${verified} is neither`) });
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "call" } })).toBe(2);
  });

  it("a scenario falling back from a refused caller ID: the fallback connects, a later call from the account's number too, and the session completes", async () => {
    const { acct, owner, verified, rented } = await accountWithCallerIds();
    const { app } = await fixtureAppWithRule(acct.id, `VoxEngine.addEventListener(AppEvents.Started, () => {
  const a = VoxEngine.callPSTN("+12125550142", "+15550001111");
  a.addEventListener(CallEvents.Failed, (e) => {
    Logger.write("A failed " + e.code);
    const b = VoxEngine.callPSTN("+12125550143", "${verified}");
    b.addEventListener(CallEvents.Connected, () => setTimeout(() => b.hangup(), 2000));
    b.addEventListener(CallEvents.Disconnected, () => {
      const c = VoxEngine.callPSTN("+12125550144", "${rented}");
      c.addEventListener(CallEvents.Connected, () => setTimeout(VoxEngine.terminate, 3000));
    });
  });
});`);
    const t = testClock();
    const s = await placeCall(owner, { applicationId: app.id, destination: "+12125550142", callerKind: "number", callerNumber: verified, answerAfterSeconds: 1 }, { clock: t.clock });
    await advanceCalls(t.advance(10), { accountId: acct.id });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: { orderBy: { id: "asc" } } } });
    expect(row).toMatchObject({ status: "completed", finishReason: "The scenario hung up" });
    expect(row.legs.map((l) => [l.localNumber, l.remoteNumber, l.successful, l.endReason])).toEqual([
      ["+15550001111", "+12125550142", false, "forbidden"],
      [verified, "+12125550143", true, "hangup"],
      [rented, "+12125550144", true, "hangup"],
    ]);
    expect((await timedLog(s)).slice(1, 3)).toEqual(["0 Called +12125550142: refused: +15550001111 is neither one of the account's numbers nor a verified caller ID", "0 A failed 403"]);
  });

  it("an inbound call may be forwarded showing its caller's number, though the account does not own it; another number is refused", async () => {
    const { acct, call } = await inboundApp(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  const out = VoxEngine.callPSTN("+12125550142", e.customData === "other" ? "+15550009999" : e.callerid);
  out.addEventListener(CallEvents.Failed, (ev) => { Logger.write("failed " + ev.code); VoxEngine.terminate(); });
  out.addEventListener(CallEvents.Connected, () => setTimeout(VoxEngine.terminate, 2000));
});`);
    const t = testClock();
    const forwarded = await call(t.clock, { calledAnswersAfterSeconds: 1 });
    await advanceCalls(t.advance(5), { accountId: acct.id });
    expect((await timedLog(forwarded)).slice(1, 3)).toEqual(["0 Call answered", "3 Called +12125550142: answered, talked 2 s"]);
    const other = await call(t.clock, { calledAnswersAfterSeconds: 1, customData: "other" });
    await advanceCalls(t.advance(5), { accountId: acct.id });
    expect((await timedLog(other)).slice(1, 3)).toEqual(["0 Call answered", "0 Called +12125550142: refused: +15550009999 is neither one of the account's numbers nor a verified caller ID"]);
  });

  it("a placed call's line carries the time its outcome was known: a call nobody answers reads 'no answer' when it rang out, not when it was dialled", async () => {
    const { acct, call } = await inboundApp(`VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  Logger.write("forwarding");
  const out = VoxEngine.callPSTN("+12125550142", e.callerid);
  setTimeout(() => Logger.write("still ringing"), 20000);
  out.addEventListener(CallEvents.Failed, (ev) => { Logger.write("failed " + ev.code); VoxEngine.terminate(); });
});`);
    const t = testClock();
    const s = await call(t.clock, { calledAnswersAfterSeconds: null });
    await advanceCalls(t.advance(60), { accountId: acct.id });
    expect((await timedLog(s)).slice(1)).toEqual([
      "0 Call answered",
      "0 forwarding",
      "20 still ringing",
      "60 Called +12125550142: no answer",
      "60 failed 408",
      "60 The scenario hung up",
      "60 Session ended at 1:00: The scenario hung up",
    ]);
  });

  it("a queue no agent can take the call from: the log says so, and that the call waits only where the queue holds calls", async () => {
    const { acct, app, call } = await inboundApp(`require(Modules.SmartQueue);
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  const task = VoxEngine.enqueueTask({ call: e.call, queue: "Support" });
  task.addEventListener(SmartQueueEvents.TaskCanceled, () => VoxEngine.terminate());
});`);
    const queue = await fixtureQueue(acct.id, app.id, "Support");
    const t = testClock();
    const queueLines = async () => {
      const s = await call(t.clock);
      await advanceCalls(t.advance(60), { accountId: acct.id });
      return (await timedLog(s)).filter((l) => l.includes(" SmartQueue: "));
    };
    // The queue has no agents and does not hold calls: the task is cancelled at once, the call never
    // waits; the line before the cancellation said why, so it is not said again.
    expect(await queueLines()).toEqual([
      "0 SmartQueue: no agent of “Support” can take the call (priority 50; the queue has no agents)",
      "0 SmartQueue: the task in “Support” was cancelled (OPERATOR_NOT_AVAILABLE)",
    ]);
    // It holds calls: the call waits, for nobody, until the queue's longest wait.
    await db.sqQueue.update({ where: { id: queue.id }, data: { holdCallsIfInactiveAgents: true, callMaxWaitingSeconds: 40 } });
    expect(await queueLines()).toEqual([
      "0 SmartQueue: the call waits in “Support”, which holds calls, though no agent can take it (priority 50; the queue has no agents)",
      "40 SmartQueue: the task in “Support” was cancelled (MAX_WAITING_TIME_REACHED): The call waited 40 s, the queue's longest",
    ]);
  });

  it("a scenario that enqueues: the application's queue offers the call to its best agent; the log and legs show it", async () => {
    const { acct, app, call } = await inboundApp(`require(Modules.SmartQueue);
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  const task = VoxEngine.enqueueTask({ call: e.call, queue: "support", skills: [{ name: "English", level: 2 }] });
  task.addEventListener(SmartQueueEvents.OperatorReached, (ev) => {
    VoxEngine.sendMediaBetween(ev.agentCall, e.call);
    ev.agentCall.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  });
});`);
    const queue = await fixtureQueue(acct.id, app.id, "Support");
    const english = await fixtureSkill(acct.id, app.id, "English");
    const [dave, erin, gone] = [await fixtureUser(acct.id, app.id, "dave"), await fixtureUser(acct.id, app.id, "erin"), await fixtureUser(acct.id, app.id, "gone")];
    await db.appUser.update({ where: { id: gone.id }, data: { active: false } });
    for (const [user, level] of [[dave, 2], [erin, 4], [gone, 5]] as const) {
      await db.sqQueueAgent.create({ data: { queueId: queue.id, userId: user.id, accountId: acct.id } });
      await db.sqAgentSkill.create({ data: { userId: user.id, skillId: english.id, accountId: acct.id, level } });
    }
    // Another account's queue of the same name is not this application's.
    const other = await createTestAccount();
    const theirs = await fixtureCallApp(other.id);
    await fixtureQueue(other.id, theirs.id, "Support");

    const snap = await smartQueueSnapshot(acct.id, app.id);
    expect(snap.skills).toEqual(["English"]);
    expect(snap.queues).toEqual([
      expect.objectContaining({ name: "Support", agentSelection: "MOST_QUALIFIED", agents: [expect.objectContaining({ name: "dave", skills: { english: 2 } }), expect.objectContaining({ name: "erin", skills: { english: 4 } })] }),
    ]);

    const t = testClock();
    const s = await call(t.clock, { calledAnswersAfterSeconds: 5, hangupAfterSeconds: 20 });
    await advanceCalls(t.advance(30), { accountId: acct.id });
    const row = await db.callSession.findUniqueOrThrow({ where: { id: s.id }, include: { legs: { orderBy: { id: "asc" } }, logLines: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
    expect(row.logLines.filter((l) => l.line.startsWith("SmartQueue")).map((l) => l.line)).toEqual([
      "SmartQueue: the call waits in “Support” (priority 50; skills English ≥ 2; 2 agents can take it)",
      "SmartQueue: “Support” offers the call to erin",
      "SmartQueue: erin took the call from “Support”",
    ]);
    expect(row.legs.map((l) => [l.remoteNumber, l.successful])).toEqual([["+447700900123", true], ["erin", true]]);
  });
});
