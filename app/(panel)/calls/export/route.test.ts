import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureCallApp } from "@/lib/domains/calls/call-fixtures";
import { EXPORT_BATCH } from "@/lib/domains/calls/queries";
import { TWO_STEP_DUE_REFUSAL } from "@/lib/access/two-step-due";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (query = "") => GET(new Request(`http://panel.test/calls/export${query}`));
const HEADER = "call_id,start_time_utc,duration_seconds,application,direction,from,to,rule,status,cost";

/** A finished session row as the simulator leaves it (the export reads rows; it does not care who wrote them). */
async function sessionRow(accountId: number, applicationId: number, at: Date, more: { status?: string; direction?: string; fromNumber?: string; ruleName?: string; costMinor?: number; durationSeconds?: number } = {}) {
  return db.callSession.create({
    data: {
      accountId,
      applicationId,
      initiator: "panel",
      direction: more.direction ?? "outbound",
      fromNumber: more.fromNumber ?? "+14155550100",
      toNumber: "+12125550199",
      ruleName: more.ruleName ?? "",
      status: more.status ?? "completed",
      startedAt: at,
      plannedEndAt: at,
      endedAt: at,
      durationSeconds: more.durationSeconds ?? 62,
      costMinor: more.costMinor ?? 123,
    },
  });
}

describe("GET /calls/export", () => {
  let acct: TestAccount;
  let appName: string;
  let ids: number[];
  beforeAll(async () => {
    acct = await createTestAccount();
    const app = await fixtureCallApp(acct.id);
    appName = app.name;
    const a = await sessionRow(acct.id, app.id, new Date("2026-05-01T10:00:00Z"));
    const b = await sessionRow(acct.id, app.id, new Date("2026-05-02T10:00:00Z"), { status: "no_answer", costMinor: 0, durationSeconds: 0 });
    // A spreadsheet formula in a field must arrive as text.
    const c = await sessionRow(acct.id, app.id, new Date("2026-05-03T10:00:00Z"), { direction: "inbound", fromNumber: "=HYPERLINK(1)", ruleName: "inbound calls" });
    ids = [a.id, b.id, c.id];
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers a subuser that must set up two-step verification first with 403 saying so, not naming roles it holds", async () => {
    session.actor = { ...asPanel(await acct.actor("Developer")), roles: [], twoStepDue: true };
    const res = await get();
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(TWO_STEP_DUE_REFUSAL);
  });

  it("answers 401 without a live session", async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("call_id");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "calls.downloads");
    it(`${role}: ${allowed ? "downloads the CSV" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      const body = await res.text();
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="calls-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
        expect(body.split("\r\n")[0]).toBe(HEADER);
      } else {
        expect(res.status).toBe(403);
        expect(body).toMatch(/^Only the account owner, .* can use “All call downloads”\.$/);
        expect(body).not.toContain("call_id");
      }
    });
  }

  it("holds the account's sessions, newest first, with formulas neutralised", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    const body = await (await get()).text();
    expect(body).toBe(
      [
        HEADER,
        `${ids[2]},2026-05-03T10:00:00.000Z,62,${appName},inbound,'=HYPERLINK(1),+12125550199,inbound calls,completed,1.23`,
        `${ids[1]},2026-05-02T10:00:00.000Z,0,${appName},outbound,+14155550100,+12125550199,,no_answer,0.00`,
        `${ids[0]},2026-05-01T10:00:00.000Z,62,${appName},outbound,+14155550100,+12125550199,,completed,1.23`,
        "",
      ].join("\r\n"),
    );
  });

  it("follows the list's filters in the URL", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    const lines = async (q: string) => (await (await get(q)).text()).trim().split("\r\n").slice(1).map((l) => Number(l.split(",")[0]));
    expect(await lines("?status=no_answer")).toEqual([ids[1]]);
    expect(await lines("?from=2026-05-02&to=2026-05-03")).toEqual([ids[1]]);
    expect(await lines("?direction=inbound")).toEqual([ids[2]]);
    expect(await lines("?minDuration=1")).toEqual([ids[2], ids[0]]);
  });

  it("holds every session once, newest first, across the export's read batches, when many start at one moment", async () => {
    const many = await createTestAccount();
    const app = await fixtureCallApp(many.id);
    // Three sessions a second, so batch boundaries fall inside a moment and the keyset must order by id there.
    const start = Date.parse("2026-06-01T00:00:00Z");
    const rows = Array.from({ length: 2 * EXPORT_BATCH + 7 }, (_, i) => {
      const at = new Date(start + Math.floor(i / 3) * 1000);
      return { accountId: many.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "+14155550100", toNumber: "+12125550199", status: "completed", startedAt: at, plannedEndAt: at };
    });
    await db.callSession.createMany({ data: rows });
    const expected = (await db.callSession.findMany({ where: { accountId: many.id }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
    session.actor = asPanel(await many.actor(OWNER_ROLE));
    const got = (await (await get()).text()).trim().split("\r\n").slice(1).map((l) => Number(l.split(",")[0]));
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBe(rows.length);
  });

  it("never holds another account's sessions", async () => {
    const other = await createTestAccount();
    session.actor = asPanel(await other.actor(OWNER_ROLE));
    expect(await (await get()).text()).toBe(`${HEADER}\r\n`);
  });
});
