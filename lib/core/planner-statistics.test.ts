// The SQLite planner's statistics (refreshPlannerStatistics): without them, an application's call
// history in a date range was read along the account's index; with them, along the application's.
// On a throwaway database of its own, so the suite's shared one keeps the plans other tests check.
import { afterAll, describe, expect, it } from "vitest";
import { createClient, dbKind, type Db } from "./db";
import { refreshPlannerStatistics } from "./planner-statistics";
import { createThrowawayDatabase } from "@/test/databases";
import { FIRST_DRIVER_RUN } from "@/test/drivers";

// sessionsInRange's page (lib/domains/calls/queries.ts) for one application and a date range.
const PAGE = `SELECT s."id", s."ruleName", a."name" FROM "CallSession" s JOIN "Application" a ON a."id" = s."applicationId" AND a."accountId" = s."accountId"
  WHERE s."accountId" = ? AND s."applicationId" = ? AND s."startedAt" >= ? AND s."startedAt" < ? ORDER BY s."startedAt" ASC, s."id" ASC LIMIT 20 OFFSET 0`;

describe.runIf(dbKind() === "sqlite" && FIRST_DRIVER_RUN)("SQLite planner statistics", () => {
  const scratch: { dispose(): Promise<void> }[] = [];
  let client: Db | undefined;
  afterAll(async () => {
    await client?.$disconnect();
    for (const s of scratch) await s.dispose();
  });

  it("are gathered by refreshPlannerStatistics, after which a small application's page is read along its own index", { timeout: 60_000 }, async () => {
    const s = await createThrowawayDatabase("sqlite", "planner-statistics");
    scratch.push(s);
    client = createClient(s.url);
    const account = await client.account.create({ data: { name: "stats", email: "stats@test.local", passwordHash: "x" } });
    const [big, small] = await Promise.all(["big", "small"].map((name) => client!.application.create({ data: { accountId: account.id, name } })));
    const base = Date.UTC(2026, 0, 1);
    const session = (applicationId: number, i: number) => {
      const startedAt = new Date(base + i * 60_000);
      return { accountId: account.id, applicationId, initiator: "api", direction: "outbound", fromNumber: "+12125550100", toNumber: "+12125550101", status: "completed", startedAt, plannedEndAt: startedAt };
    };
    await client.callSession.createMany({ data: Array.from({ length: 4000 }, (_, i) => session(big!.id, i)) });
    await client.callSession.createMany({ data: Array.from({ length: 5 }, (_, i) => session(small!.id, i * 700)) });
    const plan = async () => {
      const rows = await client!.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${PAGE}`, account.id, small!.id, "2026-01-01T00:00:00.000+00:00", "2026-02-01T00:00:00.000+00:00");
      return rows.map((r) => r.detail).join(" | ");
    };
    // SQLite's guess without statistics: the account's index, every session of the account looked up.
    expect(await plan()).toContain("USING INDEX CallSession_accountId_startedAt_id_idx");

    await refreshPlannerStatistics(client);
    const stats = await client.$queryRawUnsafe<{ idx: string }[]>(`SELECT "idx" FROM "sqlite_stat1" WHERE "tbl" = 'CallSession'`);
    expect(stats.map((r) => r.idx)).toContain("CallSession_applicationId_accountId_startedAt_id_idx");
    expect(await plan()).toContain("USING INDEX CallSession_applicationId_accountId_startedAt_id_idx (applicationId=? AND accountId=? AND startedAt>? AND startedAt<?)");
    // Nothing changed since: a second run is a no-op, and harmless.
    await refreshPlannerStatistics(client);
  });
});

describe("planner statistics on PostgreSQL", () => {
  it("are left to its autovacuum: nothing is sent", async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error("no statement expected"); } }) as Db;
    await expect(refreshPlannerStatistics(untouchable, "postgres")).resolves.toBeUndefined();
  });
});
