import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (qs = "") => GET(new Request(`http://test/logs/export${qs ? `?${qs}` : ""}`));
const lines = async (res: Response) => (await res.text()).split("\r\n").filter(Boolean);

const HEADER = "id,time_utc,actor_type,actor,action,target_type,target_id,outcome,ip,description,detail";
const T0 = Date.UTC(2026, 2, 1, 12);

describe("GET /logs/export", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    const other = await createTestAccount();
    const row = (accountId: number, action: string, detail: object, outcome: string, routine: boolean, hours: number) =>
      db.auditLog.create({
        data: { accountId, actorType: "subuser", actorId: "1", actorName: "alice", action, targetType: "application", targetId: "9", detail: JSON.stringify(detail), outcome, routine, ip: "10.0.0.1", createdAt: new Date(T0 + hours * 3_600_000) },
      });
    await row(acct.id, "application.create", { name: "sales-2" }, "ok", false, 0);
    await row(acct.id, "api.call", { method: "DelSubUser" }, "denied", true, 24);
    await row(acct.id, "application.delete", { name: "sales" }, "ok", false, 48);
    await row(other.id, "application.create", { name: "theirs" }, "ok", false, 1);
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a session", async () => {
    expect((await get()).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "logs");
    it(`as ${role}: ${allowed ? "the account's log as CSV" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="audit-log-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
        const [header, ...rows] = await lines(res);
        expect(header).toBe(HEADER);
        expect(rows).toHaveLength(3);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only .* can use/);
      }
    });
  }

  it("newest first, each row as the page shows it; filters by text, UTC days, outcome and kind", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const rows = async (qs: string) => (await lines(await get(qs))).slice(1);
    const all = await rows("");
    expect(all.map((l) => l.split(",")[4])).toEqual(["application.delete", "api.call", "application.create"]);
    expect(all[0]).toMatch(/^\d+,2026-03-03T12:00:00\.000Z,subuser,alice,application\.delete,application,9,ok,10\.0\.0\.1,Subuser alice deleted the application sales,name: sales$/);
    expect(all[2]).toMatch(/,Subuser alice created the application sales-2,name: sales-2$/);
    expect(all.join("\n")).not.toContain("theirs");
    const actions = async (qs: string) => (await rows(qs)).map((l) => l.split(",")[4]);
    expect(await actions("outcome=denied")).toEqual(["api.call"]);
    expect(await actions("kind=changes")).toEqual(["application.delete", "application.create"]);
    expect(await actions("kind=access")).toEqual(["api.call"]);
    expect(await actions("q=SALES")).toEqual(["application.delete", "application.create"]);
    expect(await actions("q=sales-2")).toEqual(["application.create"]);
    expect(await actions("from=2026-03-02&to=2026-03-02")).toEqual(["api.call"]);
    expect(await actions("to=2026-02-28")).toEqual([]);
  });

  it("refuses a filter the page would not produce (400 naming it) instead of exporting something else", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const bad = await get("from=2026-02-30");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999).");
    const inverted = await get("from=2026-03-02&to=2026-03-01");
    expect(await inverted.text()).toBe("The end date is before the start date.");
    const outcome = await get("outcome=nope");
    expect(outcome.status).toBe(400);
    expect(await outcome.text()).toBe("Unknown outcome “nope”: use one of ok, denied, failed.");
    expect(await (await get("kind=everything")).text()).toBe("Unknown kind “everything”: use one of changes, access.");
    const long = await get(`q=${"x".repeat(101)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toBe("Filter is too long.");
  });
});
