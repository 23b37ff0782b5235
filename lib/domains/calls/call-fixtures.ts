// Test-only: scripted scenario runs and the accounts, applications, numbers and users the call
// tests place calls with. The simulator takes its routing and sandbox as dependencies, so these
// tests need no scenario runtime: each gives the ScenarioRun a real sandbox would have produced.
import { db } from "@/lib/core/db";
import { seededRandom } from "@/lib/core/random";
import type { CallSetup, RouteMatch, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import type { Actor } from "@/lib/access/actor-types";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { advanceCalls, placeCall, type Runtime, type SimulatorDeps } from "./simulator";

export const RULE = { id: 4242, name: "all-calls" };
export const SCENARIO = { id: 17, name: "greeting", script: "// scripted in the test" };
export const MATCH: RouteMatch = { rule: RULE, scenarios: [SCENARIO] };

/** Where talkRun's session calls by default. */
export const DEST = "+12125550199";

/**
 * A run as the sandbox makes it: an outbound session calls `callTo` at 0 s (the party answers at
 * 2 s) or, with `callTo: null`, an inbound one answers its call at 2 s; either records a greeting
 * while saying it, logs a line, and hangs up at `seconds`.
 */
export function talkRun(seconds = 150, extra: ScenarioRun["events"] = [], opts: { callTo?: string | null } = {}): ScenarioRun {
  const callTo = opts.callTo === undefined ? DEST : opts.callTo;
  const first: ScenarioRun["events"] = callTo
    ? [{ at: 0, type: "forward", to: callTo, kind: callTo.startsWith("+") ? "number" : "user", answered: true, seconds: seconds - 2, endAt: seconds }]
    : [{ at: 2, type: "answer" }];
  return {
    outcome: "completed",
    durationSeconds: seconds,
    events: [
      ...first,
      { at: 2, type: "record_start", name: "greeting" },
      { at: 2.5, type: "say", text: "Thank you for calling", seconds: 2 },
      { at: 3, type: "log", line: "caller greeted" },
      { at: 5, type: "record_stop", name: "greeting" },
      ...extra,
      { at: seconds, type: "hangup", by: "scenario", reason: "done" },
    ].sort((a, b) => a.at - b.at) as ScenarioRun["events"],
  };
}

export type ScriptedRuntime = Runtime & { calls: CallSetup[] };

/**
 * Routing and a sandbox that play a script: every dialled string matches RULE (unless `matches`
 * says otherwise), RULE's id finds it, and every run is `run` (or what it returns for the call).
 */
export function scriptedRuntime(run: ScenarioRun | ((call: CallSetup) => ScenarioRun), opts: { matches?: (dialled: string) => boolean } = {}): ScriptedRuntime {
  const calls: CallSetup[] = [];
  return {
    calls,
    route: async (_app, dialled) => ((opts.matches ?? (() => true))(dialled) ? MATCH : null),
    ruleById: async (_app, ruleId) => (ruleId === RULE.id ? MATCH : null),
    run: async (_scenarios, call) => {
      calls.push(call);
      return typeof run === "function" ? run(call) : run;
    },
  };
}

/** A clock the test moves by hand. */
export function testClock(start = new Date()) {
  let now = new Date(start);
  return {
    clock: () => new Date(now),
    now: () => new Date(now),
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
      return new Date(now);
    },
  };
}

export function deps(runtime: Runtime, clock: () => Date, more: Partial<SimulatorDeps> = {}): Partial<SimulatorDeps> {
  return { ...runtime, clock, random: seededRandom(7), speech: { espeakPath: "/nonexistent/espeak-ng" }, ...more };
}

export async function fixtureCallApp(accountId: number, name = `calls-${Math.random().toString(36).slice(2, 8)}`, opts: { secure?: boolean } = {}) {
  return db.application.create({ data: { accountId, name, secureRecordStorage: opts.secure ?? false } });
}

