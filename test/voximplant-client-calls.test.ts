// The official Voximplant Node client, unchanged, over HTTPS (test/voximplant-harness.ts) through
// the voice runtime: AddScenario → AddRule → StartScenarios → GetCallHistory with_calls and
// with_records shows the session the real sandbox ran, its call and its recording; the brief
// history makes a report that GetHistoryReports lists.
// Threat: wire incompatibility that would break existing integrations silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureCallerId, OUTBOUND_SCRIPT } from "@/lib/domains/calls/call-fixtures";
import { advanceCalls } from "@/lib/domains/calls/simulator";
import type { TestAccount } from "@/test/factories";
import { serviceAccountJson } from "@/lib/domains/dialogflow/api-fixtures";
import { applePushP12 } from "@/lib/domains/push-credentials/api-fixtures";
import { ok, startClient, stopClient } from "./voximplant-harness";

let acct: TestAccount;

beforeAll(async () => {
  ({ acct } = await startClient());
  await fixtureTopUp(acct.id, 50_00);
  // The caller ID OUTBOUND_SCRIPT presents: the network refuses a number the account has not proved.
  await fixtureCallerId(acct.id);
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

  it("GetAuditLog lists a subuser's panel change and the client's own calls with the client's AuditLogInfoType names", async () => {
    await db.auditLog.create({ data: { accountId: acct.id, actorType: "subuser", actorId: "42", actorName: "alice", action: "application.create", detail: '{"name":"from-panel"}', ip: "10.0.0.1" } });
    await ok("Accounts", "getAccountInfo");
    const range = { fromDate: new Date(Date.now() - 86_400_000), toDate: new Date(Date.now() + 86_400_000) };
    const panel = await ok("History", "getAuditLog", { ...range, filteredCmd: "application.create", filteredAdminUserId: [42] });
    expect(panel.totalCount).toBe(1);
    // The client's AuditLogInfoType transformer leaves `requested` as it comes (its "Date" type has no converter).
    expect(panel.result).toEqual([
      { auditLogId: expect.any(Number), accountId: acct.id, requested: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), ip: "10.0.0.1", cmdName: "application.create", cmdArgs: '{"name":"from-panel"}', cmdResult: "ok", subuserId: 42, subuserName: "alice" },
    ]);
    const calls = await ok("History", "getAuditLog", { ...range, filteredCmd: "api.call", advancedFilters: "GetAccountInfo", descOrder: true });
    expect((calls.result as { cmdName: string; cmdResult: string }[])[0]).toMatchObject({ cmdName: "api.call", cmdResult: "ok" });
  });
});

describe("the official Node client: Dialogflow keys", () => {
  it("adds a key from a service account file, binds it to a second application, lists it with the client's DialogflowKeyInfo names, and deletes it", async () => {
    const first = await ok("Applications", "addApplication", { applicationName: "df-first" });
    const second = await ok("Applications", "addApplication", { applicationName: "df-second" });
    const added = await ok("DialogflowCredentials", "addDialogflowKey", { applicationId: String(first.applicationId), jsonCredentials: serviceAccountJson("client-agent"), description: "through the client" });
    expect(added).toEqual({ result: 1, dialogflowKeyId: expect.any(Number) });
    expect((await ok("DialogflowCredentials", "bindDialogflowKeys", { dialogflowKeyId: added.dialogflowKeyId, applicationId: [second.applicationId], bind: true })).result).toBe(1);
    expect((await ok("DialogflowCredentials", "setDialogflowKey", { dialogflowKeyId: added.dialogflowKeyId, description: "renamed" })).result).toBe(1);
    const listed = await ok("DialogflowCredentials", "getDialogflowKeys", { applicationId: second.applicationId });
    // The client's DialogflowKeyInfo transformer reads `content` with its request-side mapper
    // (which looks for `projectId`) and passes `applications` through untouched ("ApplicationInfo[]"
    // is not a type its array check recognises): `content` arrives empty and `applications` keep
    // the wire's snake_case names. lib/domains/dialogflow/dialogflow.test.ts checks the raw wire.
    expect(listed.result).toEqual([
      {
        dialogflowKeyId: added.dialogflowKeyId,
        content: {},
        applications: [expect.objectContaining({ application_id: first.applicationId }), expect.objectContaining({ application_id: second.applicationId })],
      },
    ]);
    expect((await ok("DialogflowCredentials", "delDialogflowKey", { dialogflowKeyId: added.dialogflowKeyId })).result).toBe(1);
    expect((await ok("DialogflowCredentials", "getDialogflowKeys", {})).result).toEqual([]);
  });
});

