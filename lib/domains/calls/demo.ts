// The demo account's call history (prisma/seed.ts, on a freshly seeded demo account): a handful
// of past sessions made by the simulator, so /calls, an application's history, a detail with a
// recording and the ledger's call charges are there to look at. When the sales application has
// its rule (the demo scenario, lib/domains/scenarios/demo-scenario.ts), the sessions are inbound
// calls to the sales number run by that scenario in the real sandbox. Otherwise (a demo without
// the scenario) the runs are scripted: their rule is a snapshot named "demo greeting" with id 0
// (no rule row: the history keeps a rule's name after the rule is gone, as here).
import { seedPrincipal } from "@/lib/core/audit";
import { seededRandom } from "@/lib/core/random";
import type { ScenarioRun } from "@/lib/domains/scenarios/runtime-contract";
import { finaliseSession } from "./mutations";
import { demoCallTargets } from "./queries";
import { startCall, type NewCall } from "./simulator";

const GREETING = "Thank you for calling Example Corp. Your call may be recorded.";

function run(callTo: string | null, seconds: number, answered = true): ScenarioRun {
  const first: ScenarioRun["events"] = callTo
    ? [{ at: 0, type: "forward", to: callTo, kind: "number", answered, seconds: answered ? seconds - 3 : 0, endAt: answered ? seconds : 30 }]
    : [{ at: 1, type: "answer" }];
  if (!answered) return { outcome: "completed", durationSeconds: 30, events: [...first, { at: 30, type: "log", line: "no answer, giving up" }, { at: 30, type: "hangup", by: "scenario", reason: "no answer" }] };
  const t = callTo ? 3 : 1;
  return {
    outcome: "completed",
    durationSeconds: seconds,
    events: [
      ...first,
      { at: t, type: "log", line: callTo ? `connected to ${callTo}` : "caller answered" },
      { at: t, type: "record_start", name: "greeting" },
      { at: t, type: "say", text: GREETING, seconds: 4 },
      { at: t + 4, type: "record_stop", name: "greeting" },
      { at: seconds, type: "hangup", by: callTo ? "party" : "scenario", reason: "done" },
    ],
  };
}

/** Writes the demo sessions for the account named `accountName` (a no-op when it has sessions already). Returns how many. */
export async function seedDemoCalls(accountName: string, callerId: string, now: Date = new Date()): Promise<number> {
  const target = await demoCallTargets(accountName);
  if (!target || target.hasSessions) return 0;
  const account = { id: target.accountId };
  const sales = { id: target.applicationId };
  const number = target.number ? { number: target.number } : null;
  const by = seedPrincipal(account.id);
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const hasRule = target.hasRule;
  if (hasRule && number) {
    // Three callers: two leave a message, one hangs up after 6 s.
    const inbound: { at: Date; from: string; hangupAfterSeconds: number | null }[] = [
      { at: hoursAgo(50), from: "+13125550188", hangupAfterSeconds: null },
      { at: hoursAgo(26), from: "+447700900123", hangupAfterSeconds: 6 },
      { at: hoursAgo(3), from: "+12125550142", hangupAfterSeconds: null },
    ];
    let made = 0;
    for (const c of inbound) {
      const s = await startCall(
        {
          accountId: account.id,
          applicationId: sales.id,
          initiator: "inbound",
          direction: "inbound",
          from: c.from,
          to: number.number,
          appUserId: null,
          rule: "match",
          party: { answerAfterSeconds: 0, dtmf: "", hangupAfterSeconds: c.hangupAfterSeconds },
          customData: "",
          by,
          noRoute: "record",
        },
        { clock: () => c.at, random: seededRandom(made + 1) },
      );
      if (s.status === "running") await finaliseSession(s.id, { now: s.plannedEndAt });
      made++;
    }
    return made;
  }
  const calls: { at: Date; call: Omit<NewCall, "accountId" | "applicationId" | "by" | "rule" | "noRoute" | "customData">; run: ScenarioRun }[] = [
    { at: hoursAgo(50), call: { initiator: "panel", direction: "outbound", from: callerId, to: "+12125550142", appUserId: null, party: { answerAfterSeconds: 3, dtmf: "", hangupAfterSeconds: null } }, run: run("+12125550142", 154) },
    { at: hoursAgo(26), call: { initiator: "panel", direction: "outbound", from: callerId, to: "+447700900123", appUserId: null, party: { answerAfterSeconds: null, dtmf: "", hangupAfterSeconds: null } }, run: run("+447700900123", 30, false) },
    ...(number
      ? [{ at: hoursAgo(3), call: { initiator: "inbound" as const, direction: "inbound" as const, from: "+13125550188", to: number.number, appUserId: null, party: { answerAfterSeconds: 0, dtmf: "1", hangupAfterSeconds: null } }, run: run(null, 47) }]
      : []),
  ];
  let made = 0;
  for (const c of calls) {
    const s = await startCall(
      { ...c.call, accountId: account.id, applicationId: sales.id, by, rule: "match", noRoute: "record", customData: c.call.direction === "outbound" ? c.call.to : "" },
      {
        clock: () => c.at,
        random: seededRandom(made + 1),
        route: async () => ({ rule: { id: 0, name: "demo greeting" }, scenarios: [{ id: 0, name: "demo greeting", script: "" }] }),
        ruleById: async () => null,
        run: async () => c.run,
      },
    );
    if (s.status === "running") await finaliseSession(s.id, { now: new Date(c.at.getTime() + c.run.durationSeconds * 1000) });
    made++;
  }
  return made;
}
