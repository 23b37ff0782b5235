import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/core/random";
import { runScenarios } from "./runtime";
import type { CallSetup, ScenarioEvent, ScenarioRun, SimulatedParty, SmartQueueSnapshot, SmartQueueSnapshotQueue } from "./runtime-contract";
import { inboundCall } from "./runtime-fixtures";
import { planSmartQueueTask, SQ_MAX_OFFERS, SQ_OFFER_SECONDS, SQ_WAITING_EVERY_SECONDS } from "./simulation";

// VoxEngine.enqueueTask in the sandbox (docs/scenarios.md "SmartQueue"), against a snapshot of
// an application's queues: which agents a task is offered to, in what order, and every way a task
// ends, as the session's events record them.

const agent = (id: number, name: string, skills: Record<string, number> = {}, handlesCalls = true) => ({ id, name, skills, handlesCalls });
const queue = (q: Partial<SmartQueueSnapshotQueue> = {}): SmartQueueSnapshotQueue => ({
  id: 7,
  name: "Support",
  agentSelection: "MOST_QUALIFIED",
  holdIfNoAgent: false,
  maxWaitingSeconds: null,
  agents: [agent(11, "dave", { english: 2 }), agent(12, "erin", { english: 5, billing: 3 })],
  ...q,
});
const snapshot = (...queues: SmartQueueSnapshotQueue[]): SmartQueueSnapshot => ({ queues: queues.length ? queues : [queue()], skills: ["English", "Billing", "French"] });

const call = (p: Partial<SimulatedParty> = {}, smartQueue: SmartQueueSnapshot | undefined = snapshot()): CallSetup =>
  inboundCall({ answerAfterSeconds: 4, ...p }, smartQueue ? { smartQueue } : {});
const run = (script: string, setup: CallSetup = call()) => runScenarios([{ name: "queue", script }], setup, { random: seededRandom(7) });

/** The inbound call is answered, then enqueued with `params`; every task event is logged; the agent's answer connects the two. */
const QUEUER = (params: string, extra = "") => `
require(Modules.SmartQueue);
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  e.call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  const task = VoxEngine.enqueueTask({ call: e.call, ${params} });
  for (const name of ["EnqueueSuccess", "Waiting", "TaskDistributed", "OperatorReached", "TaskCanceled", "Error", "ClientDisconnected"]) {
    task.addEventListener(SmartQueueEvents[name], (ev) => {
      Logger.write(name + (ev.operatorName ? " " + ev.operatorName : "") + (ev.status ? " " + ev.status : "") + (ev.type ? " " + ev.type : ""));
      if (name === "OperatorReached") {
        Logger.write("agentCall " + (ev.agentCall === task.agentCall) + " " + ev.agentCall.number());
        VoxEngine.sendMediaBetween(ev.agentCall, e.call);
        ev.agentCall.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
      }
      if (name === "ClientDisconnected") ev.cancel();
      if (name === "TaskCanceled" || name === "Error") e.call.hangup();
    });
  }
  ${extra}
});`;

const logs = (r: ScenarioRun) => r.events.filter((e) => e.type === "log").map((e) => `${e.at} ${(e as { line: string }).line}`);
const steps = (r: ScenarioRun) =>
  r.events.filter((e): e is Extract<ScenarioEvent, { type: "queue" }> => e.type === "queue").map(({ at, what, agent, status }) => ({ at, what, ...(agent ? { agent } : {}), ...(status ? { status } : {}) }));
const legs = (r: ScenarioRun) => r.events.filter((e): e is Extract<ScenarioEvent, { type: "forward" }> => e.type === "forward").map(({ at, to, kind, answered, seconds }) => ({ at, to, kind, answered, seconds }));

