import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { Actor, PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const asPanel = (a: Actor): PanelActor =>
  ({ ...a, accountEmail: "x@test.local", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date(Date.now() + 3_600_000) }) as PanelActor;
const get = (appId: string | number) => GET(new Request(`http://test/applications/${appId}/call-history/export`), { params: Promise.resolve({ appId: String(appId) }) });

describe("GET /applications/[appId]/call-history/export", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "exported" } })).id;
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
        expect(await res.text()).toBe("call_id,start_time_utc,duration_seconds,direction,from,to,status,cost\r\n");
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only .* can use/);
      }
    });
  }

  it("another account's application and garbage ids are 404", async () => {
    const other = await createTestAccount();
    const theirs = await db.application.create({ data: { accountId: other.id, name: "theirs" } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    for (const id of [theirs.id, "0", "abc", "1e3", "999999999"]) expect((await get(id)).status, String(id)).toBe(404);
  });
});
