// History reports on the Management API: GetBriefCallHistory stores a report frozen at the
// newest session, GetHistoryReports lists it, DownloadHistoryReport streams its CSV in the asked
// order (header row optional); another account's report id answers 635; nothing is written on
// a refusal.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount } from "@/test/factories";
import { callAs, insertKey } from "@/test/api-kit";
import { API_ERROR } from "@/lib/api/codes";
import { fixtureRecordedCall } from "./call-fixtures";
import { createHistoryReport } from "./mutations";

const RANGE = { from_date: "2020-01-01 00:00:00", to_date: "2099-01-01 00:00:00", output: "csv" };

async function ownerOf(accountId: number): Promise<Actor> {
  const a = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { name: true } });
  return { kind: "owner", accountId, accountName: a.name, subuserId: null, keyId: null, name: a.name, roles: [OWNER_ROLE], ip: "127.0.0.1" };
}

describe("GetBriefCallHistory → GetHistoryReports → DownloadHistoryReport", () => {
  it("a report holds the sessions of its filter as they were, in its order, as CSV", async () => {
    const acct = await createTestAccount();
    const owner = await ownerOf(acct.id);
    const first = await fixtureRecordedCall(owner);
    const second = await fixtureRecordedCall(owner);
    const key = await insertKey(acct.id, ["Developer"]);

    const made = await callAs(key, "GetBriefCallHistory", RANGE);
    expect(made.body).toEqual({ result: 1, history_report_id: expect.any(Number) });
    const reportId = made.body.history_report_id as number;
    const desc = await callAs(key, "GetBriefCallHistory", { ...RANGE, application_id: String(second.app.id), desc_order: "true", with_header: "false" });
    const descId = desc.body.history_report_id as number;

    // A session after the report was made stays out of it.
    const later = await fixtureRecordedCall(owner);

    const listed = await callAs(key, "GetHistoryReports", {});
    expect(listed.body).toMatchObject({ total_count: 2, count: 2 });
    expect(listed.body.result).toEqual([
      expect.objectContaining({ history_report_id: descId, history_type: "calls", format: "csv", session_count: 1, filters: expect.objectContaining({ application_id: second.app.id, desc_order: true, with_header: false }) }),
      expect.objectContaining({ history_report_id: reportId, session_count: 2, file_name: `call-history-report-${reportId}.csv` }),
    ]);
    expect((await callAs(key, "GetHistoryReports", { application_id: String(second.app.id) })).body).toMatchObject({ total_count: 1 });
    expect((await callAs(key, "GetHistoryReports", { is_completed: "false" })).body).toMatchObject({ total_count: 0 });
    expect((await callAs(key, "GetHistoryReports", { history_type: "transactions" })).body).toMatchObject({ total_count: 0 });

    const file = await callAs(key, "DownloadHistoryReport", { history_report_id: String(reportId) });
    expect(file.response.headers.get("content-type")).toContain("text/csv");
    expect(file.response.headers.get("content-disposition")).toContain(`call-history-report-${reportId}-`);
    const rows = parse(file.body.result as string, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.call_id))).toEqual([first.sessionId, second.sessionId]);
    expect(rows.map((r) => Number(r.call_id))).not.toContain(later.sessionId);
    expect(rows[0]).toMatchObject({ direction: "outbound", rule: expect.any(String), status: "completed", to: expect.stringMatching(/^\+\d+$/) });

    const bare = await callAs(key, "DownloadHistoryReport", { history_report_id: String(descId) });
    const lines = parse(bare.body.result as string) as string[][];
    expect(lines.map((l) => Number(l[0]))).toEqual([second.sessionId]);
  });

  it("refuses another account's report (635), a missing or unknown output and a key without the call history (104), writing nothing", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    await fixtureRecordedCall(await ownerOf(a.id));
    const report = await createHistoryReport(await ownerOf(a.id), { filter: {}, desc: false, withHeader: true }, new Date());
    const keyB = await insertKey(b.id, ["Owner"]);
    expect((await callAs(keyB, "DownloadHistoryReport", { history_report_id: String(report.id) })).body.error?.code).toBe(API_ERROR.INVALID_HISTORY_REPORT);
    expect((await callAs(keyB, "GetHistoryReports", { history_report_id: String(report.id) })).body).toMatchObject({ result: [], total_count: 0 });

    const before = await db.historyReport.count({ where: { accountId: b.id } });
    const noOutput = await callAs(keyB, "GetBriefCallHistory", { from_date: RANGE.from_date, to_date: RANGE.to_date });
    expect(noOutput.body.error?.msg).toContain("output");
    const pdf = await callAs(keyB, "GetBriefCallHistory", { ...RANGE, output: "pdf" });
    expect(pdf.body.error?.msg).toContain("output");
    const billing = await insertKey(b.id, ["Accountant"]);
    expect((await callAs(billing, "GetBriefCallHistory", RANGE)).body.error?.code).toBe(104);
    expect(await db.historyReport.count({ where: { accountId: b.id } })).toBe(before);
  });
});
