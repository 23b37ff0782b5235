// The scenario sandbox: VoxEngine-style JavaScript runs in a QuickJS isolate compiled to
// WebAssembly (quickjs-emscripten), never in the server's own context (node:vm shares the
// host's heap and prototypes and is not a sandbox). Each run gets a fresh runtime with a memory
// limit, a native stack limit and an interrupt handler with a deadline; the isolate holds
// nothing of the host but the prelude's one bridge function, which accepts a closed set of
// operations, validates each argument and keeps the authoritative record of the run. No
// modules (but SmartQueue's), no network, no real timers: the prelude (./prelude.ts) simulates the
// platform on a simulated clock, and the world's behaviour comes from ./simulation.ts.
import { newQuickJSWASMModuleFromVariant, shouldInterruptAfterDeadline, type QuickJSRuntime, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from "quickjs-emscripten-core";
import releaseSyncVariant from "@jitl/quickjs-wasmfile-release-sync";
import { PRELUDE } from "./prelude";
import { countOf } from "@/lib/core/format";
import {
  DEFAULT_LIMITS,
  DTMF_INTERVAL_SECONDS,
  HTTP_SECONDS,
  MAX_LIMITS,
  PLAYBACK_SECONDS,
  RING_TIMEOUT_SECONDS,
  RUN_CAPS,
  SQ_MAX_OFFERS,
  SQ_OFFER_SECONDS,
  SQ_WAITING_EVERY_SECONDS,
  STACK_BYTES,
  callerIdKey,
  callerIdPasses,
  planLeg,
  planSmartQueueTask,
  sayDuration,
  simTime,
  simulateHttp,
} from "./simulation";
import type { CallSetup, LegFailure, RunScenarios, SandboxLimits, ScenarioEvent, ScenarioOutcome, ScenarioRun } from "./runtime-contract";

let modulePromise: Promise<QuickJSWASMModule> | null = null;

/** The WebAssembly module, loaded once per process (about 1 MB; each run makes its own runtime in it). */
function quickjs(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(releaseSyncVariant);
  return modulePromise;
}

/** The caller's limits, each clamped to MAX_LIMITS (a caller can narrow a run, never widen it past them). */
export function effectiveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  const pick = (k: keyof SandboxLimits) => {
    const v = limits[k];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.min(v, MAX_LIMITS[k]) : DEFAULT_LIMITS[k];
  };
  return { wallClockMilliseconds: pick("wallClockMilliseconds"), memoryBytes: pick("memoryBytes"), maxSimulatedSeconds: pick("maxSimulatedSeconds") };
}

/** A script's fault, located: `line` in the scenario named `scenario` when the engine says where. */
export type ScriptError = { name: string; message: string; scenario?: string; line?: number };

/**
 * A script's error as the session's log and finish reason show it, after "the scenario failed: ":
 * "TypeError: x is not a function (scenario "greeting", line 5)". A plain Error reads as its
 * message alone ("no agent on duty (scenario "greeting", line 7)"): the finish reason already says
 * it is an error, and "Error: " twice read as a stutter. A message-less error keeps its name.
 */
export function formatScriptError(e: ScriptError): string {
  const where = e.scenario !== undefined ? ` (scenario "${e.scenario}"${e.line !== undefined ? `, line ${e.line}` : ""})` : "";
  const what = e.message === "" ? e.name : e.name === "Error" ? e.message : `${e.name}: ${e.message}`;
  return `${what}${where}`;
}

const FILE_RE = /scenario-(\d+)\.js:(\d+)(?::\d+)?/;

