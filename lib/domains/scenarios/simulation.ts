// The simulated world a scenario runs against: how long things take, when the far end answers,
// what an HTTP request gets back. Pure functions of their input (and of nothing else: no
// clock, no network), so every run of a scenario against the same call is the same run, and
// docs/scenarios.md can state each rule with an example. The sandbox's prelude calls them
// through the host bridge (lib/domains/scenarios/runtime.ts).
import { toE164 } from "@/lib/core/phone";
import type { CallSetup, SandboxLimits, SimulatedParty, SmartQueueSnapshot } from "./runtime-contract";

/** The limits a run gets unless the caller narrows them (docs/scenarios.md "Limits"). */
export const DEFAULT_LIMITS: SandboxLimits = {
  wallClockMilliseconds: 1_000,
  memoryBytes: 32 * 1024 * 1024,
  maxSimulatedSeconds: 3_600,
};

/** The most any caller may ask for: a run never holds the server longer or larger than this. */
export const MAX_LIMITS: SandboxLimits = {
  wallClockMilliseconds: 5_000,
  memoryBytes: 64 * 1024 * 1024,
  maxSimulatedSeconds: 4 * 3_600,
};

/**
 * The isolate's stack: deep recursion ends as a "Maximum call stack size exceeded" error. The
 * interpreter's frames also use Node's own stack (about 1 MB), so this stays well under it: at
 * 512 kB, Node's stack overflows first, inside the WebAssembly (runtime.ts then discards the module).
 */
export const STACK_BYTES = 256 * 1024;

/** Caps on what one run may produce (each beyond it ends the run with outcome "error"). */
export const RUN_CAPS = {
  events: 2_000,
  legs: 20,
  textChars: 4_000,
  logLineChars: 2_000,
  urlChars: 2_048,
  scriptChars: 1_000_000,
  /** SmartQueue tasks (VoxEngine.enqueueTask) per run. */
  tasks: 10,
  /** Characters of one CallList report (a string, or an object's JSON). */
  reportChars: 2_000,
} as const;

/** Seconds an inbound call rings before its caller gives up when the scenario never answers. */
export const RING_TIMEOUT_SECONDS = 60;
/** Seconds before a busy destination's leg fails (486). */
export const BUSY_AFTER_SECONDS = 2;
/** A playback of a URL lasts this long (the simulator fetches no media). */
export const PLAYBACK_SECONDS = 5;
/** Seconds between the digits the party presses once the scenario handles tones. */
export const DTMF_INTERVAL_SECONDS = 1;
/** Seconds a simulated HTTP request takes. */
export const HTTP_SECONDS = 0.2;
/** Speech rate of say(): words per second. */
export const WORDS_PER_SECOND = 2.5;

/** Seconds an agent's phone rings with a SmartQueue task before the next agent is offered it (enqueueTask's `timeout` by default). */
export const SQ_OFFER_SECONDS = 30;
/** Seconds between SmartQueueEvents.Waiting while a task waits (the reference: every 10 or 15 seconds). */
export const SQ_WAITING_EVERY_SECONDS = 15;
/** Agents a task is offered to in turn before it is cancelled (FAILED): they all behave as the party does. */
export const SQ_MAX_OFFERS = 3;

