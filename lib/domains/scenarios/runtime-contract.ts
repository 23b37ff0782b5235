// The contract between the scenario runtime (lib/domains/scenarios: routing rules and the
// sandbox that runs VoxEngine-style JavaScript) and the call simulator (lib/domains/calls: the
// only writer of call sessions, legs, logs and recordings). Types only. The simulator takes a
// RouteCall and a RunScenarios as dependencies, so its tests can give it scripted runs and the
// runtime's tests need no database of calls.
//
// Units: times are seconds after the session started (numbers, may be fractional); prices are
// minor units; dates UTC.
import type { Random } from "@/lib/core/random";

/** What the simulated far end does (the panel's "test call" form and the API fill it in). */
export type SimulatedParty = {
  /** Seconds until the called party answers an outbound call; null: it never answers (no answer). */
  answerAfterSeconds: number | null;
  /** Digits the party presses when the scenario waits for DTMF, in order ("" presses nothing). */
  dtmf: string;
  /** Seconds after answering at which the party hangs up by itself; null: it waits for the scenario. */
  hangupAfterSeconds: number | null;
};

/** A call the simulator asks the runtime to run. */
export type CallSetup = {
  accountId: number;
  applicationId: number;
  direction: "inbound" | "outbound";
  /** The caller: an E.164 number, or an application user's name. */
  from: string;
  /** What was dialled (matched against the rules' patterns): an E.164 number or a username. */
  to: string;
  /** StartScenarios' script_custom_data / the call list row; the scenario reads it (VoxEngine.customData()). */
  customData: string;
  party: SimulatedParty;
  /**
   * The application's SmartQueue as VoxEngine.enqueueTask sees it (lib/domains/queues
   * smartQueueSnapshot). Absent: the application has none, or no scenario of the run enqueues.
   */
  smartQueue?: SmartQueueSnapshot;
  /**
   * Which caller IDs a PSTN leg (callPSTN) may present, as callerIdKey forms them (E.164; "" for
   * none). `refused`: these fail at once with SIP 403 (failure "forbidden"), as the network refuses
   * a number the account has not proved, and any other passes; `allowed`: only these pass. Absent:
   * every caller ID passes (the simulator's first run, which collects the caller IDs the scenario
   * uses; lib/domains/calls/runtime.ts withCallerIdRule).
   */
  callerIds?: { refused: readonly string[] } | { allowed: readonly string[] };
};

/** How a queue picks among the agents able to take a call (SQ_AddQueue's call_agent_selection). */
export type SqAgentSelection = "MOST_QUALIFIED" | "LEAST_QUALIFIED" | "MAX_WAITING_TIME";

/** One queue of the application, with its agents in the order they were bound (earliest first). */
export type SmartQueueSnapshotQueue = {
  id: number;
  name: string;
  agentSelection: SqAgentSelection;
  /** Keep a call waiting when no agent can take it (SQ_AddQueue's hold_calls_if_inactive_agents). */
  holdIfNoAgent: boolean;
  /** Seconds a call may wait in the queue; null: no limit. */
  maxWaitingSeconds: number | null;
  agents: {
    id: number;
    name: string;
    /** SQ_SetAgentInfo's handle_calls: false keeps the agent from calls. */
    handlesCalls: boolean;
    /** The agent's skills: lowercased skill name → level 1..5. */
    skills: Record<string, number>;
  }[];
};

/** `skills`: the names of the application's skills (its catalogue), as spelled there. */
export type SmartQueueSnapshot = { queues: SmartQueueSnapshotQueue[]; skills: string[] };

/** The rule that matched a dialled string, and its scenarios in their order (each one's current script). */
export type RouteMatch = {
  rule: { id: number; name: string };
  scenarios: { id: number; name: string; script: string }[];
};

/**
 * The application's rules in order; the first whose pattern matches `dialled` (and whose exclude
 * pattern does not) wins. null: no rule matches. Implemented in lib/domains/scenarios (rules).
 */
export type RouteCall = (applicationId: number, dialled: string) => Promise<RouteMatch | null>;

/** Why a placed call was never answered (lib/domains/scenarios/simulation.ts planLeg). */
export type LegFailure = "busy" | "no_answer" | "invalid" | "forbidden";

