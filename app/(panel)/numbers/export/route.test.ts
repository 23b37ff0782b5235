// GET /numbers/export: the section is enforced (no session 401, without numbers.list 403) and
// the file holds exactly the account's numbers under the list's filter, formula cells
// neutralised. Threats: a download without the section; another tenant's numbers in the file.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { NextRequest } from "next/server";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS } from "@/test/factories";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel } from "@/lib/domains/phone-numbers/panel-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const get = (query = "") => GET({ nextUrl: new URL(`http://panel.test/numbers/export${query}`) } as NextRequest);
const HEADER = "number,label,country,region,category,application,sms_supported,sms_enabled,monthly_price,currency,purchased_at_utc,next_renewal_utc,auto_renew,status,blocked_reason";

describe("GET /numbers/export", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("number,");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "numbers.list");
    it(`${role}: ${allowed ? "downloads the CSV" : "403 naming the roles that would grant it"}`, async () => {
      const acct = await createTestAccount();
      await fixtureOwnNumber(acct.id);
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      const body = await res.text();
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="numbers-${acct.name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
        expect(body.split("\r\n")[0]).toBe(HEADER);
      } else {
        expect(res.status).toBe(403);
        expect(body).toMatch(/^Only the account owner, .* can use/);
        expect(body).not.toContain("number,");
      }
    });
  }

  it("holds the account's numbers under the list's filter, and nothing of another account", async () => {
    const [acct, other] = [await createTestAccount(), await createTestAccount()];
    const app = await db.application.create({ data: { accountId: acct.id, name: "sales" } });
    const [a, b] = [await fixtureOwnNumber(acct.id), await fixtureOwnNumber(acct.id)];
    await db.phoneNumber.update({ where: { id: a.id }, data: { applicationId: app.id, label: "=HYPERLINK(\"x\")", smsEnabled: true } });
    await db.phoneNumber.update({ where: { id: b.id }, data: { smsEnabled: false, status: "blocked", blockedReason: "unpaid" } });
    const theirs = await fixtureOwnNumber(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));

    const lines = async (q = "") => (await (await get(q)).text()).trim().split("\r\n").slice(1);
    const all = await lines();
    expect(all).toHaveLength(2);
    expect(all.join("\n")).not.toContain(theirs.number);
    const [rowA] = all.filter((l) => l.startsWith(a.number));
    // The E.164 number stays as it is; the label that would run as a formula is neutralised.
    expect(rowA).toContain(`${a.number},"'=HYPERLINK(""x"")",US,`);
    expect(rowA).toMatch(/,sales,true,true,1\.00,USD,/);

    expect(await lines(`?app=${app.id}`)).toHaveLength(1);
    expect((await lines("?app=none"))[0]).toContain(b.number);
    expect((await lines("?status=blocked"))[0]).toMatch(/,blocked,unpaid$/);
    expect(await lines("?sms=on")).toHaveLength(1);
    expect(await lines(`?q=${encodeURIComponent(b.number.slice(-7))}`)).toHaveLength(1);
    expect(await lines("?q=letters")).toHaveLength(0);
    expect(await lines("?country=GB")).toHaveLength(0);
    // Unknown filter values are no filter, never an error.
    expect(await lines("?status=gone&sms=maybe&app=x")).toHaveLength(2);
  });
});
