// Issue 11: the counts behind the panel's list totals are read from an index alone (SQLite's
// "COVERING INDEX"), never by looking up each counted row in its table. The SQL is the shape
// Prisma 6.19 emits for the domain's count. SQLite only: PostgreSQL's planner chooses by its own
// statistics.
//
// - An application's call history (/applications/[appId]/call-history, GetCallHistory with
//   application_id) counts up to COUNT_CAP + 1 in the page's own order, scoped by account and
//   application: with accountId missing from the index, the count looked up every counted row
//   (3.6 ms filtered by status, 7.3 ms sorted by duration at 100,000 sessions; 0.5 ms from the index).
//   GetCallHistory's exact total_count over 90 days of 100,000 sessions: 13.7 ms, 4.1 from the index.
// - /numbers filtered by country counts the account's held numbers there (status active or
//   blocked): without status in the index, 5.3 ms for 9,757 numbers; 0.8 ms from it.
//
// And the account's held numbers (/numbers, GetPhoneNumbers) are read in each sort's own index
// order, never sorted whole: sorted by purchase date or by id, a first page at 100,000 numbers took
// 57-73 ms and 20-179 ms through a temporary B-tree; 0.1-0.2 ms from (accountId, column, id).
// An application's numbers too: by number 18-32 ms and counted in 15 ms for 40,000 numbers, by
// renewal 51-88 ms for 10 numbers among 100,000, with only (accountId, applicationId); 0.1-1.7 ms.
// So is the account's audit log (/logs) sorted by action or actor: 96 and 140 ms at 180,000 rows
// through a temporary B-tree; 0.4-0.8 ms from (accountId, column, createdAt, id). Its capped
// total reads an index alone: unfiltered 0.7 ms where the exact count took 8 ms at 180,000 rows;
// the outcome filter ("Denied") 55 ms walking the account's log, 0.06 ms from
// (accountId, outcome, createdAt, id).
import { describe, expect, it } from "vitest";
import { db, dbKind } from "@/lib/core/db";

type PlanRow = { detail: string };

