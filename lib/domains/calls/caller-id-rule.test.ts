// The network's caller ID rule around the sandbox (./runtime.ts withCallerIdRule): which runs it
// makes, what it asks the database, and that a replay sees the first run's random draws. The
// sandbox and the database are stand-ins here; real-runtime.test.ts runs the real ones.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/core/random";
import type { CallSetup, RunScenarios, ScenarioEvent, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import { inboundCall } from "@/lib/domains/scenarios/runtime-fixtures";
import { callerIdKey, callerIdPasses } from "@/lib/domains/scenarios/simulation";
import { CALLER_ID_RUNS, withCallerIdRule } from "./runtime";

type Seen = { setup: CallSetup; draws: number[] };

/**
 * A stand-in sandbox: each run draws two random numbers (and one more per replay), then tries the
 * caller IDs `tries` gives in turn, each a PSTN leg, failed "forbidden" where the run's rule
 * refuses it; it stops at the first that passes, as a Failed listener falling back would (or, with
 * `all`, places every one).
 */
function fakeSandbox(tries: (string | undefined)[], opts: { all?: boolean } = {}) {
  const seen: Seen[] = [];
  const run: RunScenarios = async (_scenarios, setup, o) => {
    const taken = Array.from({ length: 2 + seen.length }, () => o.random());
    seen.push({ setup, draws: taken });
    const events: ScenarioEvent[] = [];
    for (const [i, callerId] of tries.entries()) {
      const passes = callerIdPasses(setup.callerIds, callerIdKey(callerId ?? ""));
      events.push({ at: i, type: "forward", to: `+1212555010${i}`, kind: "number", answered: passes, seconds: passes ? 5 : 0, ...(callerId === undefined ? {} : { callerId }), ...(passes ? {} : { failure: "forbidden" as const }) });
      if (passes && !opts.all) break;
    }
    const result: ScenarioRun = { outcome: "completed", durationSeconds: 10, events: [...events, { at: 10, type: "hangup", by: "scenario", reason: "scenario" }] };
    return result;
  };
  return { run, seen };
}

const outcomes = (r: ScenarioRun) => r.events.flatMap((e) => (e.type === "forward" ? [e.failure ?? "answered"] : []));

/** A stand-in for presentableNumbers: the account holds `own`; every question is kept. */
function fakeNumbers(own: string[]) {
  const asked: string[][] = [];
  const presentable = async (_accountId: number, numbers: readonly string[]) => {
    asked.push([...numbers]);
    return new Set(numbers.filter((n) => own.includes(n)));
  };
  return { presentable, asked };
}

const outbound: CallSetup = { ...inboundCall(), direction: "outbound", from: "", to: "+12125550100" };
const go = (run: RunScenarios, numbers: ReturnType<typeof fakeNumbers>, setup = outbound) =>
  withCallerIdRule(run, numbers.presentable)([{ name: "main", script: "" }], setup, { random: seededRandom(11), startedAt: new Date("2026-12-05T00:00:00Z") });

describe("the caller ID rule: a first run, one query, a replay only when a caller ID is refused", () => {
  it("a run with no PSTN leg runs once and asks nothing; one whose caller IDs are all the account's runs once after one query", async () => {
    const none = fakeSandbox([]);
    const numbers = fakeNumbers(["+14155550100"]);
    await go(none.run, numbers);
    expect([none.seen.length, numbers.asked]).toEqual([1, []]);

    const good = fakeSandbox(["+14155550100", "14155550100"], { all: true });
    const r = await go(good.run, numbers);
    expect(good.seen.map((s) => s.setup.callerIds)).toEqual([undefined]);
    expect(numbers.asked).toEqual([["+14155550100"]]);
    expect(outcomes(r)).toEqual(["answered", "answered"]);
  });

  it("a refused caller ID (or none) replays the run on the same random draws with it failing; the fallback it then tries is checked and stands", async () => {
    const sandbox = fakeSandbox(["+15550009999", undefined, "+14155550100"]);
    const numbers = fakeNumbers(["+14155550100"]);
    const r = await go(sandbox.run, numbers);
    expect(sandbox.seen.map((s) => s.setup.callerIds)).toEqual([undefined, { refused: ["+15550009999"] }, { refused: ["+15550009999", ""] }]);
    // "" (no caller ID) is never asked about: no account can present nothing.
    expect(numbers.asked).toEqual([["+15550009999"], ["+14155550100"]]);
    expect(outcomes(r)).toEqual(["forbidden", "forbidden", "answered"]);
    // Each replay drew one more number than the run before: the first run's two, then a new one (not the second again).
    const [first, second, third] = sandbox.seen;
    expect(second!.draws.slice(0, 2)).toEqual(first!.draws);
    expect(second!.draws[2]).not.toBe(first!.draws[1]);
    expect(third!.draws.slice(0, 3)).toEqual(second!.draws);
  });

  it("a chain of calls, one refused: one replay, the good ones after it answered (none refused for being new)", async () => {
    const sandbox = fakeSandbox(["+15550009999", "+14155550100", "+12125550088"], { all: true });
    const numbers = fakeNumbers(["+14155550100", "+12125550088"]);
    const r = await go(sandbox.run, numbers);
    expect(sandbox.seen).toHaveLength(2);
    expect(outcomes(r)).toEqual(["forbidden", "answered", "answered"]);
  });

  it(`at most CALLER_ID_RUNS runs: the last lets only the checked, proved caller IDs pass`, async () => {
    const tries = ["+15550000001", "+15550000002", "+15550000003", "+15550000004", "+15550000005", "+14155550100"];
    const sandbox = fakeSandbox(tries);
    const numbers = fakeNumbers(["+14155550100"]);
    const r = await go(sandbox.run, numbers);
    expect(CALLER_ID_RUNS).toBe(5);
    expect(sandbox.seen.map((s) => s.setup.callerIds)).toEqual([
      undefined,
      { refused: tries.slice(0, 1) },
      { refused: tries.slice(0, 2) },
      { refused: tries.slice(0, 3) },
      { allowed: [] },
    ]);
    expect(numbers.asked).toEqual(tries.slice(0, 4).map((t) => [t]));
    // The last two were first presented in the last run: refused unchecked, the good one too.
    expect(outcomes(r)).toEqual(tries.map(() => "forbidden"));
  });

  it("an inbound call may forward its caller's number, which is not the account's", async () => {
    const sandbox = fakeSandbox(["447700900123", "+15550009999"], { all: true });
    const numbers = fakeNumbers([]);
    const r = await go(sandbox.run, numbers, { ...inboundCall(), from: "+447700900123" });
    expect(sandbox.seen.map((s) => s.setup.callerIds)).toEqual([undefined, { refused: ["+15550009999"] }]);
    expect(outcomes(r)).toEqual(["answered", "forbidden"]);
  });
});
