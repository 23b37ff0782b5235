// What a scenario run becomes in the call history (docs/PRODUCT.md section 7 "Calls"), worked out
// without a database so every rule here is a unit test: the session's legs (the caller's leg and
// one per forward) with their talk time and per-minute price, their cost, the log lines, the
// recordings, and how far a balance can pay for the call. The simulator (./simulator.ts) stores
// what this returns. Pure.
//
// Units: times are seconds after the session started; prices and costs are minor units of the
// catalogue's currency; talk time is billed per started minute (ours: a call of 61 s is billed as
// 2 minutes, as most carriers' per-minute tariffs do), each leg on its own.
import { E164_RE } from "@/lib/core/phone";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";
import type { CallSetup, ScenarioEvent, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";

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
  remoteNumberType: "pstn" | "user";
  incoming: boolean;
  /** When the leg began (dialled, or arrived). */
  startAt: number;
  /** The talk interval [talkFrom, talkTo]; null when the leg was never answered. */
  talkFrom: number | null;
  talkTo: number | null;
  pricePerMinuteMinor: number;
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

/** Whether a dialled or calling string is a phone number (else an application user's name). */
export const isPhoneNumber = (s: string): boolean => E164_RE.test(s);

/**
 * The legs a run made, before any cut (the runtime's model, lib/domains/scenarios): an inbound
 * session has the incoming call (leg 0, talking from the scenario's answer to the end) and one leg
 * per call the scenario placed; an outbound session (StartScenarios, a test call) has no call of its
 * own, and the first call the scenario places is the session's call (leg 0). A placed call rings
 * for the party's answerAfterSeconds, then talks its `seconds`.
 */
export function planLegs(setup: Pick<CallSetup, "direction" | "from" | "to" | "party">, run: ScenarioRun): LegPlan[] {
  const legs: LegPlan[] = [];
  const end = run.durationSeconds;
  if (setup.direction === "inbound") {
    const hangup = run.events.findLast((e) => e.type === "hangup");
    const answeredAt = run.events.find((e) => e.type === "answer")?.at ?? null;
    const pstn = isPhoneNumber(setup.from);
    legs.push({
      index: 0,
      localNumber: setup.to,
      remoteNumber: setup.from,
      remoteNumberType: pstn ? "pstn" : "user",
      incoming: true,
      startAt: 0,
      talkFrom: answeredAt,
      talkTo: answeredAt === null ? null : end,
      pricePerMinuteMinor: pstn && isPhoneNumber(setup.to) ? pricesForDestination(setup.to).callInboundPerMinuteMinor : USER_LEG_PRICE_PER_MINUTE_MINOR,
      endReason: answeredAt === null ? "not_answered" : hangup?.type === "hangup" ? hangup.reason : "hangup",
    });
  }
  // A placed call shows the session's caller (on an inbound call, the number that called in).
  const ring = Math.max(0, setup.party.answerAfterSeconds ?? 0);
  for (const e of run.events) {
    if (e.type !== "forward") continue;
    const pstn = e.kind === "number";
    const talkFrom = e.answered ? Math.min(end, e.at + ring) : null;
    legs.push({
      index: legs.length,
      localNumber: setup.from,
      remoteNumber: e.to,
      remoteNumberType: pstn ? "pstn" : "user",
      incoming: false,
      startAt: e.at,
      talkFrom,
      talkTo: talkFrom === null ? null : Math.min(end, talkFrom + e.seconds),
      pricePerMinuteMinor: pstn ? pricesForDestination(e.to).callOutboundPerMinuteMinor : USER_LEG_PRICE_PER_MINUTE_MINOR,
      endReason: e.answered ? "hangup" : "no_answer",
    });
  }
  return legs;
}

/** Whole seconds of talk of a leg when the session is cut at `cut` (rounded up: 0.2 s is 1 s). */
export function talkSeconds(leg: LegPlan, cut: number): number {
  if (leg.talkFrom === null || leg.talkTo === null) return 0;
  const to = Math.min(leg.talkTo, cut);
  return to > leg.talkFrom ? Math.ceil(to - leg.talkFrom - 1e-9) : 0;
}

/** Per started minute. */
export function legCost(pricePerMinuteMinor: number, seconds: number): number {
  return seconds <= 0 ? 0 : Math.ceil(seconds / 60) * pricePerMinuteMinor;
}

/** The legs as they stand when the session is cut at `cut` seconds (legs not yet begun are dropped). */
export function settleLegs(legs: readonly LegPlan[], cut: number): LegResult[] {
  return legs
    .filter((l) => l.startAt < cut || l.startAt === 0)
    .map((l) => {
      const seconds = talkSeconds(l, cut);
      return { ...l, successful: l.talkFrom !== null && l.talkFrom < cut, durationSeconds: seconds, costMinor: legCost(l.pricePerMinuteMinor, seconds) };
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

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

function systemLine(e: ScenarioEvent): string | null {
  switch (e.type) {
    case "answer":
      return "Call answered";
    case "say":
      return `Said “${e.text}” (${Math.round(e.seconds)} s)`;
    case "play":
      return `Played ${e.url} (${Math.round(e.seconds)} s)`;
    case "record_start":
      return `Recording “${e.name}” started`;
    case "record_stop":
      return `Recording “${e.name}” stopped`;
    case "dtmf":
      return `DTMF received: ${e.digits || "(none)"}`;
    case "forward":
      return `Called ${e.to}: ${e.answered ? `answered, talked ${Math.round(e.seconds)} s` : "not answered"}`;
    case "http":
      return `HTTP ${e.method} ${e.url}: ${e.status} (simulated)`;
    case "hangup":
      return `Hung up by the ${e.by}: ${e.reason}`;
    case "log":
      return null;
  }
}

/**
 * The session's log up to `cut`: the scenario's own lines (Logger.write) and a line of ours for
 * everything else it did, in time order; `end` closes it with why the session ended.
 */
export function planLog(setup: Pick<CallSetup, "direction" | "from" | "to">, run: ScenarioRun, scenarioNames: readonly string[], cut: number, end: string): LogPlan[] {
  const lines: LogPlan[] = [];
  const what = setup.direction === "inbound" ? `incoming call from ${setup.from} to ${setup.to}` : `started by ${setup.from || "the API"}${setup.to ? ` for ${setup.to}` : ""}`;
  lines.push({ at: 0, source: "system", line: `Session started: ${what}; scenarios ${scenarioNames.map((n) => `“${n}”`).join(", ") || "(none)"}` });
  for (const e of run.events) {
    if (e.at > cut) break;
    if (e.type === "log") lines.push({ at: e.at, source: "scenario", line: e.line });
    else {
      const line = systemLine(e);
      if (line) lines.push({ at: e.at, source: "system", line });
    }
  }
  if (run.outcome !== "completed" && cut >= run.durationSeconds) {
    lines.push({ at: cut, source: "system", line: `Scenario stopped (${run.outcome})${run.error ? `: ${run.error}` : ""}` });
  }
  lines.push({ at: cut, source: "system", line: `Session ended at ${clock(cut)}: ${end}` });
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
    out.push({ name, from, to, durationSeconds: Math.max(0, Math.ceil(to - from - 1e-9)), spokenText });
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
