import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { seededRandom } from "@/lib/core/random";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { sendA2P } from "@/lib/domains/sms/mutations";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (qs = "") => GET(new Request(`http://test/sms/one-way/history/export${qs ? `?${qs}` : ""}`));
const lines = async (res: Response) => (await res.text()).split("\r\n").filter(Boolean);

const HEADER = "message_id,batch_id,time_utc,sender,to,status,status_time_utc,encoding,segments,cost,currency,error";
const T0 = new Date(Date.UTC(2026, 2, 1, 12));

describe("GET /sms/one-way/history/export", () => {
  let acct: TestAccount;
  let batches: number[];
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 10_00);
    const owner = await acct.actor("MainAccount");
    const clock = (s: number) => ({ clock: () => new Date(T0.getTime() + s * 1000), random: seededRandom(s + 1) });
    const a = await sendA2P(owner, { sender: "Acme", destinations: ["+14155552222", "+14155550000"], text: "first" }, clock(0));
    const b = await sendA2P(owner, { sender: "Beta Shop", destinations: ["+447700902222"], text: "second" }, clock(86_400));
    batches = [a.batchId, b.batchId];
    // Another account's batch: never in this export.
    const other = await createTestAccount();
    await fixtureTopUp(other.id, 10_00);
    await sendA2P(await other.actor("MainAccount"), { sender: "Acme", destinations: ["+14155552222"], text: "theirs" }, clock(0));
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a session", async () => {
    expect((await get()).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "sms.one_way_history");
    it(`as ${role}: ${allowed ? "the account's one-way messages as CSV" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="sms-one-way-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
        const [header, ...rows] = await lines(res);
        expect(header).toBe(`${HEADER},text`);
        expect(rows).toHaveLength(3);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only .* can use/);
      }
    });
  }

  it("each destination's row with its batch, status and cost; filters by batch, sender, destination, status and UTC day", async () => {
    session.actor = asPanel(await acct.actor("Admin"));
    const rows = async (qs: string) => (await lines(await get(qs))).slice(1).map((l) => l.split(","));
    const all = await rows("dir=asc");
    expect(all.map((r) => [r[1], r[3], r[4], r[5], r.at(-1)])).toEqual([
      [String(batches[0]), "Acme", "+14155552222", "delivered", "first"],
      [String(batches[0]), "Acme", "+14155550000", "failed", "first"],
      [String(batches[1]), "Beta Shop", "+447700902222", "delivered", "second"],
    ]);
    expect(all[1]![11]).toMatch(/Undeliverable/);
    expect((await rows(`batch=${batches[1]}`)).map((r) => r[4])).toEqual(["+447700902222"]);
    expect((await rows("source=beta")).map((r) => r[4])).toEqual(["+447700902222"]);
    expect((await rows("q=0000")).map((r) => r[4])).toEqual(["+14155550000"]);
    expect((await rows("status=failed")).map((r) => r[4])).toEqual(["+14155550000"]);
    expect((await rows("from=2026-03-02&to=2026-03-02")).map((r) => r[4])).toEqual(["+447700902222"]);
    expect(await rows("to=2026-02-28")).toEqual([]);
  });

  it("has no text column for a ProvisioningAgent child account (seed 004)", async () => {
    await db.account.update({ where: { id: acct.id }, data: { childRole: "ProvisioningAgent" } });
    try {
      session.actor = asPanel(await acct.actor("MainAccount"));
      const [header, ...rows] = await lines(await get());
      expect(header).toBe(HEADER);
      expect(rows).toHaveLength(3);
      expect(rows.join("\n")).not.toMatch(/first|second/);
    } finally {
      await db.account.update({ where: { id: acct.id }, data: { childRole: null } });
    }
  });
});