describe("planSmartQueueTask: which agents a task goes to, in order", () => {
  it("finds the queue by id or by name ignoring case; an unknown one is an error naming it", () => {
    expect(planSmartQueueTask(snapshot(), 7, [])).toMatchObject({ queue: "Support" });
    expect(planSmartQueueTask(snapshot(), " support ", [])).toMatchObject({ queue: "Support" });
    expect(planSmartQueueTask(snapshot(), "Sales", [])).toEqual({ queue: "Sales", error: { type: "QUEUE_NOT_FOUND", description: "The application has no queue “Sales”" } });
    expect(planSmartQueueTask(snapshot(), 8, [])).toMatchObject({ error: { description: "The application has no queue with id 8" } });
    expect(planSmartQueueTask(undefined, "Support", [])).toMatchObject({ error: { type: "QUEUE_NOT_FOUND" } });
  });

  it("keeps the agents who take calls and have every required skill at its level or above (skill names ignore case)", () => {
    const q = queue({ agents: [agent(1, "a", { english: 3 }), agent(2, "b", { english: 5 }, false), agent(3, "c", { english: 4, billing: 1 }), agent(4, "d")] });
    const names = (skills: { name: string; level: number }[]) => {
      const p = planSmartQueueTask(snapshot(q), "Support", skills);
      return "agents" in p ? p.agents.map((a) => a.name) : p;
    };
    expect(names([{ name: "English", level: 3 }])).toEqual(["c", "a"]);
    expect(names([{ name: "english", level: 4 }, { name: "Billing", level: 1 }])).toEqual(["c"]);
    expect(names([{ name: "French", level: 1 }])).toEqual([]);
  });

  it("orders by the queue's agent selection: most qualified, least qualified, or binding order; ties keep binding order", () => {
    const agents = [agent(1, "low", { english: 1 }), agent(2, "high", { english: 5 }), agent(3, "mid", { english: 3 }), agent(4, "mid2", { english: 3 })];
    const order = (agentSelection: SmartQueueSnapshotQueue["agentSelection"], skills = [{ name: "english", level: 1 }]) => {
      const p = planSmartQueueTask(snapshot(queue({ agentSelection, agents })), 7, skills);
      return "agents" in p ? p.agents.map((a) => a.name) : [];
    };
    expect(order("MOST_QUALIFIED")).toEqual(["high", "mid", "mid2", "low"]);
    expect(order("LEAST_QUALIFIED")).toEqual(["low", "mid", "mid2", "high"]);
    expect(order("MAX_WAITING_TIME")).toEqual(["low", "high", "mid", "mid2"]);
    // No required skill: all of an agent's levels count.
    expect(order("MOST_QUALIFIED", [])).toEqual(["high", "mid", "mid2", "low"]);
  });
});