describe("the official Node client: push credentials", () => {
  it("adds an Apple certificate and a Huawei app, binds one to a second application, lists them with PushCredentialInfo's names, and deletes them", async () => {
    const first = await ok("Applications", "addApplication", { applicationName: "push-first" });
    const second = await ok("Applications", "addApplication", { applicationName: "push-second" });
    const apple = await ok("PushCredentials", "addPushCredential", {
      pushProviderName: "APPLE",
      applicationId: first.applicationId,
      certContent: applePushP12({ bundle: "com.example.client", password: "pw", notAfter: new Date(Date.UTC(2027, 2, 1)) }),
      certFileName: "client.p12",
      certPassword: "pw",
      isDevMode: false,
    });
    expect(apple).toEqual({ result: 1, pushCredentialId: expect.any(Number) });
    const huawei = await ok("PushCredentials", "addPushCredential", { pushProviderId: 4, huaweiClientId: "108761", huaweiClientSecret: "secret", huaweiApplicationId: "104455" });
    expect((await ok("PushCredentials", "bindPushCredential", { pushCredentialId: [huawei.pushCredentialId], applicationId: [second.applicationId], bind: true })).result).toBe(1);
    expect((await ok("PushCredentials", "setPushCredential", { pushCredentialId: apple.pushCredentialId, isDevMode: true })).result).toBe(1);
    const listed = await ok("PushCredentials", "getPushCredential", {});
    // As with DialogflowKeyInfo, the client's transformer does not recognise "PushCredentialContent[]"
    // or "ApplicationInfo[]" as arrays and passes `content` and `applications` through with the
    // wire's snake_case names.
    expect(listed.result).toEqual([
      expect.objectContaining({
        pushCredentialId: apple.pushCredentialId,
        pushProviderId: 1,
        pushProviderName: "APPLE",
        expirationDate: "2027-03-01 00:00:00",
        credentialBundle: "com.example.client",
        content: [{ cert_file_name: "client.p12", is_dev_mode: true }],
        applications: [expect.objectContaining({ application_id: first.applicationId })],
      }),
      expect.objectContaining({
        pushCredentialId: huawei.pushCredentialId,
        pushProviderId: 4,
        pushProviderName: "HUAWEI",
        expirationDate: null,
        content: [{ huawei_client_id: "108761", huawei_application_id: "104455" }],
        applications: [expect.objectContaining({ application_id: second.applicationId })],
      }),
    ]);
    for (const c of [apple, huawei]) expect((await ok("PushCredentials", "delPushCredential", { pushCredentialId: c.pushCredentialId })).result).toBe(1);
    expect((await ok("PushCredentials", "getPushCredential", {})).result).toEqual([]);
  });
});

describe("the official Node client: authorized IPs", () => {
  it("adds a network to the block list, checks addresses against it, lists it with AuthorizedAccountIPType's names, and removes it", async () => {
    expect(await ok("AuthorizedIPs", "addAuthorizedAccountIP", { authorizedIp: "203.0.113.0/24", allowed: false, description: "scanner" })).toEqual({ result: 1 });
    expect(await ok("AuthorizedIPs", "checkAuthorizedAccountIP", { authorizedIp: "203.0.113.9" })).toEqual({ result: false, authorizedIp: "203.0.113.0/24" });
    expect(await ok("AuthorizedIPs", "checkAuthorizedAccountIP", { authorizedIp: "192.0.2.7" })).toEqual({ result: true });
    const listed = await ok("AuthorizedIPs", "getAuthorizedAccountIPs", { allowed: false });
    expect(listed).toMatchObject({ totalCount: 1, count: 1 });
    // The client's transformer keeps `created` as the wire's text and drops `description` (ours).
    expect(listed.result).toEqual([{ authorizedIp: "203.0.113.0/24", allowed: false, created: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) }]);
    expect(await ok("AuthorizedIPs", "delAuthorizedAccountIP", { containsIp: "203.0.113.9" })).toEqual({ result: 1 });
    expect((await ok("AuthorizedIPs", "getAuthorizedAccountIPs", {})).result).toEqual([]);
  });
});

describe("the official Node client: SIP registrations", () => {
  it("creates a registration (charged), binds it to an application's rule, lists it with SIPRegistrationType's names, unbinds and deletes it", async () => {
    const app = await ok("Applications", "addApplication", { applicationName: "pbx-bridge" });
    const scenario = await ok("Scenarios", "addScenario", { scenarioName: "pbx-inbound", scenarioScript: OUTBOUND_SCRIPT });
    await ok("Rules", "addRule", { applicationId: app.applicationId, ruleName: "from-pbx", rulePattern: ".*", scenarioId: [scenario.scenarioId] });
    const created = await ok("SIPRegistration", "createSipRegistration", { sipUsername: "1001", proxy: "pbx.example.com:5060", password: "s3cret", authUser: "auth1001" });
    expect(created).toMatchObject({ result: 1, sipRegistrationId: expect.any(Number) });
    const id = created.sipRegistrationId as number;
    expect(await ok("SIPRegistration", "bindSipRegistration", { sipRegistrationId: id, applicationId: app.applicationId, ruleName: "from-pbx" })).toEqual({ result: 1 });
    expect(await ok("SIPRegistration", "updateSipRegistration", { sipRegistrationId: id, outboundProxy: "sbc.example.com" })).toEqual({ result: 1 });
    const listed = await ok("SIPRegistration", "getSipRegistrations", { applicationId: [app.applicationId], successful: true });
    expect(listed.count).toBe(1);
    expect(listed.result).toEqual([
      expect.objectContaining({
        sipRegistrationId: id,
        sipUsername: "1001",
        proxy: "pbx.example.com:5060",
        authUser: "auth1001",
        outboundProxy: "sbc.example.com",
        successful: true,
        statusCode: 200,
        deactivated: false,
        isPersistent: true,
        subscriptionPrice: "1.00",
        applicationId: app.applicationId,
        ruleName: "from-pbx",
        // The client's transformer keeps the wire's "YYYY-MM-DD HH:mm:ss" text.
        nextSubscriptionRenewal: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        purchaseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        lastUpdated: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain("s3cret");
    expect(await ok("SIPRegistration", "bindSipRegistration", { applicationId: app.applicationId, bind: false })).toEqual({ result: 1 });
    expect(await ok("SIPRegistration", "deleteSipRegistration", { sipRegistrationId: id })).toEqual({ result: 1 });
    expect((await ok("SIPRegistration", "getSipRegistrations", {})).result).toEqual([]);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id, kind: "sip_registration" } })).toBe(1);
  });
});