/** A verified caller ID, usable for a year. */
export async function fixtureCallerId(accountId: number, number = "+14155550100") {
  return db.callerId.create({ data: { accountId, number, active: true, verifiedUntil: new Date(Date.now() + 365 * 86_400_000) } });
}

export async function fixtureAppUser(accountId: number, applicationId: number, opts: { name?: string; separateBalanceMinor?: number; active?: boolean } = {}) {
  return db.appUser.create({
    data: {
      accountId,
      applicationId,
      name: opts.name ?? `u${Math.random().toString(36).slice(2, 8)}`,
      displayName: "Test user",
      passwordHash: "x",
      active: opts.active ?? true,
      parentAccounting: opts.separateBalanceMinor === undefined,
      balanceMinor: opts.separateBalanceMinor ?? 0,
    },
  });
}

/** The account's balance (the ledger's sum), minor units. */
export async function balanceOf(accountId: number): Promise<number> {
  return (await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } }))._sum.amountMinor ?? 0;
}

/** Everything the simulator writes for an account, for "nothing written" checks. */
export async function callState(accountId: number) {
  const [sessions, legs, recordings, ledger, audits] = await Promise.all([
    db.callSession.count({ where: { accountId } }),
    db.callLeg.count({ where: { accountId } }),
    db.recording.count({ where: { accountId } }),
    db.ledgerEntry.count({ where: { accountId } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { sessions, legs, recordings, ledger, audits };
}

/**
 * A finished outbound call with one recording ("greeting", tones), placed by `owner` in a new
 * application of its account (secure record storage when asked) and finalised.
 */
export async function fixtureRecordedCall(owner: Actor, opts: { secure?: boolean; seconds?: number } = {}) {
  const seconds = opts.seconds ?? 30;
  const app = await fixtureCallApp(owner.accountId, undefined, { secure: opts.secure });
  await fixtureTopUp(owner.accountId, 50_00);
  // One verified caller ID per account, reused by its later calls.
  const callerId = (await db.callerId.findFirst({ where: { accountId: owner.accountId, active: true } })) ?? (await fixtureCallerId(owner.accountId, "+14155550166"));
  const t = testClock();
  const started = await placeCall(
    owner,
    { applicationId: app.id, destination: DEST, callerKind: "number", callerNumber: callerId.number, answerAfterSeconds: 2 },
    deps(scriptedRuntime(talkRun(seconds)), t.clock),
  );
  await advanceCalls(t.advance(seconds), { accountId: owner.accountId, speech: { espeakPath: "/nonexistent/espeak-ng" } });
  const recording = await db.recording.findFirstOrThrow({ where: { sessionId: started.id } });
  return { app, sessionId: started.id, recording };
}

/** A VoxEngine scenario that calls the number in its custom data, records a greeting and hangs up after a minute. */
export const OUTBOUND_SCRIPT = `
VoxEngine.addEventListener(AppEvents.Started, () => {
  const call = VoxEngine.callPSTN(VoxEngine.customData(), "+14155550100");
  call.addEventListener(CallEvents.Connected, () => {
    Logger.write("connected to " + call.number());
    call.record({ name: "greeting" });
    call.say("Hello from the test call");
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    call.stopRecording();
    setTimeout(() => call.hangup(), 60000);
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.addEventListener(CallEvents.Failed, () => VoxEngine.terminate());
});`;

/** An application with one rule (matching `pattern`) starting one scenario of `script`. */
export async function fixtureAppWithRule(accountId: number, script = OUTBOUND_SCRIPT, pattern = ".*") {
  const app = await fixtureCallApp(accountId);
  const scenario = await db.scenario.create({ data: { accountId, applicationId: app.id, name: `s-${app.id}`, script } });
  const rule = await db.rule.create({ data: { accountId, applicationId: app.id, name: "everything", pattern, position: 0 } });
  await db.ruleScenario.create({ data: { ruleId: rule.id, scenarioId: scenario.id, position: 0 } });
  return { app, rule, scenario };
}