/** One thing a scenario did, `at` seconds after the session started, in time order. */
export type ScenarioEvent =
  | { at: number; type: "answer" }
  | { at: number; type: "say"; text: string; seconds: number }
  | { at: number; type: "play"; url: string; seconds: number }
  | { at: number; type: "record_start"; name: string }
  | { at: number; type: "record_stop"; name: string }
  | { at: number; type: "dtmf"; digits: string }
  /**
   * A second leg, dialled at `at`: to an E.164 number or an application user; answered legs talk
   * `seconds`. callerId: what the scenario gave as the caller (callPSTN's second argument,
   * callUser's callerid), absent when it gave none. failure: why an unanswered leg failed (busy:
   * SIP 486, no_answer: 408 after the ring timeout, invalid: 404, forbidden: 403, a PSTN leg whose
   * caller ID the account may not present), absent when it was answered or
   * ended before it rang out. endAt: when the leg ended (hung up, rang out, failed, or closed by
   * the session's end), seconds after the session started; absent in runs stored before the
   * sandbox recorded it.
   */
  | { at: number; type: "forward"; to: string; kind: "number" | "user"; answered: boolean; seconds: number; callerId?: string; failure?: LegFailure; endAt?: number }
  /** An HTTP request to an allow-listed URL, simulated (no network): its answer. */
  | { at: number; type: "http"; url: string; method: string; status: number }
  | { at: number; type: "log"; line: string }
  /**
   * A SmartQueue task's step (VoxEngine.enqueueTask): queued in `queue` for agents who can take
   * it (enqueued), or with none who can (held: the queue holds calls, so the call waits anyway;
   * refused: it does not, the task is cancelled next), offered to `agent`, taken by `agent`,
   * cancelled (`status`: a TerminationStatus), or an error (`detail` says why).
   */
  | { at: number; type: "queue"; what: SmartQueueStep; queue: string; agent?: string; status?: string; detail?: string }
  /**
   * A call list report (require(Modules.CallList)): CallList.reportResult (result: the row is
   * done), reportError (error: this attempt failed, the list retries while attempts remain) or
   * reportProgress (progress: a note for the log). `data`: the report as the scenario gave it (a
   * string, or an object as JSON). ignored: a result or error after the first one, which alone
   * decides the attempt (callListReport).
   */
  | { at: number; type: "list_report"; kind: CallListReportKind; data: string; ignored?: true }
  /** The session ends: who ended it and why (e.g. "scenario", "party", "no_answer", "error"). */
  | { at: number; type: "hangup"; by: "scenario" | "party" | "runtime"; reason: string };

/** What a scenario's CallList report says: CallList.reportResult, reportError or reportProgress. */
export type CallListReportKind = "result" | "error" | "progress";

/** The steps of a SmartQueue task the session log shows. */
export type SmartQueueStep = "enqueued" | "held" | "refused" | "distributed" | "reached" | "cancelled" | "error" | "ended";

/** How a run ended. "error": the script threw; "timeout" / "memory_limit": the sandbox stopped it. */
export type ScenarioOutcome = "completed" | "error" | "timeout" | "memory_limit";

/** A whole simulated session, as the scenario played it out. The last event is always a hangup. */
export type ScenarioRun = {
  events: ScenarioEvent[];
  /** Seconds from start to the hangup. */
  durationSeconds: number;
  outcome: ScenarioOutcome;
  /**
   * For an outcome other than "completed": why. The script's error (runtime.ts formatScriptError,
   * with the scenario and line when known), or the sandbox's own sentence, which begins "The
   * scenario " ("The scenario ran longer than its 1000 ms time limit"): the history says that one
   * as it is (lib/domains/calls/plan.ts scenarioStopped).
   */
  error?: string;
};

/** Sandbox limits (lib/domains/scenarios/simulation.ts DEFAULT_LIMITS, MAX_LIMITS). */
export type SandboxLimits = {
  /**
   * Wall-clock milliseconds the whole run may take on the server, compilation and every scenario
   * included: elapsed time (Date.now()), not the CPU time the run used, nor the call's simulated time.
   */
  wallClockMilliseconds: number;
  /** Bytes the isolate may allocate. */
  memoryBytes: number;
  /** Simulated seconds the session may last (open calls then hang up, reason max_duration). */
  maxSimulatedSeconds: number;
};

/**
 * Runs the scenarios of a session (in order, sharing one sandbox, as VoxEngine does) against a
 * simulated call and returns what happened. Never throws for a script's fault (that is an outcome);
 * throws only for a runtime fault of ours. Implemented in lib/domains/scenarios (the sandbox).
 */
export type RunScenarios = (
  scenarios: readonly { name: string; script: string }[],
  call: CallSetup,
  /** startedAt (added by the runtime, optional): the session's start, what Date.now() reads at second 0 (default: the Unix epoch). */
  opts: { random: Random; limits?: Partial<SandboxLimits>; startedAt?: Date },
) => Promise<ScenarioRun>;