function locate(info: { name: string; message: string; stack?: string; lineNumber?: number; fileName?: string }, names: readonly string[]): ScriptError {
  const name = clip(info.name || "Error", 60);
  const message = clip(info.message || "", 500);
  // The first frame in one of the scenarios (frames of the prelude are the API's own).
  const hit = FILE_RE.exec(`${info.fileName ?? ""}:${info.lineNumber ?? ""}`) ?? FILE_RE.exec(info.stack ?? "");
  if (!hit) return { name, message };
  return { name, message, scenario: names[Number(hit[1])], line: Number(hit[2]) };
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

type Opened = { event: Extract<ScenarioEvent, { type: "say" | "play" }>; start: number };
/** A placed call while it lasts; failsAt: when it fails by itself (busy, no answer, invalid), null when it answers. */
type Leg = { event: Extract<ScenarioEvent, { type: "forward" }>; answeredAt: number | null; open: boolean; failsAt: number | null; failure: LegFailure | null };

/** The host ends the run: `detail` is the run's error, a sentence that begins "The scenario " when it is about the scenario (runtime-contract.ts ScenarioRun.error). */
class Abort extends Error {
  constructor(
    readonly outcome: ScenarioOutcome,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * The host's side of one run: the record of events (each appended as the prelude reports it,
 * validated, in time order since the clock only moves forward) and the open media, legs and
 * recordings, which the end of the run closes whatever ends it.
 */
class Recorder {
  now = 0;
  events: ScenarioEvent[] = [];
  ended: { outcome: ScenarioOutcome; error?: string } | null = null;
  private media = new Map<number, Opened>();
  private legs = new Map<number, Leg>();
  private recordings = new Set<string>();
  private nextId = 1;
  private dtmfLeft: string;
  /** A CallList result or error was reported: later ones are recorded as ignored. */
  private reported = false;
  /** SmartQueue tasks by their id: the queue's name and the agents they may be offered to. */
  private tasks = new Map<number, { queue: string; agents: Set<string> }>();

  constructor(
    private readonly call: CallSetup,
    private readonly limits: SandboxLimits,
    private readonly random: () => number,
  ) {
    this.dtmfLeft = call.party.dtmf.replace(/[^0-9*#A-D]/gi, "").slice(0, 50);
  }

  private push(e: ScenarioEvent): void {
    if (this.events.length >= RUN_CAPS.events) throw new Abort("error", `The scenario did too much: more than ${RUN_CAPS.events} events`);
    this.events.push(e);
  }

  private text(v: unknown, max: number, what: string): string {
    if (typeof v !== "string") throw new Abort("error", `${what} must be a string`);
    if (v.length > max) throw new Abort("error", `${what} is longer than ${max} characters`);
    return v;
  }

  /** One call from the prelude. Returns the JSON answer (or "" for none). */
  handle(op: string, arg: unknown): string {
    if (this.ended) return "";
    const a = (arg && typeof arg === "object" ? arg : {}) as Record<string, unknown>;
    switch (op) {
      case "clock": {
        const at = a.at;
        if (typeof at !== "number" || !Number.isFinite(at) || at < this.now || at > this.limits.maxSimulatedSeconds) throw new Abort("error", "The simulated clock went wrong");
        this.now = simTime(at);
        return "";
      }
      case "random": {
        const r = this.random();
        return JSON.stringify(Number.isFinite(r) && r >= 0 && r < 1 ? r : 0);
      }
      case "log":
        this.push({ at: this.now, type: "log", line: clip(this.text(a.line, 1_000_000, "A log line"), RUN_CAPS.logLineChars) });
        return "";
      case "answer":
        this.push({ at: this.now, type: "answer" });
        return JSON.stringify({ hangupAfter: this.call.party.hangupAfterSeconds });
      case "media_start": {
        const id = this.nextId++;
        let event: Opened["event"];
        let seconds: number;
        if (a.kind === "say") {
          const text = this.text(a.text, RUN_CAPS.textChars, "The text to say");
          seconds = sayDuration(text);
          event = { at: this.now, type: "say", text, seconds };
        } else {
          const url = this.text(a.url, RUN_CAPS.urlChars, "The playback URL");
          seconds = PLAYBACK_SECONDS;
          event = { at: this.now, type: "play", url, seconds };
        }
        this.push(event);
        this.media.set(id, { event, start: this.now });
        return JSON.stringify({ id, seconds });
      }
      case "media_stop": {
        const m = this.media.get(Number(a.id));
        if (m) {
          m.event.seconds = simTime(this.now - m.start);
          this.media.delete(Number(a.id));
        }
        return "";
      }
      case "rec_start": {
        const name = clip(this.text(a.name, 200, "A recording's name"), 100);
        if (this.recordings.has(name)) throw new Abort("error", `A recording named "${name}" is already running`);
        this.recordings.add(name);
        this.push({ at: this.now, type: "record_start", name });
        return JSON.stringify({ name, url: `record://${encodeURIComponent(name)}` });
      }
      case "rec_stop": {
        const name = String(a.name);
        if (this.recordings.delete(name)) this.push({ at: this.now, type: "record_stop", name });
        return "";
      }
      case "tones": {
        const digits = this.dtmfLeft;
        this.dtmfLeft = "";
        return JSON.stringify({ digits, interval: DTMF_INTERVAL_SECONDS });
      }
      case "dtmf":
        this.push({ at: this.now, type: "dtmf", digits: this.text(a.digits, 1, "A tone") });
        return "";
      case "leg_start": {
        if (this.legs.size >= RUN_CAPS.legs) throw new Abort("error", `The scenario made too many calls (more than ${RUN_CAPS.legs})`);
        const kind = a.kind === "user" ? "user" : "number";
        const to = clip(this.text(a.to, 200, "A destination"), 100);
        const callerId = typeof a.callerid === "string" ? clip(a.callerid.trim(), 100) : "";
        const id = this.nextId++;
        const event: Leg["event"] = { at: this.now, type: "forward", to, kind, answered: false, seconds: 0, ...(callerId ? { callerId } : {}) };
        this.push(event);
        const plan = planLeg(to, kind, this.call.party, callerIdPasses(this.call.callerIds, callerIdKey(callerId)));
        const failure = plan.result === "answer" ? null : plan.result;
        this.legs.set(id, { event, answeredAt: null, open: true, failsAt: failure ? simTime(this.now + plan.after) : null, failure });
        return JSON.stringify({ id, ...plan });
      }
      case "leg_answer": {
        const leg = this.legs.get(Number(a.id));
        if (leg?.open && leg.answeredAt === null) {
          leg.answeredAt = this.now;
          leg.event.answered = true;
        }
        return "";
      }
      case "leg_end":
        this.closeLeg(Number(a.id));
        return "";
      case "http": {
        const url = this.text(a.url, RUN_CAPS.urlChars, "The request URL");
        const method = clip(this.text(a.method, 20, "The request method"), 10);
        const answer = simulateHttp(url, method, typeof a.body === "string" ? a.body : "");
        this.push({ at: this.now, type: "http", url, method, status: answer.code });
        return JSON.stringify({ ...answer, seconds: HTTP_SECONDS });
      }
      case "list_report": {
        const kind = a.kind;
        if (kind !== "result" && kind !== "error" && kind !== "progress") throw new Abort("error", "The scenario sent the runtime malformed data");
        const data = this.text(a.data, RUN_CAPS.reportChars, "A call list report");
        const decisive = kind !== "progress";
        const ignored = decisive && this.reported;
        if (decisive) this.reported = true;
        this.push({ at: this.now, type: "list_report", kind, data, ...(ignored ? { ignored: true as const } : {}) });
        return JSON.stringify({ seconds: HTTP_SECONDS });
      }
      case "sq_enqueue":
        return this.enqueue(a);
      case "sq_event": {
        const task = this.tasks.get(Number(a.task));
        const what = a.what;
        if (!task || (what !== "distributed" && what !== "reached" && what !== "cancelled" && what !== "ended")) throw new Abort("error", "The scenario sent the runtime malformed data");
        const agent = typeof a.agent === "string" && task.agents.has(a.agent) ? { agent: a.agent } : {};
        if ((what === "distributed" || what === "reached") && !("agent" in agent)) throw new Abort("error", "The scenario sent the runtime malformed data");
        const status = typeof a.status === "string" && /^[A-Z_]{1,40}$/.test(a.status) ? { status: a.status } : {};
        const detail = typeof a.detail === "string" && a.detail !== "" ? { detail: clip(a.detail, 200) } : {};
        this.push({ at: this.now, type: "queue", what, queue: task.queue, ...agent, ...status, ...detail });
        return "";
      }
      case "end": {
        const by = a.by === "party" || a.by === "runtime" ? a.by : "scenario";
        this.finish("completed", by, clip(typeof a.reason === "string" ? a.reason : "scenario", 40));
        return "";
      }
      case "error":
        throw new Abort("error", "script-error");
      default:
        throw new Abort("error", `Unknown operation ${clip(op, 40)}`);
    }
  }

  /** VoxEngine.enqueueTask: records the task and answers with the agents to offer it to (simulation.ts planSmartQueueTask). */
  private enqueue(a: Record<string, unknown>): string {
    if (this.tasks.size >= RUN_CAPS.tasks) throw new Abort("error", `The scenario enqueued too many tasks (more than ${RUN_CAPS.tasks})`);
    const ref = a.queue;
    const skills = Array.isArray(a.skills) ? a.skills : [];
    const validRef = (typeof ref === "string" && ref.trim() !== "" && ref.length <= 100) || (typeof ref === "number" && Number.isSafeInteger(ref) && ref > 0);
    const valid = skills.length <= 20 && skills.every((s: unknown) => {
      const k = s as { name?: unknown; level?: unknown };
      return typeof k?.name === "string" && k.name.length <= 100 && Number.isInteger(k.level) && Number(k.level) >= 1 && Number(k.level) <= 5;
    });
    if (!validRef || !valid || !Number.isInteger(a.priority)) throw new Abort("error", "The scenario sent the runtime malformed data");
    const taskSkills = skills as { name: string; level: number }[];
    const plan = planSmartQueueTask(this.call.smartQueue, ref as string | number, taskSkills);
    const id = this.nextId++;
    if ("error" in plan) {
      this.push({ at: this.now, type: "queue", what: "error", queue: clip(plan.queue, 100), detail: plan.error.description });
      return JSON.stringify({ id, error: plan.error });
    }
    this.tasks.set(id, { queue: plan.queue, agents: new Set(plan.agents.map((g) => g.name)) });
    const wanted = taskSkills.length > 0 ? `; skills ${taskSkills.map((s) => `${s.name} ≥ ${s.level}`).join(", ")}` : "";
    // No agent can take it: the call waits only in a queue that holds calls (prelude.ts startTask).
    const what = plan.agents.length > 0 ? "enqueued" : plan.hold ? "held" : "refused";
    const able = plan.why ? plan.why.charAt(0).toLowerCase() + plan.why.slice(1) : `${countOf(plan.agents.length, "agent")} can take it`;
    this.push({ at: this.now, type: "queue", what, queue: plan.queue, detail: clip(`priority ${String(a.priority)}${wanted}; ${able}`, 200) });
    return JSON.stringify({ id, ...plan });
  }

  private closeLeg(id: number): void {
    const leg = this.legs.get(id);
    if (!leg?.open) return;
    leg.open = false;
    leg.event.endAt = this.now;
    leg.event.seconds = leg.answeredAt === null ? 0 : simTime(this.now - leg.answeredAt);
    // Failed by itself (it rang out, or was busy or invalid), not hung up by the scenario before.
    if (leg.answeredAt === null && leg.failure && leg.failsAt !== null && this.now >= leg.failsAt) leg.event.failure = leg.failure;
  }

  /** Closes what is still open at the current time and appends the hangup: the run is over. */
  finish(outcome: ScenarioOutcome, by: "scenario" | "party" | "runtime", reason: string, error?: string): void {
    if (this.ended) return;
    for (const [id, m] of this.media) {
      m.event.seconds = simTime(this.now - m.start);
      this.media.delete(id);
    }
    for (const id of this.legs.keys()) this.closeLeg(id);
    for (const name of this.recordings) this.events.push({ at: this.now, type: "record_stop", name });
    this.recordings.clear();
    this.events.push({ at: this.now, type: "hangup", by, reason });
    this.ended = { outcome, ...(error !== undefined ? { error } : {}) };
  }

  result(): ScenarioRun {
    const ended = this.ended ?? { outcome: "error" as const, error: "The run ended without a hangup" };
    return { events: this.events, durationSeconds: this.now, outcome: ended.outcome, ...(ended.error !== undefined ? { error: ended.error } : {}) };
  }
}

/** Frees a run's handles; false when the engine objected (a leak or an abort): drop the module then. */
function disposeAll(bridge: QuickJSHandle, vm: QuickJSContext, rt: QuickJSRuntime): boolean {
  try {
    bridge.dispose();
    vm.dispose();
    rt.dispose();
    return true;
  } catch {
    return false;
  }
}

/** The outcome an engine error means: the deadline, the memory limit, or the script's own fault. */
function classify(info: { name: string; message: string }): ScenarioOutcome {
  if (info.name === "InternalError" && info.message === "interrupted") return "timeout";
  if (info.name === "InternalError" && info.message === "out of memory") return "memory_limit";
  return "error";
}

function dumpError(vm: QuickJSContext, handle: QuickJSHandle): { name: string; message: string; stack?: string; lineNumber?: number; fileName?: string } {
  try {
    const d = vm.dump(handle) as unknown;
    if (d && typeof d === "object") {
      const o = d as Record<string, unknown>;
      return {
        name: typeof o.name === "string" ? o.name : "Error",
        message: typeof o.message === "string" ? o.message : String(o.message ?? ""),
        stack: typeof o.stack === "string" ? o.stack.slice(0, 4000) : undefined,
        lineNumber: typeof o.lineNumber === "number" ? o.lineNumber : undefined,
        fileName: typeof o.fileName === "string" ? o.fileName : undefined,
      };
    }
    return { name: "Error", message: `Uncaught ${clip(String(d), 200)}` };
  } catch {
    return { name: "InternalError", message: "out of memory" };
  } finally {
    handle.dispose();
  }
}

/**
 * Runs the scenarios of one session in one sandbox, in order (as the platform concatenates a
 * rule's scenarios), against the simulated call, and returns what happened (the contract's
 * ScenarioRun: events in time order, always ending with a hangup). A script's fault, the time
 * limit (wall-clock: the run's elapsed time on the server, not its CPU time), the memory limit and
 * the simulated-time cap are outcomes, never exceptions; it throws only for a fault of the runtime
 * itself.
 */
export const runScenarios: RunScenarios = async (scenarios, call, opts) => {
  const limits = effectiveLimits(opts.limits);
  const startedAt = opts.startedAt;
  const mod = await quickjs();
  const rec = new Recorder(call, limits, opts.random);
  const names = scenarios.map((s) => s.name);
  const total = scenarios.reduce((n, s) => n + s.script.length, 0);
  if (total > RUN_CAPS.scriptChars) {
    rec.finish("error", "runtime", "error", `The scenarios are too large (${total} characters; at most ${RUN_CAPS.scriptChars})`);
    return rec.result();
  }

  const rt = mod.newRuntime();
  rt.setMemoryLimit(limits.memoryBytes);
  rt.setMaxStackSize(STACK_BYTES);
  const deadline = Date.now() + limits.wallClockMilliseconds;
  let pendingAbort: Abort | null = null;
  // The deadline, and at once when the host has already decided the run is over (a script that
  // keeps calling after an abort is stopped now, not at its deadline).
  rt.setInterruptHandler(() => pendingAbort !== null || Date.now() >= deadline);
  const vm = rt.newContext();
  let scriptError: ScriptError | null = null;
  let broken = false;
  // The sandbox's own sentences for the limits it stops a run at (runtime-contract.ts ScenarioRun.error).
  const stopAtLimit = (outcome: "timeout" | "memory_limit") =>
    outcome === "timeout"
      ? rec.finish("timeout", "runtime", "timeout", `The scenario ran longer than its ${limits.wallClockMilliseconds} ms time limit`)
      : rec.finish("memory_limit", "runtime", "memory_limit", `The scenario used more than its ${Math.round(limits.memoryBytes / 1048576)} MB of memory`);

  // Ends the run for an engine error (a throw the script did not catch, or the sandbox's limits).
  const fault = (info: ReturnType<typeof dumpError>) => {
    if (settle()) return;
    const outcome = Date.now() >= deadline ? "timeout" : classify(info);
    if (outcome === "timeout" || outcome === "memory_limit") stopAtLimit(outcome);
    else {
      const located = locate(info, names);
      const message = info.message === "stack overflow" ? { ...located, name: "RangeError", message: "Maximum call stack size exceeded" } : located;
      rec.finish("error", "runtime", "error", formatScriptError(message));
    }
  };
  const abort = (e: unknown) => {
    if (!(e instanceof Abort)) throw e;
    if (e.detail === "script-error" && scriptError) rec.finish("error", "runtime", "error", formatScriptError(scriptError));
    else rec.finish(e.outcome, "runtime", e.outcome === "error" ? "error" : e.outcome, e.detail);
  };

  const bridge = vm.newFunction("host", (opH, argH) => {
    if (pendingAbort || rec.ended) return;
    try {
      const op = vm.getString(opH);
      const raw = argH ? vm.getString(argH) : "";
      if (raw.length > 2_000_000) throw new Abort("error", "An argument is too large");
      const arg: unknown = raw === "" ? undefined : JSON.parse(raw);
      if (op === "error") {
        // A throw the prelude caught (in a listener, a timer or a promise): the script's fault,
        // unless it is the memory limit surfacing as an error.
        const a = (arg ?? {}) as { name?: unknown; message?: unknown; stack?: unknown };
        const info = { name: String(a.name ?? "Error"), message: String(a.message ?? ""), stack: String(a.stack ?? "").slice(0, 4000) };
        const kind = classify(info);
        scriptError = info.message === "stack overflow" ? { ...locate(info, names), name: "RangeError", message: "Maximum call stack size exceeded" } : locate(info, names);
        pendingAbort = new Abort(kind, kind === "error" ? "script-error" : kind);
        return;
      }
      const out = rec.handle(op, arg);
      return out === "" ? undefined : vm.newString(out);
    } catch (e) {
      if (e instanceof Abort) {
        pendingAbort = e;
        return;
      }
      if (e instanceof SyntaxError) {
        pendingAbort = new Abort("error", "The scenario sent the runtime malformed data");
        return;
      }
      throw e;
    }
  });

  const settle = () => {
    if (!pendingAbort) return false;
    const e = pendingAbort;
    if (e.outcome === "timeout" || e.outcome === "memory_limit") stopAtLimit(e.outcome);
    else abort(e);
    return true;
  };
  const drainJobs = () => {
    const jobs = rt.executePendingJobs();
    if (jobs.error) {
      fault(dumpError(vm, jobs.error));
      return false;
    }
    return true;
  };

  try {
    const setup = JSON.stringify({
      direction: call.direction,
      from: call.from,
      to: call.to,
      customData: call.customData,
      startMs: startedAt instanceof Date ? startedAt.getTime() : 0,
      maxSeconds: limits.maxSimulatedSeconds,
      ringTimeout: RING_TIMEOUT_SECONDS,
      sqOfferSeconds: SQ_OFFER_SECONDS,
      sqWaitingEvery: SQ_WAITING_EVERY_SECONDS,
      sqMaxOffers: SQ_MAX_OFFERS,
      reportChars: RUN_CAPS.reportChars,
    });
    const preludeFn = vm.evalCode(PRELUDE, "prelude.js");
    if (preludeFn.error) throw new Error(`The scenario prelude failed to load: ${JSON.stringify(dumpError(vm, preludeFn.error))}`);
    const setupH = vm.newString(setup);
    const ctrlR = vm.callFunction(preludeFn.value, vm.undefined, bridge, setupH);
    setupH.dispose();
    preludeFn.value.dispose();
    if (ctrlR.error) throw new Error(`The scenario prelude failed to start: ${JSON.stringify(dumpError(vm, ctrlR.error))}`);
    const ctrl = ctrlR.value;
    const startFn = vm.getProp(ctrl, "start");
    const stepFn = vm.getProp(ctrl, "step");
    ctrl.dispose();
    try {
      let ok = true;
      for (let i = 0; ok && i < scenarios.length; i++) {
        const r = vm.evalCode(scenarios[i]!.script, `scenario-${i}.js`, { type: "global" });
        if (r.error) {
          fault(dumpError(vm, r.error));
          ok = false;
        } else r.value.dispose();
        if (ok && settle()) ok = false;
        if (ok) ok = drainJobs();
      }
      if (ok) {
        const s = vm.callFunction(startFn, vm.undefined);
        if (s.error) {
          fault(dumpError(vm, s.error));
          ok = false;
        } else s.value.dispose();
      }
      while (ok && !rec.ended) {
        const r = vm.callFunction(stepFn, vm.undefined);
        if (r.error) {
          fault(dumpError(vm, r.error));
          break;
        }
        r.value.dispose();
        if (settle()) break;
        if (!drainJobs()) break;
        if (settle()) break;
        if (Date.now() >= deadline) {
          stopAtLimit("timeout");
          break;
        }
      }
    } finally {
      startFn.dispose();
      stepFn.dispose();
    }
  } catch (e) {
    // Node's own stack overflowed inside the WebAssembly (or the engine aborted): the module's
    // state cannot be trusted any more. The run is the script's fault; the next run loads a
    // fresh module.
    if (!(e instanceof RangeError) && !(e instanceof WebAssembly.RuntimeError)) throw e;
    broken = true;
    rec.finish("error", "runtime", "error", "RangeError: Maximum call stack size exceeded");
  } finally {
    if (!broken) broken = !disposeAll(bridge, vm, rt);
    if (broken) modulePromise = null;
  }
  if (!rec.ended) rec.finish("error", "runtime", "error", "The run ended without a hangup");
  return rec.result();
};

/**
 * "Check syntax": compiles a script in a sandbox without running it. null when it compiles,
 * else the error with its line (the panel marks it in the editor).
 */
export async function checkScript(script: string, name = "scenario"): Promise<ScriptError | null> {
  const mod = await quickjs();
  const rt = mod.newRuntime();
  rt.setMemoryLimit(DEFAULT_LIMITS.memoryBytes);
  rt.setMaxStackSize(STACK_BYTES);
  rt.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + DEFAULT_LIMITS.wallClockMilliseconds));
  const vm = rt.newContext();
  try {
    const r = vm.evalCode(script, "scenario-0.js", { type: "global", compileOnly: true });
    if (!r.error) {
      r.value.dispose();
      return null;
    }
    const info = dumpError(vm, r.error);
    const located = locate(info, [name]);
    return classify(info) === "error" ? located : { name: "InternalError", message: "The script is too large or complex to compile" };
  } finally {
    vm.dispose();
    rt.dispose();
  }
}
