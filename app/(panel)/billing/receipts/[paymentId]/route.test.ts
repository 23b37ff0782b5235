// A top-up's receipt as a PDF: a real PDF, the actor's own account's succeeded payments only,
// section billing enforced.
// Threat: a receipt (name, email, amounts) of another account reached by guessing its id.
import { PDFDocument } from "pdf-lib";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { createTopUp } from "@/lib/domains/billing/mutations";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");


const get = (paymentId: string | number) => GET(new Request(`http://panel.test/billing/receipts/${paymentId}`), { params: Promise.resolve({ paymentId: String(paymentId) }) });
const card = (cardNumber: string) => ({ cardNumber, expiry: "12/99", cvc: "123" });

describe("GET /billing/receipts/[paymentId]", () => {
  let acct: TestAccount;
  let paid: { id: number; receiptNumber: string | null };
  let declined: number;
  let theirs: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    paid = await createTopUp(owner, { amountMinor: 25_00, ...card("4242424242424242") });
    declined = (await createTopUp(owner, { amountMinor: 25_00, ...card("4000000000000002") })).id;
    const other = await createTestAccount();
    theirs = (await createTopUp(await other.actor("MainAccount"), { amountMinor: 25_00, ...card("4242424242424242") })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    expect((await get(paid.id)).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "billing");
    it(`${role}: ${allowed ? "downloads the receipt, a PDF" : "403"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get(paid.id);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (!allowed) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="receipt-${paid.receiptNumber}.pdf"; filename*=UTF-8''receipt-${paid.receiptNumber}.pdf`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      expect((await PDFDocument.load(bytes)).getTitle()).toBe(`Receipt ${paid.receiptNumber}`);
    });
  }

  it("another account's payment, a declined one, a missing or malformed id: 404, no PDF", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    for (const id of [theirs, declined, 987654321, "abc", "1e3", "-1"]) {
      const res = await get(id);
      expect(res.status, String(id)).toBe(404);
      expect(res.headers.get("content-type"), String(id)).toBe("text/plain; charset=utf-8");
    }
  });
});
