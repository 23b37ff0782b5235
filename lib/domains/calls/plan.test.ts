import { describe, expect, it } from "vitest";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import type { ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import {
  affordableSeconds,
  callListReport,
  costAt,
  currentWording,
  firstMinuteMinor,
  hangupSentence,
  legCost,
  legEndReasonText,
  mmss,
  planLegs,
  planLog,
  planRecordings,
  scenarioCallerId,
  settleLegs,
  wholeSeconds,
} from "./plan";

const UK = "+447700900123";
const US = "+14155550123";
const ukOut = pricesForDestination(UK).callOutboundPerMinuteMinor;
const usOut = pricesForDestination(US).callOutboundPerMinuteMinor;
const usIn = pricesForDestination(US).callInboundPerMinuteMinor;

const party = { answerAfterSeconds: 2, dtmf: "", hangupAfterSeconds: null };
const outbound = (to = US) => ({ direction: "outbound" as const, from: "+14155550100", to, party });
const panelCall = (to = US) => ({ ...outbound(to), initiator: "panel" as const });

// An outbound session: the scenario calls the US number at 0 s (answered after the party's 2 s),
// records a greeting while saying it, logs, calls a UK number at 10 s (talks 90 s) and a user at
// 100 s (still ringing at the end), and hangs up at 130 s.
const RUN: ScenarioRun = {
  outcome: "completed",
  durationSeconds: 130,
  events: [
    { at: 0, type: "forward", to: US, kind: "number", answered: true, seconds: 128, endAt: 130 },
    { at: 2, type: "record_start", name: "greeting" },
    { at: 2.5, type: "say", text: "Hello and welcome", seconds: 2 },
    { at: 5, type: "log", line: "customer called" },
    { at: 6, type: "record_stop", name: "greeting" },
    { at: 10, type: "forward", to: UK, kind: "number", answered: true, seconds: 90, endAt: 102 },
    { at: 100, type: "forward", to: "bob", kind: "user", answered: false, seconds: 0, endAt: 130 },
    { at: 130, type: "hangup", by: "scenario", reason: "done" },
  ],
};

// An inbound session: the scenario answers at 2 s and hangs up at 130 s.
const INBOUND: ScenarioRun = {
  outcome: "completed",
  durationSeconds: 130,
  events: [
    { at: 2, type: "answer" },
    { at: 130, type: "hangup", by: "scenario", reason: "done" },
  ],
};

describe("planLegs", () => {
  it("an outbound session: each call the scenario places is a leg, the first one the session's call, each at its destination's price", () => {
    const legs = planLegs(outbound(), RUN);
    expect(legs.map((l) => [l.index, l.remoteNumber, l.remoteNumberType, l.incoming, l.talkFrom, l.talkTo, l.pricePerMinuteMinor])).toEqual([
      [0, US, "pstn", false, 2, 130, usOut],
      [1, UK, "pstn", false, 12, 102, ukOut],
      [2, "bob", "user", false, null, null, 0],
    ]);
  });

  it("an inbound call is leg 0, from the answer to the end, at the inbound price of the account's number", () => {
    const [leg] = planLegs({ direction: "inbound", from: UK, to: US, party }, INBOUND);
    expect(leg).toMatchObject({ index: 0, incoming: true, localNumber: US, remoteNumber: UK, talkFrom: 2, talkTo: 130, pricePerMinuteMinor: usIn });
    const [unanswered] = settleLegs(planLegs({ direction: "inbound", from: UK, to: US, party }, { ...INBOUND, events: [INBOUND.events[1]!] }), 130);
    expect(unanswered).toMatchObject({ successful: false, costMinor: 0, endReason: "not_answered" });
  });

  it("a call answered in the second its session ends was answered: a successful leg of 0 s, free, and the log says so", () => {
    const inbound: ScenarioRun = { outcome: "completed", durationSeconds: 0, events: [{ at: 0, type: "answer" }, { at: 0, type: "hangup", by: "scenario", reason: "scenario" }] };
    expect(settleLegs(planLegs({ direction: "inbound", from: UK, to: US, party }, inbound), 0)).toEqual([
      expect.objectContaining({ index: 0, successful: true, durationSeconds: 0, costMinor: 0, endReason: "scenario" }),
    ]);
    // A placed call the party answers after 2 s, hung up as it connects.
    const placed: ScenarioRun = { outcome: "completed", durationSeconds: 2, events: [{ at: 0, type: "forward", to: US, kind: "number", answered: true, seconds: 0 }, { at: 2, type: "hangup", by: "scenario", reason: "scenario" }] };
    expect(settleLegs(planLegs(outbound(), placed), 2)).toEqual([expect.objectContaining({ successful: true, durationSeconds: 0, costMinor: 0 })]);
    expect(planLog(panelCall(), placed, ["main"], 2, "x").map((l) => l.line)).toContain(`Called ${US}: answered, talked 0 s`);
  });

  it("a placed call's local number is the caller ID its scenario gave (in E.164 when a number), else the session's caller", () => {
    const run: ScenarioRun = {
      outcome: "completed",
      durationSeconds: 10,
      events: [
        { at: 0, type: "forward", to: US, kind: "number", answered: true, seconds: 5, callerId: "1 (212) 555-0100", endAt: 7 },
        { at: 1, type: "forward", to: "bob", kind: "user", answered: true, seconds: 5, callerId: "Front desk", endAt: 8 },
        { at: 2, type: "forward", to: UK, kind: "number", answered: true, seconds: 5, endAt: 9 },
        { at: 10, type: "hangup", by: "scenario", reason: "done" },
      ],
    };
    expect(planLegs(outbound(), run).map((l) => l.localNumber)).toEqual(["+12125550100", "Front desk", "+14155550100"]);
  });

  it("calls to application users stay on the platform: free", () => {
    const legs = planLegs({ direction: "inbound", from: "alice", to: "sales", party }, INBOUND);
    expect(legs[0]).toMatchObject({ remoteNumberType: "user", pricePerMinuteMinor: 0 });
  });

  it("a session that places no call has no legs", () => {
    expect(planLegs(outbound(""), { outcome: "completed", durationSeconds: 5, events: [{ at: 5, type: "hangup", by: "scenario", reason: "done" }] })).toEqual([]);
  });

  it("an unanswered call is an unanswered, free leg", () => {
    const run: ScenarioRun = { outcome: "completed", durationSeconds: 60, events: [{ at: 0, type: "forward", to: US, kind: "number", answered: false, seconds: 0 }, { at: 60, type: "hangup", by: "runtime", reason: "no_answer" }] };
    const [leg] = settleLegs(planLegs(outbound(), run), 60);
    expect(leg).toMatchObject({ successful: false, durationSeconds: 0, costMinor: 0, endReason: "no_answer" });
  });

  it("a call the scenario hangs up while it rings ends not answered, as its log line says; one of a run stored before legs had an end, no answer", () => {
    const run = (endAt?: number): ScenarioRun => ({
      outcome: "completed",
      durationSeconds: 12,
      events: [{ at: 2, type: "forward", to: US, kind: "number", answered: false, seconds: 0, ...(endAt !== undefined ? { endAt } : {}) }, { at: 12, type: "hangup", by: "scenario", reason: "scenario" }],
    });
    const [leg] = settleLegs(planLegs(outbound(), run(10)), 12);
    expect(leg).toMatchObject({ successful: false, costMinor: 0, endReason: "not_answered" });
    expect(planLog(panelCall(), run(10), ["main"], 12, "done").find((l) => l.line.startsWith("Called "))).toMatchObject({ at: 10, line: `Called ${US}: not answered` });
    expect(settleLegs(planLegs(outbound(), run()), 12)[0]).toMatchObject({ endReason: "no_answer" });
  });

  it("a busy or invalid destination's leg ends busy / invalid (the runtime's failure), in words for the history", () => {
    const busy = (failure: "busy" | "invalid"): ScenarioRun => ({
      outcome: "completed",
      durationSeconds: 2,
      events: [{ at: 0, type: "forward", to: "+14155550000", kind: "number", answered: false, seconds: 0, failure }, { at: 2, type: "hangup", by: "party", reason: "busy" }],
    });
    expect(settleLegs(planLegs(outbound(), busy("busy")), 2)[0]).toMatchObject({ successful: false, endReason: "busy" });
    expect(planLegs(outbound(), busy("invalid"))[0]!.endReason).toBe("invalid");
    expect(["no_answer", "busy", "invalid", "forbidden", "not_answered", "hangup", "payment_required", "max_duration", "some_new_code"].map(legEndReasonText)).toEqual([
      "no answer",
      "busy",
      "invalid number",
      "caller ID refused",
      "not answered",
      "hung up",
      "payment required",
      "longest allowed duration reached",
      "some new code",
    ]);
  });

  it("a call still ringing when the session is cut ends for the cut, as its log line says, not as the run had it end later", () => {
    // Calls at 20 s (busy at 22 s), 25 s (rings out at 85 s) and 28 s (busy at 30 s), beside the session's call.
    const BUSY = "+14155550000";
    const run: ScenarioRun = {
      ...RUN,
      events: [
        RUN.events[0]!,
        { at: 20, type: "forward", to: BUSY, kind: "number", answered: false, seconds: 0, failure: "busy", endAt: 22 },
        { at: 25, type: "forward", to: UK, kind: "number", answered: false, seconds: 0, failure: "no_answer", endAt: 85 },
        { at: 28, type: "forward", to: "bob", kind: "user", answered: false, seconds: 0, failure: "busy", endAt: 30 },
        RUN.events.at(-1)!,
      ],
    };
    const legs = planLegs(outbound(), run);
    const called = (cut: number) => planLog(panelCall(), run, ["main"], cut, "cut").filter((l) => l.line.startsWith("Called "));
    for (const [cause, code] of [["terminated", "terminated"], ["funds", "payment_required"]] as const) {
      expect(settleLegs(legs, 29, cause).map((l) => [l.remoteNumber, l.successful, l.endReason])).toEqual([
        [US, true, code],
        [BUSY, false, "busy"],
        [UK, false, code],
        ["bob", false, code],
      ]);
    }
    expect(called(29).map((l) => l.line)).toEqual([`Called ${BUSY}: busy`, `Called ${US}: answered, talked 27 s`, `Called ${UK}: not answered`, "Called bob: not answered"]);
    // Cut after the run ended them, or not cut at all: each keeps its own reason.
    expect(settleLegs(legs, 100, "terminated").map((l) => l.endReason)).toEqual(["terminated", "busy", "no_answer", "busy"]);
    expect(settleLegs(legs, 130).map((l) => l.endReason)).toEqual(["hangup", "busy", "no_answer", "busy"]);
  });

  it("a session with no caller of its own shows the caller ID its scenario gave its first call", () => {
    expect(scenarioCallerId({ ...RUN, events: [{ at: 0, type: "forward", to: US, kind: "number", answered: true, seconds: 5, callerId: "+15550002222" }, ...RUN.events] })).toBe("+15550002222");
    expect(scenarioCallerId(RUN)).toBe("");
  });
});

describe("costs", () => {
  const legs = planLegs(outbound(), RUN);

  it("each leg is billed per started minute of talk", () => {
    expect(legCost(10, 0)).toBe(0);
    expect(legCost(10, 1)).toBe(10);
    expect(legCost(10, 60)).toBe(10);
    expect(legCost(10, 61)).toBe(20);
    const settled = settleLegs(legs, 130);
    expect(settled.map((l) => [l.durationSeconds, l.costMinor])).toEqual([
      [128, 3 * usOut],
      [90, 2 * ukOut],
      [0, 0],
    ]);
    expect(costAt(legs, 130)).toBe(3 * usOut + 2 * ukOut);
  });

  it("a cut drops the legs not yet begun and shortens the rest", () => {
    expect(settleLegs(legs, 5).map((l) => [l.index, l.durationSeconds])).toEqual([[0, 3]]);
    expect(costAt(legs, 0)).toBe(0);
  });

  it("a leg dialled at the cut itself was dialled: kept, not answered, free, as the log's line about it says", () => {
    // The UK call is dialled at 10 s; the session is cut then.
    expect(settleLegs(legs, 10).map((l) => [l.index, l.remoteNumber, l.successful, l.durationSeconds, l.costMinor])).toEqual([
      [0, US, true, 8, usOut],
      [1, UK, false, 0, 0],
    ]);
    expect(planLog(panelCall(), RUN, ["main"], 10, "cut").map((l) => `${l.at} ${l.line}`)).toContain(`10 Called ${UK}: not answered`);
  });

  it("affordableSeconds: the whole run when the balance covers it, else the longest covered second", () => {
    const total = costAt(legs, 130);
    expect(affordableSeconds(legs, 130, total)).toBe(130);
    expect(affordableSeconds(legs, 130, 0)).toBe(2); // nothing is billed before the party answers at 2 s
    const cut = affordableSeconds(legs, 130, usOut);
    expect(costAt(legs, cut)).toBeLessThanOrEqual(usOut);
    expect(costAt(legs, cut + 1)).toBeGreaterThan(usOut);
  });

  it("the first minute: the price of the first leg that costs anything", () => {
    expect(firstMinuteMinor(legs)).toBe(usOut);
    expect(firstMinuteMinor(planLegs(outbound("bob"), { ...RUN, events: RUN.events.filter((e) => e.type !== "forward") }))).toBe(0);
  });
});

describe("planLog and planRecordings", () => {
  it("the log holds the scenario's lines and ours in time order, ending with why", () => {
    const log = planLog(panelCall(), RUN, ["main"], 130, "Hung up by the scenario: done");
    expect(log[0]).toMatchObject({ at: 0, source: "system", line: "Session started: test call from the panel for +14155550123, caller +14155550100; scenarios “main”" });
    expect(log.find((l) => l.at === 102)).toMatchObject({ line: `Called ${UK}: answered, talked 90 s` });
    expect(log.find((l) => l.source === "scenario")).toEqual({ at: 5, source: "scenario", line: "customer called" });
    expect(log.at(-1)).toEqual({ at: 130, source: "system", line: "Session ended at 2:10: Hung up by the scenario: done" });
    expect(log.map((l) => l.at)).toEqual([...log.map((l) => l.at)].sort((a, b) => a - b));
  });

  it("a placed call's line is stamped when its outcome was known (the leg's end, or the cut while it rang), in time order", () => {
    // An inbound call answered at 0 forwards to a user nobody answers (408 at 60 s) and to a busy
    // number (486 at 62 s), logging while the first rings.
    const run: ScenarioRun = {
      outcome: "completed",
      durationSeconds: 62,
      events: [
        { at: 0, type: "answer" },
        { at: 0, type: "forward", to: "bob", kind: "user", answered: false, seconds: 0, failure: "no_answer", endAt: 60 },
        { at: 30, type: "log", line: "still ringing" },
        { at: 60, type: "log", line: "failed 408" },
        { at: 60, type: "forward", to: "+14155550000", kind: "number", answered: false, seconds: 0, failure: "busy", endAt: 62 },
        { at: 62, type: "hangup", by: "scenario", reason: "scenario" },
      ],
    };
    const setup = { direction: "inbound" as const, from: UK, to: US, party, initiator: "inbound" as const };
    const timed = (cut: number) => planLog(setup, run, ["main"], cut, "x").slice(1).map((l) => `${l.at} ${l.line}`);
    expect(timed(62)).toEqual([
      "0 Call answered",
      "30 still ringing",
      "60 Called bob: no answer",
      "60 failed 408",
      "62 Called +14155550000: busy",
      "62 The scenario hung up",
      "62 Session ended at 1:02: x",
    ]);
    // Cut while bob's phone rang: not answered, as of the cut; what it would have come to is not known yet.
    expect(timed(45)).toEqual(["0 Call answered", "30 still ringing", "45 Called bob: not answered", "45 Session ended at 0:45: x"]);
    // A run stored before the sandbox recorded endAt: an answered leg's line at its talk's end, an unanswered one's where it was dialled.
    const legacy = (e: ScenarioRun["events"][number]) => (e.type === "forward" ? { ...e, endAt: undefined } : e);
    expect(planLog(setup, { ...run, events: run.events.map(legacy) }, ["main"], 62, "x").find((l) => l.line.startsWith("Called bob"))!.at).toBe(0);
    expect(planLog(panelCall(), { ...RUN, events: RUN.events.map(legacy) }, ["main"], 130, "x").find((l) => l.line.startsWith(`Called ${UK}`))!.at).toBe(102);
  });

  it("a SmartQueue task no agent can take gives its reason once, where it says no agent can take it", () => {
    const why = "priority 50; skills French ≥ 1; no agent of the queue takes calls with French ≥ 1";
    const run: ScenarioRun = {
      outcome: "completed",
      durationSeconds: 0,
      events: [
        { at: 0, type: "answer" },
        { at: 0, type: "queue", what: "refused", queue: "Support", detail: why },
        { at: 0, type: "queue", what: "cancelled", queue: "Support", status: "OPERATOR_NOT_AVAILABLE", detail: "No agent of the queue takes calls with French ≥ 1" },
        { at: 0, type: "hangup", by: "scenario", reason: "scenario" },
      ],
    };
    const queueLines = (r: ScenarioRun) => planLog({ direction: "inbound", from: UK, to: US, party, initiator: "inbound" }, r, ["main"], r.durationSeconds, "x").map((l) => l.line).filter((l) => l.startsWith("SmartQueue"));
    expect(queueLines(run)).toEqual([`SmartQueue: no agent of “Support” can take the call (${why})`, "SmartQueue: the task in “Support” was cancelled (OPERATOR_NOT_AVAILABLE)"]);
    // Any other cancellation says why: nothing before it did.
    const waited: ScenarioRun = {
      ...run,
      durationSeconds: 40,
      events: [
        { at: 0, type: "queue", what: "held", queue: "Support", detail: why },
        { at: 40, type: "queue", what: "cancelled", queue: "Support", status: "MAX_WAITING_TIME_REACHED", detail: "The call waited 40 s, the queue's longest" },
      ],
    };
    expect(queueLines(waited).at(-1)).toBe("SmartQueue: the task in “Support” was cancelled (MAX_WAITING_TIME_REACHED): The call waited 40 s, the queue's longest");
  });

  it("a cut ends the log and the recordings where it falls", () => {
    const log = planLog(panelCall(), RUN, ["main"], 4, "cut");
    expect(log.some((l) => l.line === "customer called")).toBe(false);
    expect(planRecordings(RUN, 4)).toEqual([{ name: "greeting", from: 2, to: 4, durationSeconds: 2, spokenText: "Hello and welcome" }]);
  });

  it("the first line names who started the session, and leaves out a caller there is none of", () => {
    const first = (setup: Parameters<typeof planLog>[0]) => planLog(setup, RUN, ["main"], 130, "done")[0]!.line;
    expect(first({ ...outbound(), from: "", initiator: "call_list" })).toBe(`Session started: started by a call list for ${US}; scenarios “main”`);
    expect(first({ ...outbound(), from: "+15550002222", initiator: "call_list" })).toBe(`Session started: started by a call list for ${US}, caller +15550002222; scenarios “main”`);
    expect(first({ ...outbound(""), from: "alice", initiator: "api" })).toBe("Session started: started through the API (StartScenarios), caller alice; scenarios “main”");
    expect(first({ direction: "inbound", from: UK, to: US, party, initiator: "inbound" })).toBe(`Session started: incoming call from ${UK} to ${US}; scenarios “main”`);
  });

  it("hangups read as sentences: a reason that repeats who, or a code word, is said plainly", () => {
    expect(hangupSentence("scenario", "scenario")).toBe("The scenario hung up");
    expect(hangupSentence("party", "party")).toBe("The other party hung up");
    expect(hangupSentence("party", "busy")).toBe("The other party was busy");
    expect(hangupSentence("runtime", "no_answer")).toBe("Nobody answered");
    expect(hangupSentence("runtime", "invalid")).toBe("The number called is invalid");
    expect(hangupSentence("runtime", "max_duration")).toBe("The session reached its longest allowed duration");
    expect(hangupSentence("scenario", "done")).toBe("Hung up by the scenario: done");
    const busy: ScenarioRun = { outcome: "completed", durationSeconds: 2, events: [{ at: 0, type: "forward", to: "+14155550000", kind: "number", answered: false, seconds: 0, failure: "busy" }, { at: 2, type: "hangup", by: "party", reason: "busy" }] };
    expect(planLog(panelCall("+14155550000"), busy, ["main"], 2, "Busy: +14155550000").map((l) => l.line).slice(1)).toEqual([
      "Called +14155550000: busy",
      "The other party was busy",
      "Session ended at 0:02: Busy: +14155550000",
    ]);
    const failed: ScenarioRun = { outcome: "timeout", error: "time limit", durationSeconds: 0, events: [{ at: 0, type: "hangup", by: "runtime", reason: "error" }] };
    expect(planLog(panelCall(), failed, ["main"], 0, "x").map((l) => l.line).slice(1, -1)).toEqual(["The scenario ran out of time: time limit", "The platform stopped the scenario"]);
  });

  it("a run the sandbox stopped names the scenario once: its own sentence says what happened", () => {
    const stopped = (outcome: ScenarioRun["outcome"], error: string) =>
      planLog(panelCall(), { outcome, error, durationSeconds: 0, events: [{ at: 0, type: "hangup", by: "runtime", reason: outcome }] }, ["main"], 0, "x").at(-3)!.line;
    expect(stopped("timeout", "The scenario ran longer than its 1000 ms time limit")).toBe("The scenario ran longer than its 1000 ms time limit");
    expect(stopped("memory_limit", "The scenario used more than its 32 MB of memory")).toBe("The scenario used more than its 32 MB of memory");
    expect(stopped("error", "The scenario did too much: more than 2000 events")).toBe("The scenario did too much: more than 2000 events");
    // A script's error follows what happened to the scenario.
    expect(stopped("error", 'TypeError: x is not a function (scenario "main", line 5)')).toBe('The scenario failed: TypeError: x is not a function (scenario "main", line 5)');
    expect(stopped("error", "The scenarios are too large (9 characters; at most 8)")).toBe("The scenario failed: The scenarios are too large (9 characters; at most 8)");
  });

  it("our texts as earlier versions stored them read in today's words; anything else is left as it is", () => {
    const why = 'no agent on duty (scenario "main", line 2)';
    expect(currentWording(`Error: the scenario failed: Error: ${why}`)).toBe(`Error: the scenario failed: ${why}`);
    expect(currentWording(`Session ended at 0:00: Error: the scenario failed: Error: ${why}`)).toBe(`Session ended at 0:00: Error: the scenario failed: ${why}`);
    expect(currentWording(`The scenario failed: Error: ${why}`)).toBe(`The scenario failed: ${why}`);
    expect(currentWording("Error: the scenario ran out of time: The scenario ran longer than its 1000 ms of CPU time")).toBe("Error: the scenario ran longer than its 1000 ms time limit");
    // The time limit is the run's elapsed time, which earlier versions called CPU time.
    expect(currentWording("Error: the scenario ran longer than its 1000 ms of CPU time")).toBe("Error: the scenario ran longer than its 1000 ms time limit");
    expect(currentWording("The scenario ran longer than its 200 ms of CPU time")).toBe("The scenario ran longer than its 200 ms time limit");
    expect(currentWording("Session ended at 0:00: Error: the scenario ran longer than its 5000 ms of CPU time")).toBe("Session ended at 0:00: Error: the scenario ran longer than its 5000 ms time limit");
    expect(currentWording("The scenario ran out of memory: The scenario used more than its 32 MB of memory")).toBe("The scenario used more than its 32 MB of memory");
    expect(currentWording("Error: the scenario failed: The scenario did too much: more than 2000 events")).toBe("Error: the scenario did too much: more than 2000 events");
    for (const today of [
      `Error: the scenario failed: TypeError: x is not a function (scenario "main", line 5)`,
      `Error: the scenario failed: Error (scenario "main", line 2)`,
      "Error: the scenario ran longer than its 1000 ms time limit",
      "The scenario hung up",
      "Payment required: the balance ran out at 0:30",
    ]) {
      expect(currentWording(today)).toBe(today);
    }
    // A run recorded before then, finalised now, is worded as today's.
    const old: ScenarioRun = { outcome: "error", error: `Error: ${why}`, durationSeconds: 0, events: [{ at: 0, type: "hangup", by: "runtime", reason: "error" }] };
    expect(planLog(panelCall(), old, ["main"], 0, "x").at(-3)!.line).toBe(`The scenario failed: ${why}`);
  });

  it("one rounding for every length: whole seconds rounded up, so the end, the talk and the stored durations agree", () => {
    expect([0, 0.2, 4, 4.0000000001, 4.3, 59.5, 125].map(wholeSeconds)).toEqual([0, 1, 4, 4, 5, 60, 125]);
    expect([4.3, 59.5, 125].map(mmss)).toEqual(["0:05", "1:00", "2:05"]);
    // Cut at 4.4 s: the caller's leg talked from 2 s, 2.4 s: 3 s everywhere.
    const cut = 4.4;
    const log = planLog(panelCall(), { ...RUN, events: [{ ...RUN.events[0]!, seconds: 2.4 } as ScenarioRun["events"][number], ...RUN.events.slice(1)] }, ["main"], cut, "cut");
    expect(log.find((l) => l.line.startsWith(`Called ${US}`))!.line).toBe(`Called ${US}: answered, talked 3 s`);
    expect(log.at(-1)!.line).toBe("Session ended at 0:05: cut");
    expect(settleLegs(planLegs(outbound(), RUN), cut)[0]!.durationSeconds).toBe(3);
    expect(wholeSeconds(cut)).toBe(5);
    // A cut mid-talk: the log's talk is the talk within the cut, as the leg's.
    expect(planLog(panelCall(), RUN, ["main"], 40, "cut").find((l) => l.line.startsWith(`Called ${US}`))!.line).toBe(`Called ${US}: answered, talked 38 s`);
  });

  it("recordings pair record_start with record_stop, and an unstopped one runs to the end", () => {
    const run: ScenarioRun = { ...RUN, events: [...RUN.events.slice(0, -1), { at: 110, type: "record_start", name: "tail" }, RUN.events.at(-1)!] };
    expect(planRecordings(run, 130)).toEqual([
      { name: "greeting", from: 2, to: 6, durationSeconds: 4, spokenText: "Hello and welcome" },
      { name: "tail", from: 110, to: 130, durationSeconds: 20, spokenText: "" },
    ]);
  });
});

describe("callListReport", () => {
  const reporting: ScenarioRun = {
    outcome: "completed",
    durationSeconds: 40,
    events: [
      { at: 5, type: "list_report", kind: "progress", data: "ringing" },
      { at: 20, type: "list_report", kind: "error", data: "declined" },
      { at: 21, type: "list_report", kind: "result", data: "late", ignored: true },
      { at: 40, type: "hangup", by: "scenario", reason: "scenario" },
    ],
  };

  it("is the first result or error made by the cut; progress and ignored reports decide nothing", () => {
    expect(callListReport(reporting, 40)).toEqual({ kind: "error", data: "declined" });
    expect(callListReport(reporting, 20)).toEqual({ kind: "error", data: "declined" });
    // Cut short (the balance ran out) before it: never made.
    expect(callListReport(reporting, 19.5)).toBeNull();
    expect(callListReport({ ...reporting, events: reporting.events.filter((e) => e.type !== "list_report" || e.kind === "progress") }, 40)).toBeNull();
  });

  it("each report has its log line", () => {
    const lines = planLog({ direction: "outbound", from: "", to: "+14155550100", party: { answerAfterSeconds: 1, dtmf: "", hangupAfterSeconds: null }, initiator: "call_list" }, reporting, ["main"], 40, "done").map((l) => l.line);
    expect(lines).toEqual(expect.arrayContaining(["CallList: progress: ringing", "CallList: error reported: declined", "CallList: result reported: late (ignored: the attempt's outcome was already reported)"]));
    // In a session no call list started (a test call), a result or error says it decides nothing.
    const test = planLog({ direction: "outbound", from: "", to: "+14155550100", party: { answerAfterSeconds: 1, dtmf: "", hangupAfterSeconds: null }, initiator: "panel" }, reporting, ["main"], 40, "done").map((l) => l.line);
    expect(test).toEqual(expect.arrayContaining(["CallList: progress: ringing", "CallList: error reported: declined (no call list started this session: the report decides nothing)"]));
  });
});
