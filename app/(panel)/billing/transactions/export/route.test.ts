// The Transactions CSV: exactly the rows the tab's filters show (kinds, UTC day range, search),
// the account's own only, amounts as exact decimals in the account's currency; the section is
// enforced (401 without a session, 403 without Billing).
// Threat: a download reaching another account's ledger, or a principal without Billing.
import { parse } from "csv-parse/sync";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");


const get = (query = "") => GET(new Request(`http://panel.test/billing/transactions/export${query}`));
const rowsOf = async (res: Response) => parse(await res.text(), { columns: true }) as Record<string, string>[];
const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00Z`);

describe("GET /billing/transactions/export", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await db.account.update({ where: { id: acct.id }, data: { currency: "EUR" } });
    await db.ledgerEntry.createMany({
      data: [
        { accountId: acct.id, amountMinor: 50_00, kind: "topup", memo: "Top-up R-2026-000001", referenceType: "payment", referenceId: "1", createdAt: day("2026-03-01", 0) },
        { accountId: acct.id, amountMinor: -1_50, kind: "sms", memo: "SMS to +4915112345678", createdAt: day("2026-03-02") },
        { accountId: acct.id, amountMinor: -29, kind: "sms", memo: "=HYPERLINK(\"http://evil\")", createdAt: day("2026-03-31", 23) },
        { accountId: acct.id, amountMinor: -3_00, kind: "number_rent", memo: "rent", createdAt: day("2026-04-01", 0) },
        { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "Top-up R-2026-000002", createdAt: day("2026-02-28", 23) },
      ],
    });
    const other = await createTestAccount();
    await db.ledgerEntry.create({ data: { accountId: other.id, amountMinor: 999_00, kind: "topup", memo: "someone else's", createdAt: day("2026-03-05") } });
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    const res = await get();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("amount");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "billing");
    it(`${role}: ${allowed ? "downloads the account's ledger" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get();
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="transactions-acct-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv"$/);
        expect((await rowsOf(res)).length).toBe(5);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only the account owner, .* can use/);
      }
    });
  }

  it("is exactly the filtered rows: kinds, an inclusive UTC day range, the search; newest first; exact decimals in the account's currency", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const res = await get("?kind=sms&kind=topup&from=2026-03-01&to=2026-03-31");
    const rows = await rowsOf(res);
    expect(Object.keys(rows[0]!)).toEqual(["id", "created_at_utc", "kind", "description", "amount", "currency", "reference_type", "reference_id"]);
    expect(rows.map((r) => [r.created_at_utc, r.kind, r.amount, r.currency])).toEqual([
      ["2026-03-31T23:00:00.000Z", "sms", "-0.29", "EUR"],
      ["2026-03-02T12:00:00.000Z", "sms", "-1.50", "EUR"],
      ["2026-03-01T00:00:00.000Z", "topup", "50.00", "EUR"],
    ]);
    expect(rows[2]).toMatchObject({ reference_type: "payment", reference_id: "1" });
    // A memo a spreadsheet would run as a formula is neutralized.
    expect(rows[0]!.description).toBe("'=HYPERLINK(\"http://evil\")");
    expect((await rowsOf(await get("?q=r-2026-000002"))).map((r) => r.amount)).toEqual(["10.00"]);
    expect((await rowsOf(await get("?kind=number_rent"))).map((r) => r.amount)).toEqual(["-3.00"]);
    expect(await rowsOf(await get("?kind=refund"))).toEqual([]);
    // Unknown kinds are no filter at all (as on the tab); never another account's rows.
    expect((await rowsOf(await get("?kind=bogus"))).map((r) => r.description)).not.toContain("someone else's");
  });

  it("a filter the tab would not produce is a 400, not a different export", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    for (const q of ["?from=2026-02-30", "?to=tomorrow", "?from=2026-03-05&to=2026-03-01", `?q=${"x".repeat(101)}`, "?q=%00"]) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.headers.get("content-type"), q).toBe("text/plain; charset=utf-8");
    }
  });
});
