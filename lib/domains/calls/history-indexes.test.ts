// Issue 11: an application's call history (/applications/[appId]/call-history, GetCallHistory with
// application_id) counts its matches up to COUNT_CAP + 1 in the page's own order, scoped by the
// account and the application. Each such count must be answered from an index alone (SQLite's
// "COVERING INDEX"): with accountId missing from the index, the count looked up every counted row
// in the table (3.6 ms filtered by status, 7.3 ms sorted by duration at 100,000 sessions, against
// 0.5 ms from the index). The SQL is the shape Prisma 6.19 emits for listCallSessions' count.
// SQLite only: PostgreSQL's planner chooses by its own statistics.
import { describe, expect, it } from "vitest";
import { db, dbKind } from "@/lib/core/db";

type PlanRow = { detail: string };

async function planOf(sql: string, args: unknown[]): Promise<string> {
  const rows = await db.$queryRawUnsafe<PlanRow[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
  return rows.map((r) => r.detail).join(" | ");
}

const count = (where: string, order: string) =>
  `SELECT COUNT(*) FROM (SELECT "CallSession"."id" FROM "CallSession" WHERE ("CallSession"."accountId" = ? AND "CallSession"."applicationId" = ?${where}) ORDER BY ${order} LIMIT ? OFFSET ?) AS "sub"`;

describe.runIf(dbKind() === "sqlite")("an application's call history count reads an index alone", () => {
  it.each([
    ["the first page (started, newest first)", "", `"CallSession"."startedAt" DESC, "CallSession"."id" DESC`, [], "CallSession_applicationId_accountId_startedAt_id_idx"],
    ["filtered by status", ` AND "CallSession"."status" = ?`, `"CallSession"."startedAt" DESC, "CallSession"."id" DESC`, ["no_answer"], "CallSession_applicationId_accountId_status_startedAt_idx"],
    ["sorted by duration", "", `"CallSession"."durationSeconds" DESC, "CallSession"."id" DESC`, [], "CallSession_applicationId_accountId_durationSeconds_id_idx"],
    ["sorted by cost", "", `"CallSession"."costMinor" ASC, "CallSession"."id" ASC`, [], "CallSession_applicationId_accountId_costMinor_id_idx"],
  ])("%s", async (_name, where, order, extra, index) => {
    const plan = await planOf(count(where, order), [1, 1, ...extra, 10_001, 0]);
    expect(plan).toContain(`USING COVERING INDEX ${index}`);
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
