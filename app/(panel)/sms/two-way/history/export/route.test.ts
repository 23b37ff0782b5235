import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (qs = "") => GET(new Request(`http://test/sms/two-way/history/export${qs ? `?${qs}` : ""}`));
const lines = async (res: Response) => (await res.text()).split("\r\n").filter(Boolean);

const HEADER = "message_id,time_utc,direction,from,to,status,status_time_utc,encoding,segments,cost,currency,error";
const LINE = "+14155550100";

/** Two-way messages written straight to the table: final long ago, so their statuses are fixed. */
async function seed(accountId: number) {
  const at = (iso: string) => new Date(iso);
  const row = (o: { dir: "in" | "out"; other: string; text: string; outcome: string; when: string; cost?: number }) => ({
    accountId,
    kind: "two_way",
    direction: o.dir,
    source: o.dir === "out" ? LINE : o.other,
    destination: o.dir === "out" ? o.other : LINE,
    text: o.text,
    encoding: "GSM7",
    segments: 1,
    sentAt: at(o.when),
    finalAt: at(o.when),
    outcome: o.outcome,
    errorMessage: o.outcome === "failed" ? "Undeliverable" : "",
    costMinor: o.cost ?? 0,
    createdAt: at(o.when),
  });
  await db.smsMessage.createMany({
    data: [
      row({ dir: "out", other: "+447700900001", text: "=HYPERLINK(1)", outcome: "delivered", when: "2026-03-01T10:00:00Z", cost: 4 }),
      row({ dir: "in", other: "+447700900001", text: "hi back", outcome: "received", when: "2026-03-01T10:01:00Z" }),
      row({ dir: "out", other: "+4930123456", text: "guten tag", outcome: "failed", when: "2026-03-02T23:59:59Z", cost: 5 }),
      row({ dir: "out", other: "+447700900002", text: "later", outcome: "delivered", when: "2026-03-03T00:00:00Z", cost: 4 }),
    ],
  });
  // Another kind and another account: never in this export.
  await db.smsMessage.create({ data: { ...row({ dir: "out", other: "+447700900009", text: "a2p", outcome: "delivered", when: "2026-03-01T12:00:00Z" }), kind: "a2p" } });
}

describe("GET /sms/two-way/history/export", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await seed(acct.id);
    const other = await createTestAccount();
    await seed(other.id);
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a session", async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("message_id");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "sms.two_way_history");
    it(`as ${role}: ${allowed ? "the account's two-way messages as CSV" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toBe(`attachment; filename="sms-two-way-${acct.name}-${new Date().toISOString().slice(0, 10)}.csv"`);
        const [header, ...rows] = await lines(res);
        expect(header).toBe(`${HEADER},text`);
        expect(rows).toHaveLength(4);
      } else {
        expect(res.status).toBe(403);
        const body = await res.text();
        expect(body).toMatch(/^Only .* can use/);
        expect(body).not.toContain("message_id");
      }
    });
  }

  it("the rows, newest first by default: times in UTC, amounts in major units, formulas neutralised", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const ids = (await db.smsMessage.findMany({ where: { accountId: acct.id, kind: "two_way" }, orderBy: { createdAt: "desc" }, select: { id: true } })).map((m) => m.id);
    expect((await lines(await get())).slice(1)).toEqual([
      `${ids[0]},2026-03-03T00:00:00.000Z,out,${LINE},+447700900002,delivered,2026-03-03T00:00:00.000Z,GSM7,1,0.04,USD,,later`,
      `${ids[1]},2026-03-02T23:59:59.000Z,out,${LINE},+4930123456,failed,2026-03-02T23:59:59.000Z,GSM7,1,0.05,USD,Undeliverable,guten tag`,
      `${ids[2]},2026-03-01T10:01:00.000Z,in,+447700900001,${LINE},received,2026-03-01T10:01:00.000Z,GSM7,1,0.00,USD,,hi back`,
      `${ids[3]},2026-03-01T10:00:00.000Z,out,${LINE},+447700900001,delivered,2026-03-01T10:00:00.000Z,GSM7,1,0.04,USD,,'=HYPERLINK(1)`,
    ]);
  });

  it("honours the page's filters: direction, status, number, the UTC day range (to inclusive) and the sort", async () => {
    session.actor = asPanel(await acct.actor("Accountant"));
    const texts = async (qs: string) => (await lines(await get(qs))).slice(1).map((l) => l.split(",").at(-1));
    expect(await texts("direction=in")).toEqual(["hi back"]);
    expect(await texts("status=failed")).toEqual(["guten tag"]);
    expect(await texts("status=delivered&dir=asc")).toEqual(["'=HYPERLINK(1)", "later"]);
    expect(await texts("q=7700900001")).toEqual(["hi back", "'=HYPERLINK(1)"]);
    expect(await texts("from=2026-03-02&to=2026-03-02")).toEqual(["guten tag"]);
    expect(await texts("from=2026-03-03")).toEqual(["later"]);
    expect(await texts("to=2026-03-01&dir=asc")).toEqual(["'=HYPERLINK(1)", "hi back"]);
    // Stale or forged values are dropped, never a 500; the page is ignored (the whole filtered list).
    expect(await texts("status=bogus&direction=sideways&from=2026-02-30&page=9&size=10")).toHaveLength(4);
  });

  it("has no text column for a ProvisioningAgent child account (seed 004)", async () => {
    const child = await createTestAccount();
    await seed(child.id);
    await db.account.update({ where: { id: child.id }, data: { childRole: "ProvisioningAgent" } });
    session.actor = asPanel(await child.actor("MainAccount"));
    const [header, ...rows] = await lines(await get());
    expect(header).toBe(HEADER);
    expect(rows).toHaveLength(4);
    expect(rows.join("\n")).not.toMatch(/HYPERLINK|hi back|guten|later/);
  });
});