describe("VoxEngine.enqueueTask in the sandbox", () => {
  it("offers the call to the most qualified agent, who answers: EnqueueSuccess, TaskDistributed, OperatorReached with the agent's call", async () => {
    const r = await run(QUEUER(`queue: "Support", skills: [{ name: "English", level: 2 }]`), call({ hangupAfterSeconds: 30 }));
    expect(r.outcome).toBe("completed");
    expect(steps(r)).toEqual([
      { at: 0, what: "enqueued" },
      { at: 0, what: "distributed", agent: "erin" },
      { at: 4, what: "reached", agent: "erin" },
    ]);
    expect(r.events.find((e) => e.type === "queue")).toMatchObject({ queue: "Support", detail: "priority 50; skills English ≥ 2; 2 agents can take it" });
    expect(logs(r)).toEqual(["0 EnqueueSuccess", "0 TaskDistributed erin", "4 OperatorReached", "4 agentCall true erin"]);
    // The agent's leg is a call to the user, with the caller's number; it talks until the caller hangs up 30 s after answering.
    expect(legs(r)).toEqual([{ at: 0, to: "erin", kind: "user", answered: true, seconds: 26 }]);
    expect(r.events.find((e) => e.type === "forward")).toMatchObject({ callerId: "+15550001111" });
  });

  it("an agent who does not answer within the task's timeout loses it to the next; after the last, TaskCanceled FAILED", async () => {
    const r = await run(QUEUER(`queue: "Support", timeout: 10`), call({ answerAfterSeconds: 25 }));
    expect(steps(r)).toEqual([
      { at: 0, what: "enqueued" },
      { at: 0, what: "distributed", agent: "erin" },
      { at: 10, what: "distributed", agent: "dave" },
      { at: 20, what: "cancelled", status: "FAILED" },
    ]);
    expect(legs(r).map((l) => [l.to, l.answered])).toEqual([["erin", false], ["dave", false]]);
    expect(logs(r)).toContain("20 TaskCanceled FAILED");
  });

  it(`the default timeout is ${SQ_OFFER_SECONDS} s, and a task is offered to at most ${SQ_MAX_OFFERS} agents`, async () => {
    const many = queue({ agentSelection: "MAX_WAITING_TIME", agents: [1, 2, 3, 4, 5].map((i) => agent(i, `agent${i}`)) });
    const r = await run(QUEUER(`queue: 7`), call({ answerAfterSeconds: null }, snapshot(many)));
    const offers = steps(r).filter((s) => s.what === "distributed");
    expect(offers.map((s) => [s.at, s.agent])).toEqual([0, 1, 2].slice(0, SQ_MAX_OFFERS).map((i) => [i * SQ_OFFER_SECONDS, `agent${i + 1}`]));
    expect(steps(r).at(-1)).toEqual({ at: SQ_MAX_OFFERS * SQ_OFFER_SECONDS, what: "cancelled", status: "FAILED" });
    // Waiting fires every 15 s while the call waits.
    expect(logs(r).filter((l) => l.endsWith("Waiting")).map((l) => Number(l.split(" ")[0]))).toEqual([15, 30, 45, 60, 75].filter((t) => t < SQ_MAX_OFFERS * SQ_OFFER_SECONDS && t % SQ_WAITING_EVERY_SECONDS === 0));
  });

  it("no agent able to take it: OPERATOR_NOT_AVAILABLE at once, unless the queue holds calls; then it waits until the queue's longest wait", async () => {
    const none = await run(QUEUER(`queue: "Support", skills: [{ name: "French", level: 1 }]`));
    // Refused, not enqueued: the call never waits (no EnqueueSuccess).
    expect(steps(none)).toEqual([{ at: 0, what: "refused" }, { at: 0, what: "cancelled", status: "OPERATOR_NOT_AVAILABLE" }]);
    expect(logs(none)).toEqual(["0 TaskCanceled OPERATOR_NOT_AVAILABLE"]);
    // The log says why: nobody has the skill, or the application has no such skill at all.
    expect(none.events.filter((e) => e.type === "queue").map((e) => (e as { detail?: string }).detail)).toEqual([
      "priority 50; skills French ≥ 1; no agent of the queue takes calls with French ≥ 1",
      "No agent of the queue takes calls with French ≥ 1",
    ]);
    const unknown = await run(QUEUER(`queue: "Support", skills: [{ name: "Klingon", level: 1 }, { name: "English", level: 1 }]`));
    expect(unknown.events.filter((e) => e.type === "queue").at(-1)).toMatchObject({ status: "OPERATOR_NOT_AVAILABLE", detail: "The application has no skill “Klingon”" });

    const waiting = `task.addEventListener(SmartQueueEvents.Waiting, (ev) => Logger.write(ev.code + ": " + ev.message));`;
    const held = await run(QUEUER(`queue: "Support", skills: [{ name: "French", level: 1 }]`, waiting), call({}, snapshot(queue({ holdIfNoAgent: true, maxWaitingSeconds: 40 }))));
    expect(steps(held)).toEqual([{ at: 0, what: "held" }, { at: 40, what: "cancelled", status: "MAX_WAITING_TIME_REACHED" }]);
    // Nobody can take it, now or later (the simulated queue's agents stay as they are): no "yet".
    const nobody = "CANNOT_BE_ESTIMATED: No agent of the queue can take the call";
    expect(logs(held)).toEqual(["0 EnqueueSuccess", "15 Waiting", `15 ${nobody}`, "30 Waiting", `30 ${nobody}`, "40 TaskCanceled MAX_WAITING_TIME_REACHED"]);
    expect(legs(held)).toEqual([]);
  });

  it("the queue's longest wait also cuts an agent's ringing short", async () => {
    const r = await run(QUEUER(`queue: "Support"`), call({ answerAfterSeconds: 50 }, snapshot(queue({ maxWaitingSeconds: 20 }))));
    expect(steps(r)).toEqual([
      { at: 0, what: "enqueued" },
      { at: 0, what: "distributed", agent: "erin" },
      { at: 20, what: "cancelled", status: "MAX_WAITING_TIME_REACHED" },
    ]);
    expect(legs(r)).toEqual([{ at: 0, to: "erin", kind: "user", answered: false, seconds: 0 }]);
  });

  it("an unknown queue fires SmartQueueEvents.Error, and the session log names the queue", async () => {
    const r = await run(QUEUER(`queue: "Nowhere"`));
    expect(logs(r)).toEqual(["0 Error QUEUE_NOT_FOUND"]);
    expect(r.events.find((e) => e.type === "queue")).toEqual({ at: 0, type: "queue", what: "error", queue: "Nowhere", detail: "The application has no queue “Nowhere”" });
  });

  it("the caller hanging up while an agent rings stops the offer and fires ClientDisconnected; its cancel() ends the task", async () => {
    const r = await run(QUEUER(`queue: "Support"`), call({ answerAfterSeconds: 20, hangupAfterSeconds: 8 }));
    expect(steps(r)).toEqual([
      { at: 0, what: "enqueued" },
      { at: 0, what: "distributed", agent: "erin" },
      { at: 8, what: "cancelled", status: "CLIENT_TERMINATE" },
    ]);
    expect(logs(r)).toEqual(["0 EnqueueSuccess", "0 TaskDistributed erin", "8 ClientDisconnected", "8 TaskCanceled CLIENT_TERMINATE"]);
    expect(legs(r)).toEqual([{ at: 0, to: "erin", kind: "user", answered: false, seconds: 0 }]);
  });

  it("task.end(description, status) ends a waiting task with no TaskCanceled; the log keeps the status and description", async () => {
    const r = await run(QUEUER(`queue: "Support"`, `setTimeout(() => task.end("caller chose voicemail", TerminationStatus.NORMAL), 2000);`), call({ answerAfterSeconds: 20 }));
    expect(steps(r)).toEqual([
      { at: 0, what: "enqueued" },
      { at: 0, what: "distributed", agent: "erin" },
      { at: 2, what: "ended", status: "NORMAL" },
    ]);
    expect(r.events.filter((e) => e.type === "queue").at(-1)).toMatchObject({ detail: "caller chose voicemail" });
    expect(logs(r)).not.toContain("2 TaskCanceled NORMAL");
  });

  it("the task object: id, parameters, clientCall; agentCall null until an agent answers", async () => {
    const r = await run(`
require(Modules.SmartQueue);
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  const params = { call: e.call, queue: "support", priority: 70 };
  const task = VoxEngine.enqueueTask(params);
  Logger.write([task.id, task.parameters === params, task.clientCall === e.call, task.agentCall].join(" "));
  task.addEventListener(SmartQueueEvents.OperatorReached, () => { Logger.write("reached " + task.agentCall.number()); VoxEngine.terminate(); });
});`);
    expect(logs(r)).toEqual(["0 task-1 true true ", "4 reached erin"]);
    expect(r.events.find((e) => e.type === "queue")).toMatchObject({ detail: "priority 70; 2 agents can take it" });
  });

  it.each([
    ["without require(Modules.SmartQueue)", `VoxEngine.enqueueTask({ call: e.call, queue: "Support" })`, "VoxEngine.enqueueTask: add require(Modules.SmartQueue) to the scenario first"],
    ["with no call", `VoxEngine.enqueueTask({ queue: "Support" })`, "TypeError: VoxEngine.enqueueTask: call must be the call to queue (e.g. e.call)"],
    ["with no queue", `VoxEngine.enqueueTask({ call: e.call })`, "TypeError: VoxEngine.enqueueTask: queue must be the name or id of one of the application's queues"],
    ["with a skill level of 6", `VoxEngine.enqueueTask({ call: e.call, queue: "Support", skills: [{ name: "English", level: 6 }] })`, "RangeError: VoxEngine.enqueueTask: skills[0].level must be a whole number from 1 to 5, not 6"],
    ["with a skill level given as text", `VoxEngine.enqueueTask({ call: e.call, queue: "Support", skills: [{ name: "English", level: "3" }] })`, 'RangeError: VoxEngine.enqueueTask: skills[0].level must be a whole number from 1 to 5, not "3"'],
    ["with priority 0", `VoxEngine.enqueueTask({ call: e.call, queue: "Support", priority: 0 })`, "RangeError: VoxEngine.enqueueTask: priority must be a whole number from 1 to 100"],
    ["with a timeout under a second", `VoxEngine.enqueueTask({ call: e.call, queue: "Support", timeout: 0.5 })`, "RangeError: VoxEngine.enqueueTask: timeout must be a number of seconds from 1 to 600"],
    ["with an unknown module", `require("ASR")`, "require: the module ASR is not available in the simulator (Modules.SmartQueue and Modules.CallList are)"],
  ])("refuses %s: a script error on its line", async (_what, line, message) => {
    const needs = line.startsWith("require") || _what.startsWith("without") ? "" : "require(Modules.SmartQueue);\n";
    const r = await run(`${needs}VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  e.call.answer();
  ${line};
});`);
    expect(r.outcome).toBe("error");
    expect(r.error).toBe(`${message} (scenario "queue", line ${needs ? 4 : 3})`);
  });

  it("SmartQueueEvents and TerminationStatus exist only after require(Modules.SmartQueue)", async () => {
    const r = await run(`Logger.write(typeof SmartQueueEvents + " " + typeof TerminationStatus);
require(Modules.SmartQueue);
Logger.write(SmartQueueEvents.OperatorReached + " " + TerminationStatus.MAX_WAITING_TIME_REACHED);`);
    expect(logs(r)).toEqual(["0 undefined undefined", "0 SmartQueue.OperatorReached MAX_WAITING_TIME_REACHED"]);
  });

  it("the example in docs/scenarios.md runs: an agent takes the call; with none able to, the caller hears the apology", async () => {
    const doc = readFileSync("docs/scenarios.md", "utf8");
    const example = /### SmartQueue[\s\S]*?```js\n([\s\S]*?)```/.exec(doc)![1]!;
    const line = snapshot(queue({ name: "Support line" }));
    const taken = await run(example, call({ hangupAfterSeconds: 20 }, line));
    expect(taken.outcome).toBe("completed");
    expect(steps(taken).map((s) => s.what)).toEqual(["enqueued", "distributed", "reached"]);
    const none = await run(example, call({}, snapshot(queue({ name: "Support line", agents: [agent(1, "dave", { english: 2 })] }))));
    expect(steps(none).at(-1)).toMatchObject({ what: "cancelled", status: "OPERATOR_NOT_AVAILABLE" });
    expect(none.events.find((e) => e.type === "say")).toMatchObject({ text: "All our agents are busy. Please call again later." });
    expect(none.events.at(-1)).toMatchObject({ type: "hangup", by: "scenario" });
    // No such queue: the Error listener apologises too.
    const missing = await run(example, call({}, snapshot()));
    expect(missing.events.find((e) => e.type === "say")).toMatchObject({ text: "All our agents are busy. Please call again later." });
  });
});
