// sessionsInRange (GetCallHistory's page for an application and a time range, one raw statement)
// reads exactly the rows, order and values of the Prisma query it replaces, on every adapter:
// ties on the start time, both directions, offsets, open and closed ranges, the range's ends,
// nullable columns, and another account's sessions never read.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { seededRandom } from "@/lib/core/random";
import { createTestAccount } from "@/test/factories";
import type { CallFilter } from "./schemas";
import { sessionsInRange } from "./queries";

const BASE = Date.UTC(2026, 4, 1, 12);
const MINUTE = 60_000;

let accountId = 0;
let apps: { id: number; name: string }[] = [];

beforeAll(async () => {
  const acct = await createTestAccount();
  accountId = acct.id;
  apps = await Promise.all(["alpha", "beta"].map((name) => db.application.create({ data: { accountId, name }, select: { id: true, name: true } })));
  const rule = await db.rule.create({ data: { accountId, applicationId: apps[0]!.id, name: "inbound", pattern: ".*", position: 0 } });
  const user = await db.appUser.create({ data: { accountId, applicationId: apps[0]!.id, name: "caller", displayName: "Caller", passwordHash: "x" } });
  const random = seededRandom(7);
  const data = Array.from({ length: 60 }, (_, i) => {
    // Every third session shares its start time with the one before it (ties broken by id).
    const startedAt = new Date(BASE + Math.floor(i / 3) * 2 * MINUTE + (i % 3 === 2 ? 0 : (i % 3) * MINUTE));
    const ended = random() < 0.7;
    return {
      accountId,
      applicationId: apps[i % 2]!.id,
      ruleId: i % 4 === 0 ? rule.id : null,
      ruleName: i % 4 === 0 ? "inbound" : "",
      appUserId: i % 5 === 0 ? user.id : null,
      initiator: i % 2 ? "api" : "pstn",
      direction: i % 2 ? "outbound" : "inbound",
      fromNumber: `+1212555${String(1000 + i)}`,
      toNumber: "+12125550100",
      status: ended ? "completed" : "running",
      finishReason: ended ? "Normal" : "",
      startedAt,
      // A running row's planned end is far ahead: these rows have no stored run, so a call
      // scheduler ticking every account of this database (on PostgreSQL, one for every test
      // file) must never find them due.
      plannedEndAt: ended ? new Date(startedAt.getTime() + 90_000) : new Date(Date.UTC(2999, 0, 1)),
      endedAt: ended ? new Date(startedAt.getTime() + Math.floor(random() * 90_000)) : null,
      durationSeconds: ended ? Math.floor(random() * 90) : 0,
      costMinor: Math.floor(random() * 500),
      customData: i % 7 === 0 ? `order ${i}` : "",
    };
  });
  await db.callSession.createMany({ data });
  // Another account's sessions in the same minutes.
  const other = await createTestAccount();
  const otherApp = await db.application.create({ data: { accountId: other.id, name: "alpha" } });
  await db.callSession.createMany({ data: data.slice(0, 10).map((d) => ({ ...d, accountId: other.id, applicationId: otherApp.id, ruleId: null, appUserId: null })) });
});

/** The columns GetCallHistory's CallSessionInfoType shows. */
const COLUMNS = {
  id: true, applicationId: true, ruleName: true, initiator: true, appUserId: true, status: true, finishReason: true, startedAt: true, durationSeconds: true, customData: true,
  application: { select: { name: true } },
} as const;

/** The same page through Prisma, as sessionsInRange shapes it. */
async function prismaPage(filter: Pick<CallFilter, "applicationId" | "from" | "to">, dir: "asc" | "desc", skip: number, take: number) {
  const rows = await db.callSession.findMany({
    where: { accountId, applicationId: filter.applicationId, startedAt: { gte: filter.from, lt: filter.to } },
    select: COLUMNS,
    orderBy: [{ startedAt: dir }, { id: dir }],
    skip,
    take,
  });
  return {
    rows: rows.map((r) => {
      const columns: Partial<typeof r> = { ...r };
      delete columns.application;
      return columns;
    }),
    apps: new Map(rows.map((r) => [r.applicationId, r.application.name])),
  };
}

describe("sessionsInRange", () => {
  const at = (minutes: number) => new Date(BASE + minutes * MINUTE);
  const filters: [string, Pick<CallFilter, "applicationId" | "from" | "to">][] = [
    ["the whole account, no range", {}],
    ["one application, no range", { applicationId: 0 }],
    ["a range starting on a tie and ending on one (from inclusive, to exclusive)", { from: at(4), to: at(10) }],
    ["one application in a range", { applicationId: 1, from: at(3), to: at(33) }],
    ["an open end", { from: at(30) }],
    ["an open start", { applicationId: 0, to: at(21) }],
    ["an empty range", { from: at(500), to: at(600) }],
  ];

  it.each(filters)("reads the Prisma query's rows, order and values: %s", async (_, f) => {
    const filter = f.applicationId === undefined ? f : { ...f, applicationId: apps[f.applicationId]!.id };
    const expected = await prismaPage(filter, "desc", 0, 1000);
    if (_ !== "an empty range") expect(expected.rows.length).toBeGreaterThan(3);
    for (const dir of ["asc", "desc"] as const) {
      for (const [skip, take] of [[0, 1000], [0, 7], [5, 4], [expected.rows.length - 2, 20], [expected.rows.length + 3, 5]] as const) {
        const want = await prismaPage(filter, dir, Math.max(0, skip), take);
        const got = await sessionsInRange(accountId, filter, dir, Math.max(0, skip), take);
        expect(got.rows, `${dir} skip ${skip} take ${take}`).toEqual(want.rows);
        expect(got.apps).toEqual(want.apps);
        expect(got.total).toBeNull();
        // With the total folded into the same statement: the same page, and every match counted.
        const counted = await sessionsInRange(accountId, filter, dir, Math.max(0, skip), take, true);
        expect(counted.rows, `${dir} skip ${skip} take ${take}, with the total`).toEqual(want.rows);
        expect(counted.apps).toEqual(want.apps);
        // (These ranges lie inside one day: a closed one is counted by the caller, not folded.)
        expect(counted.total).toBe(filter.from && filter.to ? null : expected.rows.length);
      }
    }
  });

  it("reads none of another account's sessions, even by its application's id", async () => {
    const other = await db.callSession.findFirstOrThrow({ where: { accountId: { not: accountId }, customData: "order 0" }, select: { accountId: true, applicationId: true } });
    expect((await sessionsInRange(accountId, { applicationId: other.applicationId }, "asc", 0, 100)).rows).toEqual([]);
    const mine = await sessionsInRange(accountId, {}, "asc", 0, 1000);
    expect(mine.rows).toHaveLength(60);
    expect(new Set(mine.apps.values())).toEqual(new Set(["alpha", "beta"]));
  });
});
