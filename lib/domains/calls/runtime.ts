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

/** Runs of one call at most: the first, and replays while they present caller IDs not yet checked. */
export const CALLER_ID_RUNS = 3;

/**
 * `run` with the network's caller ID rule (Voximplant's callPSTN: a PSTN leg presents one of the
 * account's active numbers or verified caller IDs, or, on an inbound call, the caller's own number
 * when forwarding it; any other, or none, fails at once with 403). The sandbox cannot ask the
 * database mid-run, and an account may hold 100,000 numbers, so: a first run with every caller ID
 * allowed collects those its PSTN legs present; one query checks them (`presentable`); when one is
 * refused, the run is replayed on the same random draws with only the checked, presentable ones
 * allowed (CallSetup.presentableCallerIds), and so on while a replay presents new ones (a Failed
 * listener trying another number), at most CALLER_ID_RUNS runs in all: one first presented in the
 * last run stays refused. Almost every call runs once: one with no PSTN leg needs no query, one
 * whose caller IDs are all good one query.
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
    for (let runs = 1; ; runs++) {
      // A replay refused every caller ID not checked before it: a new one is checked, then replayed.
      const fresh = pstnCallerIds(result).filter((id) => !checked.has(id));
      if (fresh.length === 0 || runs === CALLER_ID_RUNS) break;
      const good = await presentable(setup.accountId, fresh.filter(Boolean), now);
      for (const id of fresh) checked.set(id, id !== "" && (id === inboundCaller || good.has(id)));
      if (runs === 1 && fresh.every((id) => checked.get(id))) break;
      let next = 0;
      const replay: Random = () => {
        if (next === draws.length) recording();
        return draws[next++]!;
      };
      const presentableCallerIds = [...checked].filter(([, ok]) => ok).map(([id]) => id);
      result = await run(scenarios, { ...setup, presentableCallerIds }, { ...opts, random: replay });
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
