// A month's invoice as a PDF, from the actor's own ledger only, for a month the account has an
// invoice for; section billing enforced.
// Threat: another account's figures in an invoice, or an invoice for any month one can type.
import { PDFDocument } from "pdf-lib";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");


const get = (month: string) => GET(new Request(`http://panel.test/billing/invoices/${month}`), { params: Promise.resolve({ month }) });

describe("GET /billing/invoices/[month]", () => {
  let acct: TestAccount;
  let empty: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await db.ledgerEntry.createMany({
      data: [
        { accountId: acct.id, amountMinor: 40_00, kind: "topup", memo: "in", createdAt: new Date("2026-01-10T00:00:00Z") },
        { accountId: acct.id, amountMinor: -2_00, kind: "number_rent", memo: "rent", createdAt: new Date("2026-01-20T00:00:00Z") },
      ],
    });
    empty = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    expect((await get("202601")).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "billing");
    it(`${role}: ${allowed ? "downloads the month's invoice, a PDF" : "403"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get("202601");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (!allowed) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain(`filename="invoice-INV-${acct.id}-202601.pdf"`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      expect((await PDFDocument.load(bytes)).getTitle()).toBe(`Invoice INV-${acct.id}-202601`);
    });
  }

  it("only the months the actor's own account has invoices for", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect((await get("202602")).status).toBe(200);
    for (const month of ["202512", "299901", "202613", "2026-1", "abc"]) expect((await get(month)).status, month).toBe(404);
    // Another account (no ledger at all) has no invoice for that month.
    session.actor = asPanel(await empty.actor("MainAccount"));
    expect((await get("202601")).status).toBe(404);
  });
});
