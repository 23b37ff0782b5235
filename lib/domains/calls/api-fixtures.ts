// Test-only: one valid call for each call history method of the Management API, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { OWNER_ROLE } from "@/lib/access/matrix";
import type { Fixtures } from "@/test/api-kit";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureAppWithRule, fixtureRecordedCall } from "./call-fixtures";
import { createHistoryReport } from "./mutations";

/** The account owner as an actor (the fixtures' calls are placed in the panel's name). */
async function ownerOf(accountId: number): Promise<Actor> {
  const a = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { name: true } });
  return { kind: "owner", accountId, accountName: a.name, subuserId: null, keyId: null, name: a.name, roles: [OWNER_ROLE], ip: "127.0.0.1" };
}

/** A recorded call and a history report of the account's sessions. */
async function fixtureReport(accountId: number) {
  const owner = await ownerOf(accountId);
  await fixtureRecordedCall(owner);
  return createHistoryReport(owner, { filter: { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2099-01-01T00:00:00Z") }, desc: false, withHeader: true }, new Date());
}

export const CALL_FIXTURES: Fixtures = {
  StartScenarios: async ({ accountId }) => {
    await fixtureTopUp(accountId, 10_00);
    const { app, rule } = await fixtureAppWithRule(accountId);
    return { params: { application_id: String(app.id), rule_id: String(rule.id), script_custom_data: "+12125550142" } };
  },
  GetCallHistory: async ({ accountId }) => {
    const { app } = await fixtureRecordedCall(await ownerOf(accountId));
    return { params: { application_id: String(app.id), with_calls: "true", with_records: "true", with_other_resources: "true", from_date: "2020-01-01 00:00:00", to_date: "2099-01-01 00:00:00" } };
  },
  DeleteRecord: async ({ accountId }) => {
    const { recording } = await fixtureRecordedCall(await ownerOf(accountId));
    return { params: { record_id: String(recording.id) } };
  },
  GetRecordStorages: async () => ({ params: {} }),
  GetBriefCallHistory: async ({ accountId }) => {
    const { app } = await fixtureRecordedCall(await ownerOf(accountId));
    return { params: { application_id: String(app.id), from_date: "2020-01-01 00:00:00", to_date: "2099-01-01 00:00:00", output: "csv" } };
  },
  GetHistoryReports: async ({ accountId }) => {
    await fixtureReport(accountId);
    return { params: { history_type: "calls" } };
  },
  DownloadHistoryReport: async ({ accountId }) => {
    const report = await fixtureReport(accountId);
    return { params: { history_report_id: String(report.id) } };
  },
};
