// The call methods of the Management API with the reference's names: StartScenarios runs a real
// scenario in a session the scheduler finalises; GetCallHistory shows it with its calls and
// records (with_calls / with_records), filters by application, rule name, remote number and
// session id; DeleteRecord erases a recording; another account's ids are refused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { callAs, insertKey } from "@/test/api-kit";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { API_ERROR } from "@/lib/api/codes";
import { fixtureAppWithRule, fixtureCallerId } from "./call-fixtures";
import { advanceCalls } from "./simulator";

const DEST = "+12125550142";

describe("StartScenarios → GetCallHistory → DeleteRecord", () => {
  it("a session started on the API shows in the history with its call and record, then the record goes", async () => {
    const acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    await fixtureCallerId(acct.id);
    const { app, rule } = await fixtureAppWithRule(acct.id);
    const key = await insertKey(acct.id, ["Developer"]);
    const started = await callAs(key, "StartScenarios", { application_id: String(app.id), rule_id: String(rule.id), script_custom_data: DEST });
    expect(started.body).toMatchObject({ result: 1, call_session_history_id: expect.any(Number) });
    const id = started.body.call_session_history_id as number;
    const row = await db.callSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ initiator: "api", status: "running", ruleName: "everything", customData: DEST });

    // While it runs, the history has it without a duration.
    const running = await callAs(key, "GetCallHistory", { call_session_history_id: String(id) });
    expect(running.body.result).toEqual([expect.objectContaining({ call_session_history_id: id, duration: null, status: "running" })]);

    await advanceCalls(new Date(row.plannedEndAt.getTime() + 1000), { accountId: acct.id, speech: { espeakPath: "/nonexistent" } });
    const h = await callAs(key, "GetCallHistory", { application_id: String(app.id), with_calls: "true", with_records: "true", with_other_resources: "true" });
    expect(h.body).toMatchObject({ total_count: 1, count: 1, timezone: "UTC" });
    const [s] = h.body.result as Record<string, unknown>[];
    expect(s).toMatchObject({
      call_session_history_id: id,
      account_id: acct.id,
      application_id: app.id,
      application_name: app.name,
      rule_name: "everything",
      initiator_address: "api",
      status: "completed",
      custom_data: DEST,
      other_resource_usage: [],
      calls: [expect.objectContaining({ remote_number: DEST, remote_number_type: "pstn", incoming: false, successful: true, direction: "out", transaction_id: expect.any(Number) })],
      records: [expect.objectContaining({ record_name: "greeting", record_url: expect.stringMatching(/\/calls\/recordings\/\d+$/), file_size: expect.any(Number), record_storage_id: 1 })],
    });
    const calls = s!.calls as { cost: number }[];
    expect(calls[0]!.cost).toBeGreaterThan(0);

    // Without with_calls / with_records the lists are left out; the filters narrow.
    const bare = await callAs(key, "GetCallHistory", { call_session_history_id: String(id) });
    expect(Object.keys((bare.body.result as object[])[0]!)).not.toContain("calls");
    expect((await callAs(key, "GetCallHistory", { rule_name: "nothing-like-it" })).body).toMatchObject({ result: [], total_count: 0 });
    // remote_number / local_number match the session's own numbers; a StartScenarios session dialled nothing itself.
    expect((await callAs(key, "GetCallHistory", { remote_number: DEST })).body).toMatchObject({ total_count: 0 });
    expect((await callAs(key, "GetCallHistory", { from_date: "2099-01-01 00:00:00" })).body).toMatchObject({ total_count: 0 });

    const recordId = ((s!.records as { record_id: number }[])[0]!).record_id;
    expect((await callAs(key, "DeleteRecord", { record_id: String(recordId) })).body).toEqual({ result: 1 });
    expect((await callAs(key, "DeleteRecord", { record_id: String(recordId) })).body.error?.code).toBe(API_ERROR.INVALID_RECORD);
    const after = await callAs(key, "GetCallHistory", { call_session_history_id: String(id), with_records: "true" });
    expect((after.body.result as { records: unknown[] }[])[0]!.records).toEqual([]);
  });

  it("another account's application, rule and records are refused; its sessions never listed", async () => {
    const mine = await createTestAccount();
    const theirs = await createTestAccount();
    await fixtureTopUp(theirs.id, 10_00);
    const other = await fixtureAppWithRule(theirs.id);
    const theirKey = await insertKey(theirs.id, ["Developer"]);
    const started = await callAs(theirKey, "StartScenarios", { application_id: String(other.app.id), rule_id: String(other.rule.id), script_custom_data: DEST });
    expect(started.body.result).toBe(1);
    const own = await fixtureAppWithRule(mine.id);
    const key = await insertKey(mine.id, ["Developer"]);
    expect((await callAs(key, "StartScenarios", { application_id: String(other.app.id), rule_id: String(other.rule.id) })).body.error?.code).toBe(API_ERROR.APPLICATION_NOT_FOUND);
    expect((await callAs(key, "StartScenarios", { application_id: String(own.app.id), rule_id: String(other.rule.id) })).body.error?.code).toBe(API_ERROR.CALL_NOT_ROUTED);
    expect((await callAs(key, "GetCallHistory", { call_session_history_id: String(started.body.call_session_history_id) })).body).toMatchObject({ result: [], total_count: 0 });
    expect((await callAs(key, "GetRecordStorages")).body).toEqual({ result: [{ record_storage_id: 1, record_storage_name: "switchboard" }] });
  });
});
