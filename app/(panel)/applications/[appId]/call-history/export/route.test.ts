import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (appId: string | number, query = "") =>
  GET(new Request(`http://test/applications/${appId}/call-history/export${query}`), { params: Promise.resolve({ appId: String(appId) }) });
const HEADER = "call_id,start_time_utc,duration_seconds,direction,from,to,rule,status,cost";

const row = (accountId: number, applicationId: number, startedAt: Date) =>
  db.callSession.create({
    data: { accountId, applicationId, initiator: "inbound", direction: "inbound", fromNumber: "+447700900123", toNumber: "+14155550100", ruleName: "support", status: "completed", startedAt, plannedEndAt: startedAt, durationSeconds: 5, costMinor: 7 },
  });

describe("GET /applications/[appId]/call-history/export", () => {
  let acct: TestAccount;
  let appId: number;
  let mine: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "exported" } })).id;
    const sibling = (await db.application.create({ data: { accountId: acct.id, name: "sibling" } })).id;
    mine = (await row(acct.id, appId, new Date("2026-06-01T08:00:00Z"))).id;
    await row(acct.id, sibling, new Date("2026-06-01T09:00:00Z"));
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a session", async () => {
    expect((await get(appId)).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.call_history_downloads");
    it(`as ${role}: ${allowed ? "a CSV attachment" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get(appId);
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="call-history-exported-\d{4}-\d{2}-\d{2}\.csv"$/);
        expect(res.headers.get("cache-control")).toBe("private, no-store");
        // This application's sessions only, not its sibling's.
        expect(await res.text()).toBe(`${HEADER}\r\n${mine},2026-06-01T08:00:00.000Z,5,inbound,+447700900123,+14155550100,support,completed,0.07\r\n`);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only .* can use/);
      }
    });
  }

  it("follows the page's filters", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    expect(await (await get(appId, "?status=failed")).text()).toBe(`${HEADER}\r\n`);
    expect(await (await get(appId, "?q=%2B447700900123")).text()).toContain(`${mine},`);
  });

  it("another account's application and garbage ids are 404", async () => {
    const other = await createTestAccount();
    const theirs = await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    for (const id of [theirs.id, "0", "abc", "1e3", "999999999"]) expect((await get(id)).status, String(id)).toBe(404);
  });
});
