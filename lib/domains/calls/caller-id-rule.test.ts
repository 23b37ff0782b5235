// The network's caller ID rule around the sandbox (./runtime.ts withCallerIdRule): which runs it
// makes, what it asks the database, and that a replay sees the first run's random draws. The
// sandbox and the database are stand-ins here; real-runtime.test.ts runs the real ones.
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/core/random";
import type { CallSetup, RunScenarios, ScenarioEvent, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import { inboundCall } from "@/lib/domains/scenarios/runtime-fixtures";
import { CALLER_ID_RUNS, withCallerIdRule } from "./runtime";

type Seen = { setup: CallSetup; draws: number[] };

/**
 * A stand-in sandbox: each run draws `draws` random numbers, then places a PSTN leg per caller ID
 * `legs` gives for that run (by its index), failed "forbidden" where the setup does not allow it.
 */
function fakeSandbox(legs: (run: number) => (string | undefined)[], draws = 2) {
  const seen: Seen[] = [];
  const run: RunScenarios = async (_scenarios, setup, opts) => {
    const taken = Array.from({ length: draws + seen.length }, () => opts.random());
    seen.push({ setup, draws: taken });
    const events: ScenarioEvent[] = legs(seen.length - 1).map((callerId, i) => {
      const allowed = !setup.presentableCallerIds || (callerId !== undefined && setup.presentableCallerIds.includes(callerId.replace(/^(?=\d)/, "+")));
      return { at: i, type: "forward", to: `+1212555010${i}`, kind: "number", answered: allowed, seconds: allowed ? 5 : 0, ...(callerId === undefined ? {} : { callerId }), ...(allowed ? {} : { failure: "forbidden" as const }) };
    });
    const result: ScenarioRun = { outcome: "completed", durationSeconds: 10, events: [...events, { at: 10, type: "hangup", by: "scenario", reason: "scenario" }] };
    return result;
  };
  return { run, seen };
}

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
    const none = fakeSandbox(() => []);
    const numbers = fakeNumbers(["+14155550100"]);
    await go(none.run, numbers);
    expect([none.seen.length, numbers.asked]).toEqual([1, []]);

    const good = fakeSandbox(() => ["+14155550100", "14155550100"]);
    const r = await go(good.run, numbers);
    expect(good.seen.map((s) => s.setup.presentableCallerIds)).toEqual([undefined]);
    expect(numbers.asked).toEqual([["+14155550100"]]);
    expect(r.events.filter((e) => e.type === "forward").every((e) => e.type === "forward" && e.answered)).toBe(true);
  });

  it("a refused caller ID (or none) replays the run on the same random draws, with only the presentable ones allowed", async () => {
    const sandbox = fakeSandbox(() => ["+15550009999", "+14155550100", undefined]);
    const numbers = fakeNumbers(["+14155550100"]);
    const r = await go(sandbox.run, numbers);
    // "" (no caller ID) is never asked about: no account can present nothing.
    expect(numbers.asked).toEqual([["+15550009999", "+14155550100"]]);
    expect(sandbox.seen.map((s) => s.setup.presentableCallerIds)).toEqual([undefined, ["+14155550100"]]);
    // The replay drew one more number than the first run: the first run's two, then a new one (not the second again).
    const [first, replay] = sandbox.seen;
    expect(replay!.draws.slice(0, 2)).toEqual(first!.draws);
    expect(replay!.draws[2]).not.toBe(first!.draws[1]);
    expect(r.events.flatMap((e) => (e.type === "forward" ? [e.failure ?? "answered"] : []))).toEqual(["forbidden", "answered", "forbidden"]);
  });

  it("a replay that presents a new caller ID has it checked and replays again; at most CALLER_ID_RUNS runs", async () => {
    // Each run tries one more caller ID than the last (a Failed listener trying the next number).
    const tries = ["+15550009999", "+14155550100", "+14155550101", "+14155550102"];
    const sandbox = fakeSandbox((run) => tries.slice(0, run + 1));
    const numbers = fakeNumbers(tries.slice(1));
    const r = await go(sandbox.run, numbers);
    expect(CALLER_ID_RUNS).toBe(3);
    expect(sandbox.seen.map((s) => s.setup.presentableCallerIds)).toEqual([undefined, [], ["+14155550100"]]);
    expect(numbers.asked).toEqual([["+15550009999"], ["+14155550100"]]);
    // The third run's new caller ID was never checked: refused, as the rule says.
    expect(r.events.flatMap((e) => (e.type === "forward" ? [e.failure ?? "answered"] : []))).toEqual(["forbidden", "answered", "forbidden"]);
  });

  it("an inbound call may forward its caller's number, which is not the account's", async () => {
    const sandbox = fakeSandbox(() => ["447700900123", "+15550009999"]);
    const numbers = fakeNumbers([]);
    await go(sandbox.run, numbers, { ...inboundCall(), from: "+447700900123" });
    expect(sandbox.seen.map((s) => s.setup.presentableCallerIds)).toEqual([undefined, ["+447700900123"]]);
  });
});
