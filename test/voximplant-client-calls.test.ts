// The official Voximplant Node client, unchanged, over HTTPS (test/voximplant-harness.ts) through
// the voice runtime: AddScenario → AddRule → StartScenarios → GetCallHistory with_calls and
// with_records shows the session the real sandbox ran, its call and its recording; the brief
// history makes a report that GetHistoryReports lists.
// Threat: wire incompatibility that would break existing integrations silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { OUTBOUND_SCRIPT } from "@/lib/domains/calls/call-fixtures";
import { advanceCalls } from "@/lib/domains/calls/simulator";
import type { TestAccount } from "@/test/factories";
import { ok, startClient, stopClient } from "./voximplant-harness";

let acct: TestAccount;

beforeAll(async () => {
  ({ acct } = await startClient());
  await fixtureTopUp(acct.id, 50_00);
});

afterAll(stopClient);

describe("the official Node client: scenarios, rules and the call history", () => {
  it("adds a scenario and a rule, starts the scenarios, and finds the session with its call and record", async () => {
    const app = await ok("Applications", "addApplication", { applicationName: "voice-app" });
    const scenario = await ok("Scenarios", "addScenario", { scenarioName: "dialer", scenarioScript: OUTBOUND_SCRIPT });
    const rule = await ok("Rules", "addRule", { ruleName: "everything", rulePattern: ".*", applicationId: app.applicationId, scenarioId: [scenario.scenarioId] });
    const started = await ok("Scenarios", "startScenarios", { ruleId: rule.ruleId, applicationId: app.applicationId, scriptCustomData: "+12125550142" });
    expect(started.result).toBe(1);
    const session = await db.callSession.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
    expect(session).toMatchObject({ initiator: "api", status: "running", ruleId: rule.ruleId });
    await advanceCalls(new Date(session.plannedEndAt.getTime() + 1000), { accountId: acct.id, speech: { espeakPath: "/nonexistent" } });

    const history = await ok("History", "getCallHistory", {
      fromDate: new Date(Date.now() - 86_400_000),
      toDate: new Date(Date.now() + 86_400_000),
      applicationId: app.applicationId,
      withCalls: true,
      withRecords: true,
    });
    expect(history.totalCount).toBe(1);
    const [s] = history.result as Record<string, unknown>[];
    expect(s).toMatchObject({ callSessionHistoryId: session.id, applicationId: app.applicationId, ruleName: "everything", customData: "+12125550142" });
    // The client leaves the nested call and record structures as they come (its transformer has no entry for them).
    expect(s!.calls).toEqual([expect.objectContaining({ remote_number: "+12125550142", remote_number_type: "pstn", incoming: false, successful: true, transaction_id: expect.any(Number) })]);
    expect(s!.records).toEqual([expect.objectContaining({ record_name: "greeting", record_url: expect.stringContaining("/calls/recordings/"), file_size: expect.any(Number) })]);

    // The brief history as a report: made, then listed with the client's HistoryReportType names.
    const made = await ok("History", "getBriefCallHistory", {
      fromDate: new Date(Date.now() - 86_400_000),
      toDate: new Date(Date.now() + 86_400_000),
      output: "csv",
      applicationId: app.applicationId,
    });
    expect(made).toMatchObject({ result: 1, historyReportId: expect.any(Number) });
    const reports = await ok("History", "getHistoryReports", { historyReportId: made.historyReportId, historyType: "calls" });
    expect(reports.result).toEqual([expect.objectContaining({ historyReportId: made.historyReportId, historyType: "calls", format: "csv", fileName: expect.stringMatching(/\.csv$/) })]);
  });
});
