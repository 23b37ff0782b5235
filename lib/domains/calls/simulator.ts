import "server-only";
// The call simulator (docs/PRODUCT.md section 7 "Calls"): stands in for the telephone network and
// is the only writer of call sessions, their legs, log lines and recordings (through ./mutations.ts,
// which nothing else calls), so every record the history shows came from the path a real call
// takes: number or dialled string -> rule -> scenarios (run in the sandbox of
// lib/domains/scenarios) -> session -> legs -> recordings -> ledger.
//
// A call is simulated in two steps on the injected clock:
// 1. start (placeCall, simulateInbound, StartScenarios, and call lists through startCall): the
//    scenarios run to their end at once in the sandbox (a ScenarioRun: what happened, second by
//    second), and the session is written "running" from now until its planned end: the run's
//    hangup, or earlier where the balance runs out (plan.ts affordableSeconds). A call whose
//    balance cannot pay the first minute of its first paid leg is refused at once
//    (payment_required, nothing charged). An inbound call from a blacklisted caller is refused with
//    a "rejected" record; one that no rule routes is recorded "failed".
// 2. finalise (advanceCalls, once the planned end has passed; terminateSession, at once): the
//    legs, the charges (ledger entries of kind "call", or the user's separate balance), the log
//    lines, the recordings (real WAVs) and the final status, exactly once (./mutations.ts).
import type { Actor } from "@/lib/access/actor-types";
import { can, describeGranters, refusalMessage } from "@/lib/access/matrix";
import { canCallApi } from "@/lib/access/api-methods";
import type { AuditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { toE164 } from "@/lib/core/phone";
import { systemRandom, type Random } from "@/lib/core/random";
import { parseInput } from "@/lib/core/validate";
import { formatMoney } from "@/lib/domains/billing/money";
import { applicationNotFound, getApplication } from "@/lib/domains/applications/queries";
import { blacklistedBy } from "@/lib/domains/phone-numbers/queries";
import type { SpeechOptions } from "@/lib/domains/recordings/audio";
import type { RouteCall, RouteMatch, RunScenarios, SimulatedParty, SmartQueueSnapshot } from "@/lib/domains/scenarios/runtime-contract";
import {
  claimSession,
  dueSessionIds,
  finaliseSession,
  findAccountSession,
  fundsFor,
  insertRefusedSession,
  insertRunningSession,
  sessionSummary,
  type SessionStart,
  type SessionSummary,
  type StoredRun,
} from "./mutations";
import { affordableSeconds, firstMinuteMinor, isPhoneNumber, planLegs, scenarioCallerId, type CallVia } from "./plan";
import { assertPresentable, findCallerUser, findInboundNumber, findInboundSipRegistration } from "./queries";
import { realRuntime } from "./runtime";
import { ZPlaceCallInput, ZSessionRef, ZSimulateInboundInput, type CallDirection, type CallInitiator, type PlaceCallInput, type SessionRef, type SimulateInboundInput } from "./schemas";

export type { SessionSummary, StoredRun } from "./mutations";

/** A rule's scenarios by its id (StartScenarios' rule_id, the panel's rule choice); null when the application has no such rule. */
export type RuleById = (applicationId: number, ruleId: number) => Promise<RouteMatch | null>;

/** What the simulator needs from the world: routing, the sandbox, time and chance. Tests give scripted ones. */
export type SimulatorDeps = {
  route: RouteCall;
  ruleById: RuleById;
  run: RunScenarios;
  /** The application's SmartQueue, read only for a run whose scenarios call enqueueTask. */
  smartQueue: (accountId: number, applicationId: number) => Promise<SmartQueueSnapshot>;
  clock: Clock;
  random: Random;
  /** Where espeak-ng is (tests point it at a stand-in). */
  speech?: SpeechOptions;
};

export type Runtime = Pick<SimulatorDeps, "route" | "ruleById" | "run">;

/** The real routing and sandbox unless a test injects its own; the system clock and randomness. */
function withDefaults(deps: Partial<SimulatorDeps>): SimulatorDeps {
  return { clock: systemClock, random: systemRandom, ...realRuntime, ...deps };
}

/** A call to simulate once its caller and callee are known: the entry point of the panel, the API, inbound calls and call lists. */
export type NewCall = {
  accountId: number;
  applicationId: number;
  initiator: CallInitiator;
  direction: CallDirection;
  /** The caller: E.164 or an application user's name. */
  from: string;
  /** Dialled: E.164, a username, or "" (a session a rule starts with no call of its own). */
  to: string;
  /** The user whose separate balance pays, if it has one (the caller, StartScenarios' user). */
  appUserId: number | null;
  /** The scenarios to run: a rule's, or those of the first rule matching `to`. */
  rule: { ruleId: number } | "match";
  party: SimulatedParty;
  customData: string;
  /** Who started it (the audit row's principal). */
  by: Actor | AuditPrincipal;
  /** No rule routes the call: refuse it (an error, nothing written) or record a failed session (inbound calls). */
  noRoute: "refuse" | "record";
  /** The call list whose row this call is (initiator call_list). */
  callListId?: number;
} & CallVia;

/**
 * Starts a simulated call: routes it, runs its scenarios in the sandbox and writes the session
 * ("running" until its planned end, or final at once when refused). The one entry point for every
 * initiator: callers check access first (placeCall, simulateInbound, StartScenarios, call lists).
 * A session whose planned end has already come (a run that hung up at once) is finalised before
 * this returns. Throws NOT_FOUND / INVALID_INPUT (reason call_not_routed) when no rule routes a
 * call `noRoute` says to refuse; a script's own failure is no error (the session ends "error").
 */
export async function startCall(call: NewCall, partialDeps: Partial<SimulatorDeps> = {}): Promise<SessionSummary> {
  const deps = withDefaults(partialDeps);
  const now = deps.clock();
  const via: CallVia = call.sipRegistration ? { sipRegistration: call.sipRegistration } : {};
  const base: SessionStart = {
    accountId: call.accountId,
    applicationId: call.applicationId,
    initiator: call.initiator,
    direction: call.direction,
    from: call.from,
    to: call.to,
    appUserId: call.appUserId,
    customData: call.customData,
    ruleId: null,
    ruleName: "",
    by: call.by,
    callListId: call.callListId ?? null,
    ...via,
  };
  let match: RouteMatch | null;
  if (call.rule === "match") {
    match = call.to ? await deps.route(call.applicationId, call.to) : null;
    if (!match) {
      const why = call.to ? `No rule of the application matches ${call.to}` : "Choose a rule: nothing was dialled to match one";
      if (call.noRoute === "record") return insertRefusedSession(base, "failed", `Failed: ${why}`, now);
      throw new AppError("INVALID_INPUT", { message: why, field: "destination", reason: "call_not_routed" });
    }
  } else {
    match = await deps.ruleById(call.applicationId, call.rule.ruleId);
    if (!match) throw new AppError("NOT_FOUND", { message: "Rule not found", field: "ruleId", reason: "call_not_routed" });
  }
  const enqueues = match.scenarios.some((s) => s.script.includes("enqueueTask"));
  const smartQueue = enqueues ? await deps.smartQueue(call.accountId, call.applicationId) : undefined;
  const run = await deps.run(
    match.scenarios.map((s) => ({ name: s.name, script: s.script })),
    { accountId: call.accountId, applicationId: call.applicationId, direction: call.direction, from: call.from, to: call.to, customData: call.customData, party: call.party, ...(smartQueue ? { smartQueue } : {}) },
    { random: deps.random, startedAt: now },
  );
  // A session with no caller of its own (a call list's) shows the caller ID its scenario gave.
  const from = call.from || (call.direction === "outbound" ? scenarioCallerId(run) : "");
  const start: SessionStart = { ...base, from, ruleId: match.rule.id, ruleName: match.rule.name };
  const setup = { direction: call.direction, from, to: call.to, party: call.party, ...via };
  const legs = planLegs(setup, run);
  const { payer, available } = await fundsFor(call.accountId, call.appUserId);
  const first = firstMinuteMinor(legs);
  if (first > available) {
    const whose = payer.kind === "user" ? "the user's separate balance" : "the balance";
    return insertRefusedSession(start, "payment_required", `Payment required: the first minute costs ${formatMoney(first)} and ${whose} has ${formatMoney(available)}`, now);
  }
  const duration = Math.max(0, run.durationSeconds);
  const cut = affordableSeconds(legs, duration, available);
  const stored: StoredRun = { v: 1, setup, scenarios: match.scenarios.map((s) => s.name), run, payer, cut: cut < duration ? { at: cut, cause: "funds" } : null };
  const session = await insertRunningSession(start, stored, now, new Date(now.getTime() + Math.round(cut * 1000)));
  if (session.plannedEndAt <= now) {
    await finaliseSession(session.id, { now, speech: deps.speech });
    return sessionSummary(session.id);
  }
  return session;
}

/** Placing calls is a test tool of an application's scenarios and rules: either section (StartScenarios' roles for keys). */
function authorizeStart(actor: Actor): void {
  if (actor.kind === "key") {
    if (!canCallApi(actor.roles, "StartScenarios")) throw new AppError("FORBIDDEN", { message: "The key's roles do not allow StartScenarios" });
    return;
  }
  if (!can(actor, "application.scenarios") && !can(actor, "application.rules")) {
    throw new AppError("FORBIDDEN", { message: `Only ${describeGranters("application.scenarios")} can place test calls (an application's scenarios or rules)` });
  }
}

const callerInvalid = (message: string, field: string) => new AppError("INVALID_INPUT", { message, field, reason: "call_caller_invalid" });

/**
 * "Place a test call" (panel) and StartScenarios (API): the platform runs the application's rule
 * (the chosen one, or the first matching the destination) for a call from the caller to the
 * destination, the party behaving as asked. The caller is an active user of the application (its
 * separate balance pays, when it has one) or a number: the account's own active number or a
 * verified caller ID; any outside number only when the call stays on the platform (a username is
 * dialled), as the telephone network must never show a number the account has not proved.
 */
export async function placeCall(actor: Actor, input: PlaceCallInput, deps: Partial<SimulatorDeps> = {}): Promise<SessionSummary> {
  authorizeStart(actor);
  const data = parseInput(ZPlaceCallInput, input);
  const app = await getApplication(actor, data.applicationId);
  if (!app) throw applicationNotFound();
  let from: string;
  let appUserId: number | null = null;
  if (data.callerKind === "user") {
    const user = await findCallerUser(actor, app.id, data.callerUserId !== undefined ? { id: data.callerUserId } : { name: data.callerUser ?? "" });
    if (!user) throw new AppError("NOT_FOUND", { message: `${app.name} has no user ${data.callerUser ? `“${data.callerUser.slice(0, 50)}”` : "with that id"}`, field: "callerUser", reason: "user_not_found" });
    if (!user.active) throw callerInvalid(`${user.name} is inactive: inactive users cannot call`, "callerUser");
    from = user.name;
    appUserId = user.id;
  } else {
    from = toE164(data.callerNumber ?? "")!;
    const staysOnPlatform = data.destination !== "" && !isPhoneNumber(data.destination);
    if (!staysOnPlatform) await assertPresentable(actor.accountId, from, (deps.clock ?? systemClock)(), "callerNumber");
  }
  return startCall(
    {
      accountId: actor.accountId,
      applicationId: app.id,
      initiator: actor.kind === "key" ? "api" : "panel",
      direction: "outbound",
      from,
      to: data.destination,
      appUserId,
      rule: data.ruleId !== undefined ? { ruleId: data.ruleId } : "match",
      party: { answerAfterSeconds: data.answerAfterSeconds, dtmf: data.dtmf, hangupAfterSeconds: data.hangupAfterSeconds },
      // A scenario learns whom to call from its custom data (VoxEngine.customData(), as the
      // reference's StartScenarios samples pass the number): without any, the destination.
      customData: data.customData || data.destination,
      by: actor,
      noRoute: "refuse",
    },
    deps,
  );
}

/**
 * "Simulate inbound call": a caller dials one of the account's active numbers, or calls the PBX
 * account behind one of its SIP registrations. A number's call is refused with a "rejected"
 * record when the caller is on the account's PSTN blacklist (numbers.blocked), else routed by the
 * number's rule, or when it has none by the first rule of its application whose pattern matches
 * the number (recorded "failed" when none matches). A registration's call goes where the
 * registration is bound (SIP registrations reference: "bind it to an application's rule or user"):
 * its rule, or for a user the first rule matching the user's name, the user as the callee. A
 * registration that is unbound, deactivated or not registered takes no calls (INVALID_INPUT).
 */
export async function simulateInbound(actor: Actor, input: SimulateInboundInput, deps: Partial<SimulatorDeps> = {}): Promise<SessionSummary> {
  authorizeStart(actor);
  const data = parseInput(ZSimulateInboundInput, input);
  const party = { answerAfterSeconds: data.calledAnswersAfterSeconds, dtmf: data.dtmf, hangupAfterSeconds: data.hangupAfterSeconds };
  const common = { accountId: actor.accountId, initiator: "inbound", direction: "inbound", from: data.from, party, customData: data.customData, by: actor, noRoute: "record" } as const;
  if (data.sipRegistrationId !== undefined) return startCall({ ...common, ...(await sipInboundTarget(actor, data.sipRegistrationId)) }, deps);
  const number = await findInboundNumber(actor, data.numberId!);
  if (!number) throw new AppError("NOT_FOUND", { message: "Choose one of the account's active numbers", field: "numberId", reason: "phone_number_not_found" });
  if (number.applicationId === null) {
    throw new AppError("INVALID_INPUT", { message: `${number.number} is not attached to an application: attach it first, its rules answer the calls`, field: "numberId", reason: "call_not_routed" });
  }
  const call: NewCall = {
    ...common,
    applicationId: number.applicationId,
    to: number.number,
    appUserId: null,
    // The number's own rule when it has one (its settings page), else the first matching rule.
    rule: number.ruleId !== null ? { ruleId: number.ruleId } : "match",
  };
  const blocked = await blacklistedBy(actor.accountId, data.from);
  if (blocked) {
    const entry = blocked.isPrefix ? `prefix ${blocked.phone}` : blocked.phone;
    const now = (deps.clock ?? systemClock)();
    const start: SessionStart = { ...call, ruleId: null, ruleName: "" };
    return insertRefusedSession(start, "rejected", `Rejected: the caller ${data.from} is on the PSTN blacklist (${entry}${blocked.reason ? `: ${blocked.reason}` : ""})`, now);
  }
  return startCall(call, deps);
}

/**
 * Where a call through a SIP registration goes: its bound rule (the callee is the PBX account,
 * `user@proxy`), or its bound user (the callee is the user, routed by the first rule of the
 * application matching the user's name). The PSTN blacklist does not apply: the call comes from
 * the PBX, not the telephone network. NOT_FOUND (sip_registration_not_found) for another
 * account's registration; INVALID_INPUT (call_not_routed) naming `sipRegistrationId` when it is
 * unbound, deactivated or not registered, the message saying which.
 */
async function sipInboundTarget(actor: Actor, id: number): Promise<Pick<NewCall, "applicationId" | "to" | "appUserId" | "rule" | "sipRegistration">> {
  const r = await findInboundSipRegistration(actor, id);
  const name = `${r.sipUsername}@${r.proxy}`;
  const refuse = (message: string) => new AppError("INVALID_INPUT", { message, field: "sipRegistrationId", reason: "call_not_routed" });
  if (r.deactivated) throw refuse(`${name} is deactivated: pay and restore it on All SIP registrations first`);
  if (!r.successful) throw refuse(`${name} is not registered with its PBX${r.errorMessage ? ` (${r.errorMessage})` : ""}: fix it on All SIP registrations first`);
  if (r.applicationId === null) throw refuse(`${name} is not bound to an application: bind it to a rule or a user on the application's SIP registrations page first`);
  if (r.appUserName !== null) return { applicationId: r.applicationId, to: r.appUserName, appUserId: null, rule: "match", sipRegistration: name };
  return { applicationId: r.applicationId, to: name, appUserId: null, rule: r.ruleId !== null ? { ruleId: r.ruleId } : "match", sipRegistration: name };
}

/** This process's name in claims: several app servers may share the database. */
export const PROCESS_OWNER = `proc-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

/** How long a claim holds: a finaliser that dies leaves the session to another after this. */
export const CLAIM_SECONDS = 30;

/**
 * The scheduler's tick: finalises every running session whose planned end is at or before `now`
 * (up to `limit` of them). Each is first claimed with an atomic conditional update (only when
 * nobody holds an unexpired claim), so app servers sharing the database split the work, and
 * finaliseSession makes the outcome exactly-once even when two claims overlap. Returns the ids it
 * finalised.
 *
 * A session that fails to finalise (a stored run it cannot read, a database error) is handed to
 * `onError` (by default thrown, after the other due sessions have had their turn): one bad row
 * never holds up the rest. Its claim lapses after CLAIM_SECONDS, and a later tick tries it again.
 */
export async function advanceCalls(
  now: Date,
  opts: {
    owner?: string;
    limit?: number;
    speech?: SpeechOptions;
    /** Only this account's sessions (tests sharing one database). */
    accountId?: number;
    onError?: (sessionId: number, e: unknown) => void;
  } = {},
): Promise<number[]> {
  const owner = opts.owner ?? PROCESS_OWNER;
  const done: number[] = [];
  const failures: unknown[] = [];
  for (const id of await dueSessionIds(now, opts.limit ?? 100, opts.accountId)) {
    if (!(await claimSession(id, owner, now, new Date(now.getTime() + CLAIM_SECONDS * 1000)))) continue;
    try {
      if (await finaliseSession(id, { now, speech: opts.speech })) done.push(id);
    } catch (e) {
      if (opts.onError) opts.onError(id, e);
      else failures.push(e);
    }
  }
  if (failures.length) throw failures.length === 1 ? failures[0] : new AggregateError(failures, `${failures.length} call sessions could not be finalised`);
  return done;
}

/**
 * Active sessions' "End session": cuts a running session at now and finalises it (charged for the
 * talk so far, status terminated). CONFLICT (call_not_running) when it has already ended.
 */
export async function terminateSession(actor: Actor, input: SessionRef, opts: { clock?: Clock; speech?: SpeechOptions } = {}): Promise<SessionSummary> {
  if (actor.kind === "key" || !can(actor, "calls.active_sessions")) throw new AppError("FORBIDDEN", { message: refusalMessage("calls.active_sessions") });
  const { sessionId } = parseInput(ZSessionRef, input);
  const s = await findAccountSession(actor, sessionId);
  if (!s) throw new AppError("NOT_FOUND", { message: "Call session not found", field: "sessionId", reason: "call_session_not_found" });
  const ended = new AppError("CONFLICT", { message: "The session has already ended", field: "sessionId", reason: "call_not_running" });
  if (s.status !== "running") throw ended;
  const now = (opts.clock ?? systemClock)();
  if (!(await finaliseSession(s.id, { now, terminate: { by: actor }, speech: opts.speech }))) throw ended;
  return sessionSummary(s.id);
}

/**
 * StartScenarios (Management API): runs a rule's scenarios in a new session with no call of its
 * own (the reference's model: the scenario places calls itself, learning whom to call from its
 * custom data). `userId`: the application user the session is for (its separate balance pays,
 * when it has one). NOT_FOUND for another account's application, rule or user.
 */
export async function startScenarios(
  actor: Actor,
  input: { applicationId: number; ruleId: number; userId?: number; customData: string },
  deps: Partial<SimulatorDeps> = {},
): Promise<SessionSummary> {
  authorizeStart(actor);
  const app = await getApplication(actor, input.applicationId);
  if (!app) throw applicationNotFound();
  let user: { id: number; name: string; active: boolean } | null = null;
  if (input.userId !== undefined) {
    user = await findCallerUser(actor, app.id, { id: input.userId });
    if (!user) throw new AppError("NOT_FOUND", { message: `${app.name} has no user with that id`, field: "callerUserId", reason: "user_not_found" });
  }
  return startCall(
    {
      accountId: actor.accountId,
      applicationId: app.id,
      initiator: actor.kind === "key" ? "api" : "panel",
      direction: "outbound",
      from: user?.name ?? "",
      to: "",
      appUserId: user?.id ?? null,
      rule: { ruleId: input.ruleId },
      party: { answerAfterSeconds: 2, dtmf: "", hangupAfterSeconds: null },
      customData: input.customData,
      by: actor,
      noRoute: "refuse",
    },
    deps,
  );
}
