// The simulator's real routing and sandbox (lib/domains/rules, lib/domains/scenarios): what a call
// placed in the running server uses unless a test injects scripted ones (./simulator.ts deps).
import type { Random } from "@/lib/core/random";
import { smartQueueSnapshot } from "@/lib/domains/queues/queries";
import { loadRoutingRules, loadRuleScenarios } from "@/lib/domains/rules/queries";
import { routeCall } from "@/lib/domains/rules/routing";
import { runScenarios } from "@/lib/domains/scenarios/runtime";
import type { RouteMatch, RunScenarios, ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import { callerIdKey } from "@/lib/domains/scenarios/simulation";
import { presentableNumbers } from "./queries";

/** A rule of the application by id, with its scenarios in order (StartScenarios' rule_id, the panel's rule choice). */
export async function ruleById(applicationId: number, ruleId: number): Promise<RouteMatch | null> {
  const rule = (await loadRoutingRules(applicationId)).find((r) => r.id === ruleId);
  return rule ? { rule: { id: rule.id, name: rule.name }, scenarios: await loadRuleScenarios(rule.id) } : null;
}

/** Runs of one call at most: the first, and replays while they present refused caller IDs not yet checked. */
export const CALLER_ID_RUNS = 5;

/**
 * `run` with the network's caller ID rule (Voximplant's callPSTN: a PSTN leg presents one of the
 * account's active numbers or verified caller IDs, or, on an inbound call, the caller's own number
 * when forwarding it; any other, or none, fails at once with 403). The sandbox cannot ask the
 * database mid-run, and an account may hold 100,000 numbers, so: a first run with every caller ID
 * allowed collects those its PSTN legs present, and one query checks them (`presentable`). When
 * one is refused, the run is replayed on the same random draws with the refused ones failing
 * (CallSetup.callerIds) and any new one passing; a new one it presents (a Failed listener trying
 * another number) is checked after it, and only a refused one needs another replay. The last of
 * CALLER_ID_RUNS runs lets only the caller IDs checked and proved pass: a scenario still finding
 * new refused ones after four replays has those it presents first in that run refused unchecked.
 * Almost every call runs once: one with no PSTN leg needs no query, one whose caller IDs are all
 * good one query; one refused, then a good fallback, runs twice.
 */
export function withCallerIdRule(run: RunScenarios, presentable: typeof presentableNumbers = presentableNumbers): RunScenarios {
  return async (scenarios, setup, opts) => {
    const now = opts.startedAt ?? new Date();
    const draws: number[] = [];
    const recording: Random = () => {
      const r = opts.random();
      draws.push(r);
      return r;
    };
    let result = await run(scenarios, setup, { ...opts, random: recording });
    const inboundCaller = setup.direction === "inbound" ? callerIdKey(setup.from) : "";
    const checked = new Map<string, boolean>();
    for (let runs = 1; runs < CALLER_ID_RUNS; runs++) {
      const fresh = pstnCallerIds(result).filter((id) => !checked.has(id));
      if (fresh.length === 0) break;
      const numbers = fresh.filter(Boolean);
      const good = numbers.length > 0 ? await presentable(setup.accountId, numbers, now) : new Set<string>();
      for (const id of fresh) checked.set(id, id !== "" && (id === inboundCaller || good.has(id)));
      // The new ones passed in this run: when all are good, it stands as it is.
      if (fresh.every((id) => checked.get(id))) break;
      const ids = [...checked];
      const callerIds = runs === CALLER_ID_RUNS - 1 ? { allowed: ids.filter(([, ok]) => ok).map(([id]) => id) } : { refused: ids.filter(([, ok]) => !ok).map(([id]) => id) };
      let next = 0;
      const replay: Random = () => {
        if (next === draws.length) recording();
        return draws[next++]!;
      };
      result = await run(scenarios, { ...setup, callerIds }, { ...opts, random: replay });
    }
    return result;
  };
}

/** The caller IDs (callerIdKey forms; "" for none) a run's PSTN legs presented, each once; not those of legs to an invalid number (404 first). */
function pstnCallerIds(run: ScenarioRun): string[] {
  const ids = run.events.flatMap((e) => (e.type === "forward" && e.kind === "number" && e.failure !== "invalid" ? [callerIdKey(e.callerId ?? "")] : []));
  return [...new Set(ids)];
}

export const realRuntime = { route: routeCall, ruleById, run: withCallerIdRule(runScenarios), smartQueue: smartQueueSnapshot };
