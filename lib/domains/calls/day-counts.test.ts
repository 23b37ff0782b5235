// CallSessionDay: the database's triggers keep one row per account, application and UTC day in
// step with CallSession (insert, delete, a move to another day or application, a cascade), on
// every adapter; countSessionsByDay equals a plain count for every shape of range, and
// GetCallHistory's total_count is the same with and without the day rows' help, and
// sessionsInRange's total (the count folded into the page's statement) is the same count.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { seededRandom } from "@/lib/core/random";
import { createTestAccount } from "@/test/factories";
import { callAs, insertKey } from "@/test/api-kit";
import { countSessionsByDay, countsByDay, sessionsInRange } from "./queries";

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 2, 10); // a UTC midnight

async function accountWithApps() {
  const acct = await createTestAccount();
  const [a, b] = await Promise.all(["one", "two"].map((name) => db.application.create({ data: { accountId: acct.id, name } })));
  return { acct, a: a!.id, b: b!.id };
}

function session(accountId: number, applicationId: number, at: number) {
  const startedAt = new Date(at);
  return { accountId, applicationId, initiator: "api", direction: "outbound", fromNumber: "+12125550100", toNumber: "+12125550101", status: "completed", startedAt, plannedEndAt: startedAt };
}

/** The day rows of an account, without empty ones, as "app day count". */
async function dayRows(accountId: number): Promise<string[]> {
  const rows = await db.callSessionDay.findMany({ where: { accountId, sessions: { not: 0 } }, orderBy: [{ applicationId: "asc" }, { day: "asc" }] });
  return rows.map((r) => `${r.applicationId} ${r.day} ${r.sessions}`);
}