async function planOf(sql: string, args: unknown[]): Promise<string> {
  const rows = await db.$queryRawUnsafe<PlanRow[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
  return rows.map((r) => r.detail).join(" | ");
}

function expectIndexOnly(plan: string, index: string) {
  expect(plan).toContain(`USING COVERING INDEX ${index}`);
  expect(plan).not.toContain("TEMP B-TREE");
}

/** A page read forwards and backwards along `index` (the range `search`), never sorted. */
async function expectPagesInIndexOrder(page: (dir: "ASC" | "DESC") => string, args: unknown[], index: string, search = "accountId=?") {
  for (const dir of ["ASC", "DESC"] as const) {
    const plan = await planOf(page(dir), args);
    expect(plan).toContain(`USING INDEX ${index} (${search})`);
    expect(plan).not.toContain("TEMP B-TREE");
  }
}

describe.runIf(dbKind() === "sqlite")("list totals are counted from an index alone", () => {
  const sessions = (where: string, order: string) =>
    `SELECT COUNT(*) FROM (SELECT "CallSession"."id" FROM "CallSession" WHERE ("CallSession"."accountId" = ? AND "CallSession"."applicationId" = ?${where}) ORDER BY ${order} LIMIT ? OFFSET ?) AS "sub"`;

  it.each([
    ["first page (started, newest first)", "", `"CallSession"."startedAt" DESC, "CallSession"."id" DESC`, [], "CallSession_applicationId_accountId_startedAt_id_idx"],
    ["filtered by status", ` AND "CallSession"."status" = ?`, `"CallSession"."startedAt" DESC, "CallSession"."id" DESC`, ["no_answer"], "CallSession_applicationId_accountId_status_startedAt_idx"],
    ["sorted by duration", "", `"CallSession"."durationSeconds" DESC, "CallSession"."id" DESC`, [], "CallSession_applicationId_accountId_durationSeconds_id_idx"],
    ["sorted by cost", "", `"CallSession"."costMinor" ASC, "CallSession"."id" ASC`, [], "CallSession_applicationId_accountId_costMinor_id_idx"],
  ])("an application's call history, %s", async (_name, where, order, extra, index) => {
    expectIndexOnly(await planOf(sessions(where, order), [1, 1, ...extra, 10_001, 0]), index);
  });

  it("GetCallHistory's exact total of an application in a date range", async () => {
    const sql = `SELECT COUNT(*) FROM (SELECT "CallSession"."id" FROM "CallSession" WHERE ("CallSession"."accountId" = ? AND "CallSession"."applicationId" = ? AND "CallSession"."startedAt" >= ? AND "CallSession"."startedAt" < ?) LIMIT ? OFFSET ?) AS "sub"`;
    const plan = await planOf(sql, [1, 1, "2026-01-01T00:00:00.000+00:00", "2026-04-01T00:00:00.000+00:00", -1, 0]);
    expectIndexOnly(plan, "CallSession_applicationId_accountId_startedAt_id_idx");
  });

  it("the account's numbers in a country", async () => {
    const sql = `SELECT COUNT(*) FROM (SELECT "PhoneNumber"."id" FROM "PhoneNumber" WHERE ("PhoneNumber"."accountId" = ? AND "PhoneNumber"."status" IN (?,?) AND "PhoneNumber"."countryCode" IN (?)) LIMIT ? OFFSET ?) AS "sub"`;
    expectIndexOnly(await planOf(sql, [1, "active", "blocked", "GB", -1, 0]), "PhoneNumber_accountId_countryCode_number_status_idx");
  });
});

describe.runIf(dbKind() === "sqlite")("the account's held numbers are read in their sort's index order", () => {
  // everyHeldPage's inner page (lib/domains/phone-numbers/queries.ts); Prisma's filtered path
  // orders the same way.
  const page = (order: string) =>
    `SELECT "id", "number", "label" FROM "PhoneNumber" WHERE "accountId" = ? AND "status" IN ('active', 'blocked') ORDER BY ${order} LIMIT ? OFFSET ?`;

  it.each([
    ["countryCode", `"countryCode" %s, "number" %s`, "PhoneNumber_accountId_countryCode_number_status_idx"],
    ["monthlyPriceMinor", `"monthlyPriceMinor" %s, "id" %s`, "PhoneNumber_accountId_monthlyPriceMinor_id_idx"],
    ["nextRenewalAt", `"nextRenewalAt" %s, "id" %s`, "PhoneNumber_accountId_nextRenewalAt_id_idx"],
    ["purchasedAt", `"purchasedAt" %s, "id" %s`, "PhoneNumber_accountId_purchasedAt_id_idx"],
    ["id", `"id" %s`, "PhoneNumber_accountId_id_idx"],
  ])("sorted by %s, both directions", async (_sort, order, index) => {
    await expectPagesInIndexOrder((dir) => page(order.replaceAll("%s", dir)), [1, 20, 0], index);
  });
});

describe.runIf(dbKind() === "sqlite")("the audit log is read in its sort's index order", () => {
  // listAuditLog's page (lib/domains/audit-log/queries.ts), the shape Prisma 6.19 emits.
  const page = (order: string) =>
    `SELECT "AuditLog"."id", "AuditLog"."detail" FROM "AuditLog" WHERE "AuditLog"."accountId" = ? ORDER BY ${order} LIMIT ? OFFSET ?`;

  it.each([
    ["createdAt", `"AuditLog"."createdAt" %s, "AuditLog"."id" %s`, "AuditLog_accountId_createdAt_idx"],
    ["action", `"AuditLog"."action" %s, "AuditLog"."createdAt" %s, "AuditLog"."id" %s`, "AuditLog_accountId_action_createdAt_id_idx"],
    ["actorName", `"AuditLog"."actorName" %s, "AuditLog"."createdAt" %s, "AuditLog"."id" %s`, "AuditLog_accountId_actorName_createdAt_id_idx"],
  ])("sorted by %s, both directions", async (_sort, order, index) => {
    await expectPagesInIndexOrder((dir) => page(order.replaceAll("%s", dir)), [1, 20, 0], index);
  });
});

describe.runIf(dbKind() === "sqlite")("the audit log's capped total is counted from an index alone", () => {
  // listAuditLog's count (lib/domains/audit-log/queries.ts): up to COUNT_CAP + 1 in the page's order.
  const count = (where: string) =>
    `SELECT COUNT(*) FROM (SELECT "AuditLog"."id" FROM "AuditLog" WHERE ("AuditLog"."accountId" = ?${where}) ORDER BY "AuditLog"."createdAt" DESC, "AuditLog"."id" DESC LIMIT ? OFFSET ?) AS "sub"`;
  const DAYS = ["2026-01-01T00:00:00.000+00:00", "2026-02-01T00:00:00.000+00:00"];

  it.each([
    ["unfiltered", "", [], "AuditLog_accountId_createdAt_idx"],
    ["in a date range", ` AND "AuditLog"."createdAt" >= ? AND "AuditLog"."createdAt" < ?`, DAYS, "AuditLog_accountId_createdAt_idx"],
    ["by outcome", ` AND "AuditLog"."outcome" = ?`, ["denied"], "AuditLog_accountId_outcome_createdAt_id_idx"],
    ["by outcome in a date range", ` AND "AuditLog"."outcome" = ? AND "AuditLog"."createdAt" >= ? AND "AuditLog"."createdAt" < ?`, ["denied", ...DAYS], "AuditLog_accountId_outcome_createdAt_id_idx"],
    ["changes only", ` AND "AuditLog"."routine" = ?`, [0], "AuditLog_accountId_routine_createdAt_idx"],
  ])("%s", async (_name, where, extra, index) => {
    expectIndexOnly(await planOf(count(where), [1, ...extra, 10_001, 0]), index);
  });
});

describe.runIf(dbKind() === "sqlite")("an application's numbers are read in their sort's index order and counted from the index", () => {
  // listApplicationNumbers (lib/domains/phone-numbers/queries.ts), the shape Prisma 6.19 emits.
  const WHERE = `"PhoneNumber"."accountId" = ? AND "PhoneNumber"."applicationId" = ? AND "PhoneNumber"."status" IN (?,?)`;
  const page = (order: string) => `SELECT "PhoneNumber"."id", "PhoneNumber"."label" FROM "PhoneNumber" WHERE (${WHERE}) ORDER BY ${order} LIMIT ? OFFSET ?`;
  const args = [1, 1, "active", "blocked", 20, 0];

  it("by renewal date, both directions: one index range", async () => {
    await expectPagesInIndexOrder(
      (dir) => page(`"PhoneNumber"."nextRenewalAt" ${dir}, "PhoneNumber"."id" ${dir}`),
      args,
      "PhoneNumber_accountId_applicationId_nextRenewalAt_id_idx",
      "accountId=? AND applicationId=?",
    );
  });

  it("by number, both directions: one range per held status, each already in number order", async () => {
    // SQLite merges the ranges through a sorter that stops each at the page's LIMIT (0.15-0.3 ms
    // for 40,000 numbers), so the plan names a temporary B-tree; it never sorts the application.
    for (const dir of ["ASC", "DESC"]) {
      const plan = await planOf(page(`"PhoneNumber"."number" ${dir}, "PhoneNumber"."id" ${dir}`), args);
      expect(plan).toContain("USING INDEX PhoneNumber_accountId_applicationId_status_number_idx (accountId=? AND applicationId=? AND status=?)");
    }
  });

  it("the total", async () => {
    const sql = `SELECT COUNT(*) FROM (SELECT "PhoneNumber"."id" FROM "PhoneNumber" WHERE (${WHERE}) LIMIT ? OFFSET ?) AS "sub"`;
    expectIndexOnly(await planOf(sql, [1, 1, "active", "blocked", -1, 0]), "PhoneNumber_accountId_applicationId_status_number_idx");
  });
});
