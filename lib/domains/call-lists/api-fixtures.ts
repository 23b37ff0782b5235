// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";

/** An application with a rule, and a list of two rows on it; paused when asked. */
export async function fixtureCallList(accountId: number, opts: { status?: "queued" | "paused" } = {}) {
  const app = await db.application.create({ data: { accountId, name: `cl-${Math.random().toString(36).slice(2, 10)}` } });
  const rule = await db.rule.create({ data: { accountId, applicationId: app.id, name: "campaign", pattern: ".*", position: 0 } });
  const now = new Date();
  const list = await db.callList.create({
    data: {
      accountId,
      applicationId: app.id,
      ruleId: rule.id,
      ruleName: rule.name,
      name: "Fixture list",
      maxSimultaneous: 1,
      numAttempts: 1,
      intervalSeconds: 60,
      // A year ahead: the scheduler of a test run never starts its calls.
      startAt: new Date(now.getTime() + 365 * 86_400_000),
      status: opts.status ?? "queued",
      header: JSON.stringify(["phone_number", "name"]),
      destinationColumn: "phone_number",
      total: 2,
      createdByName: "fixture",
      createdAt: now,
      nextRunAt: null,
      rows: {
        create: ["+14155550101", "+14155550102"].map((n, i) => ({
          accountId,
          position: i + 1,
          line: i + 2,
          destination: n,
          data: JSON.stringify({ phone_number: n, name: `Row ${i + 1}` }),
          nextAttemptAt: new Date(now.getTime() + 365 * 86_400_000),
          updatedAt: now,
        })),
      },
    },
  });
  return { app, rule, list };
}

export const CALL_LIST_CSV = "phone_number;name\n+14155550123;Ann\n+14155550124;Bob\n";

export const CALL_LIST_FIXTURES: Fixtures = {
  CreateCallList: async ({ accountId }) => {
    const { rule } = await fixtureCallList(accountId);
    return { params: { rule_id: String(rule.id), name: "Spring campaign", max_simultaneous: "2", num_attempts: "2", interval_seconds: "60", start_at: String(Math.floor(Date.now() / 1000) + 86_400), file_content: CALL_LIST_CSV } };
  },
  AppendToCallList: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId)).list.id), file_content: CALL_LIST_CSV } }),
  GetCallLists: async ({ accountId }) => {
    await fixtureCallList(accountId);
    return { params: { is_active: "true", count: "5" } };
  },
  GetCallListDetails: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId)).list.id), output: "json" } }),
  EditCallList: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId)).list.id), name: "Renamed", max_simultaneous: "3" } }),
  StopCallListProcessing: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId)).list.id) } }),
  RecoverCallList: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId, { status: "paused" })).list.id) } }),
  DeleteCallList: async ({ accountId }) => ({ params: { list_id: String((await fixtureCallList(accountId)).list.id) } }),
  CancelCallListTask: async ({ accountId }) => {
    const { listId, rowId } = await fixtureListRow(accountId);
    return { params: { list_id: String(listId), tasks_ids: String(rowId) } };
  },
  EditCallListTask: async ({ accountId }) => {
    const { listId, rowId } = await fixtureListRow(accountId);
    return { params: { list_id: String(listId), task_id: String(rowId), attempts_left: "2" } };
  },
};

/** A fixture list and its first row's id (the API's task_id). */
async function fixtureListRow(accountId: number): Promise<{ listId: number; rowId: number }> {
  const { list } = await fixtureCallList(accountId);
  const row = await db.callListRow.findFirstOrThrow({ where: { listId: list.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { listId: list.id, rowId: row.id };
}