/** The same, counted from the sessions themselves. */
async function countedRows(accountId: number): Promise<string[]> {
  const sessions = await db.callSession.findMany({ where: { accountId }, select: { applicationId: true, startedAt: true } });
  const counts = new Map<string, number>();
  for (const s of sessions) {
    const k = `${s.applicationId} ${s.startedAt.toISOString().slice(0, 10)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts]
    .map(([k, n]) => `${k} ${n}`)
    .sort((x, y) => Number(x.split(" ")[0]) - Number(y.split(" ")[0]) || (x < y ? -1 : 1));
}

describe("CallSessionDay (database triggers)", () => {
  it("follows inserts, deletes, moves between days and applications, and cascades", async () => {
    const { acct, a, b } = await accountWithApps();
    // Midnight exactly, the last millisecond of a day, and the middle of one.
    await db.callSession.createMany({ data: [session(acct.id, a, BASE), session(acct.id, a, BASE + DAY - 1), session(acct.id, a, BASE + DAY + 5000), session(acct.id, b, BASE + 3 * DAY)] });
    const one = await db.callSession.create({ data: session(acct.id, b, BASE + 12 * 3600_000) });
    const d = (n: number) => new Date(BASE + n * DAY).toISOString().slice(0, 10);
    expect(await dayRows(acct.id)).toEqual([`${a} ${d(0)} 2`, `${a} ${d(1)} 1`, `${b} ${d(0)} 1`, `${b} ${d(3)} 1`]);

    await db.callSession.update({ where: { id: one.id }, data: { startedAt: new Date(BASE + 3 * DAY + 1) } });
    expect(await dayRows(acct.id)).toEqual([`${a} ${d(0)} 2`, `${a} ${d(1)} 1`, `${b} ${d(3)} 2`]);
    await db.callSession.update({ where: { id: one.id }, data: { applicationId: a } });
    expect(await dayRows(acct.id)).toEqual([`${a} ${d(0)} 2`, `${a} ${d(1)} 1`, `${a} ${d(3)} 1`, `${b} ${d(3)} 1`]);
    // Other columns leave the counts alone.
    await db.callSession.updateMany({ where: { accountId: acct.id }, data: { status: "failed", durationSeconds: 9 } });
    expect(await dayRows(acct.id)).toEqual(await countedRows(acct.id));

    await db.callSession.delete({ where: { id: one.id } });
    await db.callSession.deleteMany({ where: { accountId: acct.id, startedAt: { lt: new Date(BASE + DAY) } } });
    expect(await dayRows(acct.id)).toEqual([`${a} ${d(1)} 1`, `${b} ${d(3)} 1`]);

    await db.application.delete({ where: { id: b } });
    expect(await dayRows(acct.id)).toEqual([`${a} ${d(1)} 1`]);
    expect(await db.callSessionDay.count({ where: { applicationId: b } })).toBe(0);
  });
});

describe("countSessionsByDay", () => {
  it("equals a plain count for ranges open or closed, on midnights or not, within a day or across many", async () => {
    const { acct, a, b } = await accountWithApps();
    const random = seededRandom(11);
    const times = Array.from({ length: 240 }, () => BASE + Math.floor(random() * 30 * DAY));
    // Sessions on midnights exactly, where off-by-one errors live.
    times.push(BASE, BASE + DAY, BASE + 7 * DAY, BASE + 7 * DAY - 1);
    await db.callSession.createMany({ data: times.map((t, i) => session(acct.id, i % 3 === 0 ? b : a, t)) });

    const edges = [undefined, BASE, BASE - DAY, BASE + DAY, BASE + 7 * DAY, BASE + 7 * DAY - 1, BASE + 7 * DAY + 1, BASE + 40 * DAY];
    for (let i = 0; i < 12; i++) edges.push(BASE + Math.floor(random() * 32 * DAY) - DAY);
    let checked = 0;
    for (const from of edges) {
      for (const to of edges) {
        for (const applicationId of [undefined, a, b]) {
          const filter = { ...(applicationId ? { applicationId } : {}), ...(from !== undefined ? { from: new Date(from) } : {}), ...(to !== undefined ? { to: new Date(to) } : {}) };
          const expected = await db.callSession.count({
            where: { accountId: acct.id, ...(applicationId ? { applicationId } : {}), startedAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } },
          });
          expect(await countSessionsByDay(acct.id, filter), JSON.stringify(filter)).toBe(expected);
          // Folded into the page's statement: the same count (null: the caller counts), pages empty or not.
          const folded = await sessionsInRange(acct.id, filter, "asc", checked % 2 ? 0 : 1000, 5, true);
          if (folded.total !== null) expect(folded.total, `folded ${JSON.stringify(filter)}`).toBe(expected);
          else expect(filter.from && filter.to && Math.floor(filter.to.getTime() / DAY) <= Math.ceil(filter.from.getTime() / DAY), JSON.stringify(filter)).toBe(true);
          expect(folded.rows).toHaveLength(checked % 2 ? Math.min(5, expected) : 0);
          checked++;
        }
      }
    }
    expect(checked).toBe(edges.length * edges.length * 3);
    // Another account's sessions on the same days never count.
    const other = await accountWithApps();
    await db.callSession.create({ data: session(other.acct.id, other.a, BASE + 2 * DAY) });
    expect(await countSessionsByDay(acct.id, {})).toBe(times.length);
  });

  it("is used only for an application and a time range", () => {
    expect(countsByDay({})).toBe(true);
    expect(countsByDay({ applicationId: 1, from: new Date(), to: new Date() })).toBe(true);
    expect(countsByDay({ from: new Date(), status: "completed" })).toBe(false);
    expect(countsByDay({ appUserIds: [1] })).toBe(false);
    expect(countsByDay({ maxSessionId: 5 })).toBe(false);
  });
});

describe("GetCallHistory total_count", () => {
  it("is the number of matching sessions, with or without a filter the day rows cannot answer", async () => {
    const { acct, a } = await accountWithApps();
    const random = seededRandom(5);
    await db.callSession.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ ...session(acct.id, a, BASE + Math.floor(random() * 10 * DAY)), status: i % 4 === 0 ? "failed" : "completed", customData: "tag" })) });
    const key = await insertKey(acct.id, ["Developer"]);
    const range = { from_date: "2026-03-11 06:30:00", to_date: "2026-03-18 00:00:00", application_id: String(a), count: "5" };
    const expected = await db.callSession.count({ where: { accountId: acct.id, startedAt: { gte: new Date("2026-03-11T06:30:00Z"), lt: new Date("2026-03-18T00:00:00Z") } } });
    expect(expected).toBeGreaterThan(10);
    const got = await callAs(key, "GetCallHistory", range);
    expect(got.body.total_count).toBe(expected);
    expect(got.body.result).toHaveLength(5);
    // A filter the day rows cannot answer is counted on the sessions: the same figure.
    const all = await callAs(key, "GetCallHistory", { ...range, call_session_history_custom_data: "tag" });
    expect(all.body.total_count).toBe(expected);
  });
});