/** Rounds simulated times to milliseconds, so sums of steps stay exact enough to compare. */
export function simTime(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** say(text): words / 2.5 seconds, at least half a second ("Hello there" = 0.8 s). */
export function sayDuration(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return simTime(Math.max(0.5, words / WORDS_PER_SECOND));
}

export type LegPlan =
  | { result: "answer"; after: number; hangupAfter: number | null }
  | { result: "busy" | "no_answer" | "invalid" | "forbidden"; after: number };

/**
 * The form a scenario's caller ID is compared in: E.164, read as the platform reads a callerid
 * ("+14155550100", "14155550100" and "+1 (415) 555-0100" are one number); "" for none or for text
 * that is no number (which no account can present).
 */
export function callerIdKey(raw: string): string {
  const text = raw.trim();
  if (text === "") return "";
  return toE164(text) ?? toE164(`+${text}`) ?? "";
}

/** Whether a PSTN leg presenting `key` (a callerIdKey form) passes the network's rule for this run (CallSetup.callerIds). */
export function callerIdPasses(rule: CallSetup["callerIds"], key: string): boolean {
  if (!rule) return true;
  return "allowed" in rule ? rule.allowed.includes(key) : !rule.refused.includes(key);
}

/**
 * What a second leg (callPSTN / callUser) does, by a fixed rule: a destination that is not a
 * number of 3 to 15 digits (optionally with "+") nor a user name fails at once (404); a PSTN leg
 * whose caller ID the account may not present (`callerIdAllowed` false: not its active number, a
 * verified caller ID, nor an inbound call's caller) fails at once (403); one ending in "0000" is
 * busy (486 after 2 s); otherwise it answers after the party's answerAfterSeconds, or never (408
 * after the 60 s ring timeout) when that is null or longer. An answered leg hangs up by itself
 * after the party's hangupAfterSeconds, if set.
 */
export function planLeg(to: string, kind: "number" | "user", party: SimulatedParty, callerIdAllowed = true): LegPlan {
  const valid = kind === "number" ? /^\+?\d{3,15}$/.test(to) : /^[a-z0-9][a-z0-9_.-]{0,99}$/i.test(to);
  if (!valid) return { result: "invalid", after: 0 };
  if (kind === "number" && !callerIdAllowed) return { result: "forbidden", after: 0 };
  if (to.endsWith("0000")) return { result: "busy", after: BUSY_AFTER_SECONDS };
  const after = party.answerAfterSeconds;
  if (after === null || after > RING_TIMEOUT_SECONDS) return { result: "no_answer", after: RING_TIMEOUT_SECONDS };
  return { result: "answer", after: simTime(Math.max(0, after)), hangupAfter: party.hangupAfterSeconds };
}

export type HttpAnswer = { code: number; text: string; headers: Record<string, string>; error?: string };

/**
 * The hosts Net.httpRequestAsync reaches (nothing leaves the server: the answers are made
 * here). Any other host fails like a blocked host does on the platform: code -3, "Host not
 * found". docs/scenarios.md lists them with examples.
 */
export const HTTP_ALLOW_LIST = ["api.example.com", "crm.example.com", "hooks.example.com", "httpbin.org"] as const;

const json = (code: number, body: unknown): HttpAnswer => ({ code, text: JSON.stringify(body), headers: { "content-type": "application/json" } });

/** The simulated answer to an HTTP request from a scenario (see HTTP_ALLOW_LIST). */
export function simulateHttp(rawUrl: string, method: string, body: string): HttpAnswer {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { code: -2, text: "", headers: {}, error: "Malformed URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { code: -2, text: "", headers: {}, error: "Malformed URL" };
  const host = url.hostname.toLowerCase();
  if (!(HTTP_ALLOW_LIST as readonly string[]).includes(host)) return { code: -3, text: "", headers: {}, error: "Host not found" };
  const path = url.pathname;
  switch (host) {
    case "httpbin.org": {
      const status = /^\/status\/(\d{3})$/.exec(path);
      if (status) return { code: Number(status[1]), text: "", headers: {} };
      if (path === "/get" || path === "/anything" || path === "/post") {
        return json(200, { method, url: url.toString(), args: Object.fromEntries(url.searchParams), data: body });
      }
      return json(404, { error: "not found" });
    }
    case "crm.example.com": {
      const m = /^\/customers\/(\+?\d{3,15})$/.exec(path);
      if (!m) return json(404, { error: "not found" });
      const number = m[1]!;
      // Numbers ending in an even digit are known customers, others are not: both paths testable.
      return Number(number.at(-1)) % 2 === 0 ? json(200, { number, name: "Alex Doe", vip: number.endsWith("8") }) : json(404, { error: "unknown customer" });
    }
    case "hooks.example.com":
      return method === "POST" || method === "PUT" ? json(200, { received: true, bytes: body.length }) : json(405, { error: "method not allowed" });
    default:
      return json(200, { ok: true, method, path, query: Object.fromEntries(url.searchParams) });
  }
}

/** A task's required skill (enqueueTask's `skills`): the agent's level must be at least `level`. */
export type TaskSkill = { name: string; level: number };

export type TaskPlan =
  /** why: when no agent can take the task, the reason in words (an unknown skill, an empty queue, no agent skilled enough). */
  | { queue: string; agents: { id: number; name: string }[]; hold: boolean; maxWait: number | null; why?: string }
  | { queue: string; error: { type: "QUEUE_NOT_FOUND"; description: string } };

/**
 * Which agents a SmartQueue task is offered to, in order (docs/scenarios.md "SmartQueue"): the
 * queue (by id, or by name ignoring case) and, of its agents, those who take calls and have
 * every required skill at the required level or above. The queue's agent selection orders them:
 * MOST_QUALIFIED by the sum of their levels in the required skills (all their skills when none is
 * required), highest first; LEAST_QUALIFIED lowest first; MAX_WAITING_TIME in the order they were
 * bound to the queue (every agent is free from the session's start, so the earliest bound has
 * waited longest). Ties keep the binding order.
 */
export function planSmartQueueTask(snapshot: SmartQueueSnapshot | undefined, ref: string | number, skills: readonly TaskSkill[]): TaskPlan {
  const queues = snapshot?.queues ?? [];
  const queue = typeof ref === "number" ? queues.find((q) => q.id === ref) : queues.find((q) => q.name.toLowerCase() === ref.trim().toLowerCase());
  if (!queue) return { queue: String(ref), error: { type: "QUEUE_NOT_FOUND", description: `The application has no queue ${typeof ref === "number" ? `with id ${ref}` : `“${ref}”`}` } };
  const required = skills.map((s) => ({ key: s.name.trim().toLowerCase(), level: s.level }));
  const score = (skillsOf: Record<string, number>) =>
    required.length > 0 ? required.reduce((n, r) => n + (skillsOf[r.key] ?? 0), 0) : Object.values(skillsOf).reduce((n, l) => n + l, 0);
  const able = queue.agents.filter((a) => a.handlesCalls && required.every((r) => (a.skills[r.key] ?? 0) >= r.level));
  const sign = queue.agentSelection === "MOST_QUALIFIED" ? -1 : queue.agentSelection === "LEAST_QUALIFIED" ? 1 : 0;
  const ordered = sign === 0 ? able : [...able].sort((a, b) => sign * (score(a.skills) - score(b.skills)));
  const plan = { queue: queue.name, agents: ordered.map((a) => ({ id: a.id, name: a.name })), hold: queue.holdIfNoAgent, maxWait: queue.maxWaitingSeconds };
  return able.length > 0 ? plan : { ...plan, why: noAgentWhy(snapshot?.skills ?? [], queue, skills) };
}

/** Why no agent of `queue` can take a task needing `skills`, in the words the session log shows. */
function noAgentWhy(catalogue: readonly string[], queue: SmartQueueSnapshot["queues"][number], skills: readonly TaskSkill[]): string {
  const known = new Set(catalogue.map((n) => n.toLowerCase()));
  const unknown = skills.filter((s) => !known.has(s.name.trim().toLowerCase())).map((s) => `“${s.name}”`);
  if (unknown.length > 0) return `The application has no skill ${unknown.join(", ")}`;
  if (queue.agents.length === 0) return "The queue has no agents";
  const wanted = skills.map((s) => `${s.name} ≥ ${s.level}`).join(", ");
  return wanted ? `No agent of the queue takes calls with ${wanted}` : "No agent of the queue takes calls";
}
