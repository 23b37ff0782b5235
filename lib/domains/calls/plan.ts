// What a scenario run becomes in the call history (docs/PRODUCT.md section 7 "Calls"), worked out
// without a database so every rule here is a unit test: the session's legs (the caller's leg and
// one per forward) with their talk time and per-minute price, their cost, the log lines, the
// recordings, and how far a balance can pay for the call. The simulator (./simulator.ts) stores
// what this returns. Pure.
//
// Units: times are seconds after the session started; prices and costs are minor units of the
// catalogue's currency; talk time is billed per started minute (ours: a call of 61 s is billed as
// 2 minutes, as most carriers' per-minute tariffs do), each leg on its own. Every span shown or
// stored in whole seconds is rounded up by wholeSeconds (see there).
import { E164_RE } from "@/lib/core/phone";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import type { CallListReportKind, CallSetup, ScenarioEvent, ScenarioOutcome, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import { callerIdKey } from "@/lib/domains/scenarios/simulation";
import type { CallInitiator } from "./schemas";

/**
 * Legs to and from application users (SDK clients and SIP phones) stay on the platform, so they
 * are free (ours: the catalogue prices the telephone network only). Legs to or from phone numbers
 * cost the catalogue's per-minute price: outbound at the destination's price, inbound at the
 * price of the account's number that was called.
 */
export const USER_LEG_PRICE_PER_MINUTE_MINOR = 0;

export type LegPlan = {
  /** 0: the session's call (the incoming call, or the first call an outbound scenario placed); 1, 2, ...: the others, in order. */
  index: number;
  localNumber: string;
  remoteNumber: string;
  /** pstn: a phone number; user: an application user; sip: a PBX's caller, through a SIP registration. */
  remoteNumberType: "pstn" | "user" | "sip";
  incoming: boolean;
  /** When the leg began (dialled, or arrived). */
  startAt: number;
  /** The talk interval [talkFrom, talkTo]; null when the leg was never answered. */
  talkFrom: number | null;
  talkTo: number | null;
  pricePerMinuteMinor: number;
  /**
   * When the leg ended in the run (seconds after the start): its talk's end when answered; else
   * when it rang out, failed or was hung up; the incoming call, at the session's end. A placed
   * call of a run stored before the sandbox recorded a leg's end: when it was dialled.
   */
  endAt: number;
  /** Why the leg ended in the run, a code word (LEG_END_WORDS); settleLegs puts a cut's in its place. */
  endReason: string;
};

export type LegResult = LegPlan & {
  successful: boolean;
  /** Whole seconds of talk, rounded up, within the cut. */
  durationSeconds: number;
  costMinor: number;
};

export type LogPlan = { at: number; source: "scenario" | "system"; line: string };
export type RecordingPlan = { name: string; from: number; to: number; durationSeconds: number; spokenText: string };

/**
 * A span of simulated time (seconds, fractional) in whole seconds: rounded up, a started second
 * counts (4.2 s is 5 s; a millisecond of float noise is forgiven). The one rule for every length
 * the history shows or stores: a session's duration, a leg's talk, a recording, "talked n s",
 * and the m:ss of "Session ended at", "Terminated at" and "the balance ran out at", so a header
 * of 0:05 never sits next to an end at 0:04. Billing is separate: per started minute of each
 * leg's talk (legCost), which rounding the seconds up first leaves unchanged.
 */
export function wholeSeconds(seconds: number): number {
  return Math.max(0, Math.ceil(seconds - 1e-9));
}

/** A span as m:ss ("2:05"), of its wholeSeconds. */
export function mmss(seconds: number): string {
  const s = wholeSeconds(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** How a call came in, beside its setup: through a SIP registration ("100@pbx.example.com"), if so. */
export type CallVia = { sipRegistration?: string };

/** Whether a dialled or calling string is a phone number (else an application user's name). */
export const isPhoneNumber = (s: string): boolean => E164_RE.test(s);

/**
 * The legs a run made, before any cut (the runtime's model, lib/domains/scenarios): an inbound
 * session has the incoming call (leg 0, talking from the scenario's answer to the end) and one leg
 * per call the scenario placed; an outbound session (StartScenarios, a test call) has no call of its
 * own, and the first call the scenario places is the session's call (leg 0). A placed call rings
 * for the party's answerAfterSeconds, then talks its `seconds`.
 */
export function planLegs(setup: Pick<CallSetup, "direction" | "from" | "to" | "party"> & CallVia, run: ScenarioRun): LegPlan[] {
  const legs: LegPlan[] = [];
  const end = run.durationSeconds;
  if (setup.direction === "inbound") {
    const hangup = run.events.findLast((e) => e.type === "hangup");
    const answeredAt = run.events.find((e) => e.type === "answer")?.at ?? null;
    // A call through a SIP registration comes from the PBX, whatever its caller looks like: a platform leg.
    const pstn = !setup.sipRegistration && isPhoneNumber(setup.from);
    legs.push({
      index: 0,
      localNumber: setup.to,
      remoteNumber: setup.from,
      remoteNumberType: setup.sipRegistration ? "sip" : pstn ? "pstn" : "user",
      incoming: true,
      startAt: 0,
      talkFrom: answeredAt,
      talkTo: answeredAt === null ? null : end,
      endAt: end,
      pricePerMinuteMinor: pstn && isPhoneNumber(setup.to) ? pricesForDestination(setup.to).callInboundPerMinuteMinor : USER_LEG_PRICE_PER_MINUTE_MINOR,
      endReason: answeredAt === null ? "not_answered" : hangup?.type === "hangup" ? hangup.reason : "hangup",
    });
  }
  // A placed call shows the caller ID its scenario gave it (in E.164 when it is a number), or else
  // the session's caller (on an inbound call, the number that called in).
  const ring = Math.max(0, setup.party.answerAfterSeconds ?? 0);
  for (const e of run.events) {
    if (e.type !== "forward") continue;
    const pstn = e.kind === "number";
    const { talkFrom, ended } = placedSpan(e, ring, end);
    const talkTo = talkFrom === null ? null : Math.min(end, talkFrom + e.seconds);
    legs.push({
      index: legs.length,
      localNumber: e.callerId ? callerIdKey(e.callerId) || e.callerId : setup.from,
      remoteNumber: e.to,
      remoteNumberType: pstn ? "pstn" : "user",
      incoming: false,
      startAt: e.at,
      talkFrom,
      talkTo,
      endAt: talkTo ?? ended,
      pricePerMinuteMinor: pstn ? pricesForDestination(e.to).callOutboundPerMinuteMinor : USER_LEG_PRICE_PER_MINUTE_MINOR,
      // Unanswered with no failure: the scenario (or the session's end) closed it while it rang,
      // "not answered" as its log line says; a run stored before legs had an end cannot tell
      // that from ringing out.
      endReason: e.answered ? "hangup" : (e.failure ?? (e.endAt !== undefined ? "not_answered" : "no_answer")),
    });
  }
  return legs;
}

/**
 * When a placed call was answered (null: never; `ring`: the party's answerAfterSeconds, within the
 * run's `duration`) and when it ended, seconds after the start. A run stored before the sandbox
 * recorded a leg's end (endAt): its talk's end, or (unanswered) its dialling.
 */
function placedSpan(e: Forward, ring: number, duration: number): { talkFrom: number | null; ended: number } {
  const talkFrom = e.answered ? Math.min(duration, e.at + ring) : null;
  return { talkFrom, ended: e.endAt ?? (talkFrom !== null ? talkFrom + e.seconds : e.at) };
}

/** Why a session was cut before its run's end: the balance ran out, or "End session" was pressed. */
export type CutCause = "funds" | "terminated";

/** The end reason (a code word) of a leg still going, talking or ringing, when the session is cut. */
const CUT_END_REASON: Record<CutCause, string> = { funds: "payment_required", terminated: "terminated" };

/**
 * Whether a leg answered at `talkFrom` (seconds; null: never) was answered when the session is cut
 * at `cut` seconds. An answer at the cut itself counts (a scenario that answers and hangs up in the
 * same second answered the call, for 0 s), as the log shows every event up to the cut.
 */
function answeredBy(talkFrom: number | null, cut: number): boolean {
  return talkFrom !== null && talkFrom <= cut;
}

/** Whole seconds of talk of a leg when the session is cut at `cut` (rounded up: 0.2 s is 1 s). */
export function talkSeconds(leg: LegPlan, cut: number): number {
  if (leg.talkFrom === null || leg.talkTo === null) return 0;
  const to = Math.min(leg.talkTo, cut);
  return to > leg.talkFrom ? wholeSeconds(to - leg.talkFrom) : 0;
}

/** Per started minute. */
export function legCost(pricePerMinuteMinor: number, seconds: number): number {
  return seconds <= 0 ? 0 : Math.ceil(seconds / 60) * pricePerMinuteMinor;
}

/**
 * The legs as they stand when the session is cut at `cut` seconds. Legs not yet begun are dropped;
 * a leg dialled at the cut itself is kept (not answered, unless answered at once), as the log shows
 * every event up to the cut, its "Called ..." line among them. `cause`: why the session was cut
 * before its run's end, if it was; a leg still going then (its endAt after the cut), talking or
 * ringing, ends for that cause (terminated, payment_required), whatever the run had in store for
 * it: one still ringing was not answered because of the cut, as the log says ("Called +1…: not
 * answered"), not busy or rung out later. A leg that ended by the cut keeps its own reason.
 */
export function settleLegs(legs: readonly LegPlan[], cut: number, cause?: CutCause): LegResult[] {
  return legs
    .filter((l) => l.startAt <= cut)
    .map((l) => {
      const seconds = talkSeconds(l, cut);
      const endReason = cause && l.endAt > cut ? CUT_END_REASON[cause] : l.endReason;
      return { ...l, endReason, successful: answeredBy(l.talkFrom, cut), durationSeconds: seconds, costMinor: legCost(l.pricePerMinuteMinor, seconds) };
    });
}

/** What the legs cost when the session is cut at `cut`. Never decreases as `cut` grows. */
export function costAt(legs: readonly LegPlan[], cut: number): number {
  return settleLegs(legs, cut).reduce((sum, l) => sum + l.costMinor, 0);
}

/**
 * How long the call may run on `availableMinor` (the balance plus the credit limit, or a user's
 * separate balance): the whole run when it can pay for it, else the longest whole number of
 * seconds whose cost it covers. Binary search over costAt, which never decreases.
 */
export function affordableSeconds(legs: readonly LegPlan[], duration: number, availableMinor: number): number {
  if (costAt(legs, duration) <= availableMinor) return duration;
  let lo = 0;
  let hi = Math.floor(duration);
  if (costAt(legs, lo) > availableMinor) return 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (costAt(legs, mid) <= availableMinor) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Refused at the start (status payment_required, nothing charged): the balance cannot pay for the
 * first minute of the first leg that costs anything. A run whose legs are all free always starts.
 */
export function firstMinuteMinor(legs: readonly LegPlan[]): number {
  const paid = legs.filter((l) => l.pricePerMinuteMinor > 0 && l.talkFrom !== null).sort((a, b) => a.talkFrom! - b.talkFrom!);
  return paid[0]?.pricePerMinuteMinor ?? 0;
}

/**
 * Why the network refused a PSTN leg (failure "forbidden", SIP 403), after "Called +1…: ":
 * "refused: +15550002222 is neither one of the account's numbers nor a verified caller ID" (the
 * test call dialog's words for its caller), or "refused: no caller ID" when the scenario gave
 * none. The rule: Voximplant's callPSTN, whose callerid must be a rented number or a verified
 * caller ID (or, forwarding an inbound call, its caller).
 */
export function callerIdRefused(callerId: string | undefined): string {
  return callerId ? `refused: ${notPresentable(callerId)}` : "refused: no caller ID";
}

/** "+1555… is neither one of the account's numbers nor a verified caller ID": why the network will not show a number, in every place that says so. */
export function notPresentable(number: string): string {
  return `${number} is neither one of the account's numbers nor a verified caller ID`;
}

/**
 * The caller an outbound session without one of its own (a call list's) shows: the caller ID its
 * scenario gave the first call it placed, or "" when it gave none.
 */
export function scenarioCallerId(run: ScenarioRun): string {
  const first = run.events.find((e) => e.type === "forward");
  return first?.type === "forward" ? (first.callerId ?? "") : "";
}

/**
 * Why a session or a call ended, as a sentence: the runtime's causes (who: scenario, party,
 * runtime; why: a code word, see lib/domains/scenarios/prelude.ts) in plain words ("The other
 * party was busy"); any other reason (a scripted run's own words) follows who hung up.
 */
export function hangupSentence(by: "scenario" | "party" | "runtime", reason: string): string {
  const who = by === "scenario" ? "scenario" : by === "party" ? "other party" : "platform";
  switch (reason) {
    case "scenario":
      return "The scenario hung up";
    case "party":
      return "The other party hung up";
    case "hangup":
      return `The ${who} hung up`;
    case "busy":
      return "The other party was busy";
    case "no_answer":
      return by === "party" ? "The caller hung up: nobody answered" : "Nobody answered";
    case "invalid":
      return "The number called is invalid";
    case "forbidden":
      return "The network refused the caller ID";
    case "max_duration":
      return "The session reached its longest allowed duration";
    case "idle":
      return "The scenario had nothing left to do";
    case "error":
    case "timeout":
    case "memory_limit":
      return "The platform stopped the scenario";
    default:
      return `Hung up by the ${who}: ${reason}`;
  }
}

/** How a run that did not complete ended, after "the scenario ": "ran out of time". */
function outcomeWords(outcome: Exclude<ScenarioOutcome, "completed">): string {
  return outcome === "timeout" ? "ran out of time" : outcome === "memory_limit" ? "ran out of memory" : "failed";
}

/** How the sandbox's own sentences about a run begin (lib/domains/scenarios/runtime.ts). */
const SANDBOX_SUBJECT = "The scenario ";

/**
 * Why a run that did not complete ended, after "the scenario ": the log's line is "The scenario "
 * and this, the finish reason "Error: the scenario " and this. A script's error follows what
 * happened ("failed: TypeError: x is not a function (scenario "main", line 5)"); the sandbox's own
 * sentence already names the scenario and says what happened ("The scenario ran longer than its
 * 1000 ms time limit"), so it reads on its own ("ran longer than its 1000 ms time limit"), where
 * "ran out of time: The scenario ran longer..." said the scenario twice.
 */
export function scenarioStopped(outcome: Exclude<ScenarioOutcome, "completed">, stored: string | undefined): string {
  // A run recorded before formatScriptError left out a plain Error's name: "Error: no agent on duty".
  const error = stored?.replace(/^Error: (?=\S)/, "");
  if (error?.startsWith(SANDBOX_SUBJECT)) return error.slice(SANDBOX_SUBJECT.length);
  return `${outcomeWords(outcome)}${error ? `: ${error}` : ""}`;
}

/** Earlier versions' words in our finish reasons and log lines, and today's (see currentWording). */
const EARLIER_WORDING: readonly (readonly [RegExp, string])[] = [
  // A plain Error's name: "the scenario failed: Error: no agent on duty".
  [/(the scenario failed: )Error: (?=\S)/gi, "$1"],
  // The scenario twice: "the scenario ran out of time: The scenario ran longer than ...".
  [/(the scenario )(?:failed|ran out of time|ran out of memory): the scenario /gi, "$1"],
  // The time limit called CPU time, though the sandbox measures the run's elapsed (wall-clock) time:
  // "the scenario ran longer than its 1000 ms of CPU time".
  [/(the scenario ran longer than its \d+ ms) of CPU time/gi, "$1 time limit"],
];

/**
 * A finish reason or a log line of ours as an earlier version stored it, in today's words, as the
 * history and the API show it (the row keeps what was written): "Error: the scenario failed:
 * Error: no agent on duty" reads "Error: the scenario failed: no agent on duty", as scenarioStopped
 * words it now. Never for a scenario's own lines (Logger.write), which are shown as written.
 */
export function currentWording(stored: string): string {
  if (!stored.includes("scenario ")) return stored;
  return EARLIER_WORDING.reduce((text, [earlier, today]) => text.replace(earlier, today), stored);
}

/** A leg's stored end reason (a code word: no_answer, busy, invalid, ...; the API's end_reason) in words: "no answer". */
const LEG_END_WORDS: Record<string, string> = {
  hangup: "hung up",
  no_answer: "no answer",
  not_answered: "not answered",
  busy: "busy",
  invalid: "invalid number",
  forbidden: "caller ID refused",
  terminated: "terminated",
  payment_required: "payment required",
  rejected: "rejected",
  failed: "failed",
  scenario: "the scenario hung up",
  party: "the other party hung up",
  max_duration: "longest allowed duration reached",
  idle: "the scenario had nothing left to do",
  error: "scenario error",
  timeout: "the scenario ran out of time",
  memory_limit: "the scenario ran out of memory",
};

/** Every leg end reason's code word (CallInfoType.end_reason), with what the history shows for it: "no_answer (no answer)". */
export const LEG_END_REASONS_DESCRIBED = Object.entries(LEG_END_WORDS)
  .map(([code, words]) => `${code} (${words})`)
  .join(", ");

/** What the history shows for a leg's end reason (the stored code word stays the API's end_reason). */
export function legEndReasonText(code: string): string {
  return LEG_END_WORDS[code] ?? code.replaceAll("_", " ");
}

type Forward = Extract<ScenarioEvent, { type: "forward" }>;

/** Our log line for an event other than a placed call (see planLog) and the scenario's own lines. */
function systemLine(e: Exclude<ScenarioEvent, Forward | { type: "log" }>): string {
  switch (e.type) {
    case "answer":
      return "Call answered";
    case "say":
      return `Said “${e.text}” (${wholeSeconds(e.seconds)} s)`;
    case "play":
      return `Played ${e.url} (${wholeSeconds(e.seconds)} s)`;
    case "record_start":
      return `Recording “${e.name}” started`;
    case "record_stop":
      return `Recording “${e.name}” stopped`;
    case "dtmf":
      return `DTMF received: ${e.digits || "(none)"}`;
    case "http":
      return `HTTP ${e.method} ${e.url}: ${e.status} (simulated)`;
    case "hangup":
      return hangupSentence(e.by, e.reason);
    case "queue":
      return queueLine(e);
    case "list_report":
      return `CallList: ${REPORT_WORDS[e.kind]}: ${e.data}${e.ignored ? " (ignored: the attempt's outcome was already reported)" : ""}`;
  }
}

const REPORT_WORDS: Record<CallListReportKind, string> = { result: "result reported", error: "error reported", progress: "progress" };

/** After a result or error a session no call list started reports: it decides nothing. */
const NO_LIST = " (no call list started this session: the report decides nothing)";

/** A scenario's report that decides a call list row's attempt (CallList.reportResult or reportError). */
export type CallListReport = { kind: "result" | "error"; data: string };

/**
 * The run's first CallList result or error report made by `cut` (seconds), or null: the scenario
 * reported neither before the call ended (a report after a balance cut never happened). Seed:
 * Voximplant's CallList.reportResult / reportError reference pages; see lib/domains/call-lists for
 * what each does to the row.
 */
export function callListReport(run: ScenarioRun, cut: number): CallListReport | null {
  for (const e of run.events) {
    if (e.at > cut) return null;
    if (e.type === "list_report" && e.kind !== "progress" && !e.ignored) return { kind: e.kind, data: e.data };
  }
  return null;
}

/** The session log's line for a SmartQueue task's step (VoxEngine.enqueueTask). */
function queueLine(e: Extract<ScenarioEvent, { type: "queue" }>): string {
  const q = `“${e.queue}”`;
  switch (e.what) {
    case "enqueued":
      return `SmartQueue: the call waits in ${q}${e.detail ? ` (${e.detail})` : ""}`;
    case "held":
      return `SmartQueue: the call waits in ${q}, which holds calls, though no agent can take it${e.detail ? ` (${e.detail})` : ""}`;
    case "refused":
      return `SmartQueue: no agent of ${q} can take the call${e.detail ? ` (${e.detail})` : ""}`;
    case "distributed":
      return `SmartQueue: ${q} offers the call to ${e.agent ?? "an agent"}`;
    case "reached":
      return `SmartQueue: ${e.agent ?? "an agent"} took the call from ${q}`;
    case "cancelled":
      // OPERATOR_NOT_AVAILABLE follows the refused step at once, whose line already said why.
      return `SmartQueue: the task in ${q} was cancelled (${e.status ?? "NONE"})${e.detail && e.status !== "OPERATOR_NOT_AVAILABLE" ? `: ${e.detail}` : ""}`;
    case "ended":
      return `SmartQueue: the scenario ended the task in ${q} (${e.status ?? "CLIENT_TERMINATE"})${e.detail ? `: ${e.detail}` : ""}`;
    case "error":
      return `SmartQueue: ${e.detail ?? "error"}`;
  }
}

/** How the log's first line names who started an outbound session. */
const STARTED_BY: Record<Exclude<CallInitiator, "inbound">, string> = {
  panel: "test call from the panel",
  api: "started through the API (StartScenarios)",
  call_list: "started by a call list",
};

/**
 * The session's log up to `cut` (seconds): the scenario's own lines (Logger.write) and a line of
 * ours for everything else it did, in time order; `end` closes it with why the session ended. The
 * first line names who started it (`initiator`) and the caller, when there is one. A placed call
 * has one line, saying how it went ("Called +1…: no answer", "…: answered, talked 30 s"), so it is
 * stamped when that was known: when the leg ended (rang out, failed, hung up), or at the cut when
 * it was still going then (ringing: "not answered"). Its "talked n s" is its talk within the cut,
 * as its leg (settleLegs) counts it. Lines of the same second keep the order the run did things in.
 */
export function planLog(
  setup: Pick<CallSetup, "direction" | "from" | "to" | "party"> & CallVia & { initiator: CallInitiator },
  run: ScenarioRun,
  scenarioNames: readonly string[],
  cut: number,
  end: string,
): LogPlan[] {
  const lines: LogPlan[] = [];
  const what =
    setup.initiator === "inbound" || setup.direction === "inbound"
      ? `incoming call from ${setup.from} to ${setup.to}${setup.sipRegistration ? ` through the SIP registration ${setup.sipRegistration}` : ""}`
      : `${STARTED_BY[setup.initiator]}${setup.to ? ` for ${setup.to}` : ""}${setup.from ? `, caller ${setup.from}` : ""}`;
  const ring = Math.max(0, setup.party.answerAfterSeconds ?? 0);
  const placed = (e: Forward): LogPlan => {
    const { talkFrom: from, ended } = placedSpan(e, ring, run.durationSeconds);
    const outcome =
      from !== null && answeredBy(from, cut)
        ? `answered, talked ${wholeSeconds(Math.min(e.seconds, cut - from))} s`
        : e.failure && ended <= cut
          ? e.failure === "forbidden"
            ? callerIdRefused(e.callerId)
            : legEndReasonText(e.failure)
          : "not answered";
    return { at: Math.min(ended, cut), source: "system", line: `Called ${e.to}: ${outcome}` };
  };
  lines.push({ at: 0, source: "system", line: `Session started: ${what}; scenarios ${scenarioNames.map((n) => `“${n}”`).join(", ") || "(none)"}` });
  // A run that did not complete says why before the platform's hangup it caused ("The scenario
  // failed: …", then "The platform stopped the scenario"), unless the session was cut before.
  const stopped = run.outcome !== "completed" && cut >= run.durationSeconds ? `The scenario ${scenarioStopped(run.outcome, run.error)}` : null;
  for (const e of run.events) {
    if (e.at > cut) break;
    if (stopped && e.type === "hangup") lines.push({ at: e.at, source: "system", line: stopped });
    if (e.type === "log") lines.push({ at: e.at, source: "scenario", line: e.line });
    else if (e.type === "forward") lines.push(placed(e));
    else if (e.type === "list_report" && e.kind !== "progress" && setup.initiator !== "call_list") lines.push({ at: e.at, source: "system", line: `${systemLine(e)}${NO_LIST}` });
    else lines.push({ at: e.at, source: "system", line: systemLine(e) });
  }
  // A placed call's line moved to its end: back in time order (a stable sort keeps ties in run order).
  lines.sort((a, b) => a.at - b.at);
  lines.push({ at: cut, source: "system", line: `Session ended at ${mmss(cut)}: ${end}` });
  return lines;
}

/**
 * The recordings a run made up to `cut`: each record_start until its record_stop of the same name
 * (or the end), with what was said while it ran (the audio speaks it when espeak-ng is installed).
 */
export function planRecordings(run: ScenarioRun, cut: number): RecordingPlan[] {
  const open = new Map<string, number>();
  const out: RecordingPlan[] = [];
  const close = (name: string, from: number, to: number) => {
    const spokenText = run.events
      .filter((e): e is Extract<ScenarioEvent, { type: "say" }> => e.type === "say" && e.at >= from && e.at < to)
      .map((e) => e.text)
      .join(" ");
    out.push({ name, from, to, durationSeconds: wholeSeconds(to - from), spokenText });
  };
  for (const e of run.events) {
    if (e.at > cut) break;
    if (e.type === "record_start" && !open.has(e.name)) open.set(e.name, e.at);
    else if (e.type === "record_stop" && open.has(e.name)) {
      close(e.name, open.get(e.name)!, Math.min(e.at, cut));
      open.delete(e.name);
    }
  }
  for (const [name, from] of open) close(name, from, Math.min(cut, run.durationSeconds));
  return out.sort((a, b) => a.from - b.from);
}
