import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written (or charged). getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { sendSmsAction } = await import("./actions");


const GB = "+447700902222";

async function snapshot(accountId: number) {
  return {
    messages: await db.smsMessage.count({ where: { accountId } }),
    ledger: await db.ledgerEntry.count({ where: { accountId } }),
    audits: await changeRowCount(accountId),
  };
}

describe("two-way SMS server actions", () => {
  let acct: TestAccount;
  let from: { id: number; number: string };
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 20_00);
    from = await fixtureOwnNumber(acct.id);
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "sms.two_way");
    it(`sendSmsAction as ${role}: ${allowed ? "sent, charged, audited" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const before = await snapshot(acct.id);
      const r = await sendSmsAction({ phoneNumberId: from.id, destination: GB, text: "Hello" });
      if (allowed) {
        expect(r).toEqual({ ok: true, data: { id: expect.any(Number), segments: 1, costMinor: pricesForDestination(GB).smsOutboundPerSegmentMinor, destination: GB } });
        const after = await snapshot(acct.id);
        expect(after.audits).toBe(before.audits + 1);
        expect(after.ledger).toBe(before.ledger + 1);
        expect(after.messages).toBeGreaterThan(before.messages);
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("without a session it is refused and nothing is written", async () => {
    const before = await snapshot(acct.id);
    expect(await sendSmsAction({ phoneNumberId: from.id, destination: GB, text: "Hello" })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await sendSmsAction({ phoneNumberId: from.id, destination: "12345", text: "Hello" })).toEqual({ ok: false, fieldErrors: { destination: expect.stringContaining("international format") } });
    expect(await sendSmsAction({ phoneNumberId: from.id, destination: GB, text: "" })).toEqual({ ok: false, fieldErrors: { text: "Write the message" } });
    expect(await sendSmsAction({ phoneNumberId: from.id, destination: GB, text: "x".repeat(153 * 10 + 1) })).toEqual({ ok: false, fieldErrors: { text: "The message is longer than 10 segments" } });
    expect(await sendSmsAction({ phoneNumberId: from.id, destination: GB, text: "a\u0000b" })).toEqual({ ok: false, fieldErrors: { text: expect.stringContaining("control characters") } });
    expect(await sendSmsAction({ destination: GB, text: "Hello" })).toEqual({ ok: false, fieldErrors: { phoneNumberId: "Choose the number to send from" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's number reads like no number at all, nothing written", async () => {
    const other = await createTestAccount();
    await fixtureTopUp(other.id);
    const theirs = await fixtureOwnNumber(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = [await snapshot(acct.id), await snapshot(other.id)];
    const refusal = { ok: false, fieldErrors: { phoneNumberId: "Send from one of the account's active numbers" } };
    expect(await sendSmsAction({ phoneNumberId: theirs.id, destination: GB, text: "Hello" })).toEqual(refusal);
    expect(await sendSmsAction({ phoneNumberId: 2_000_000_000, destination: GB, text: "Hello" })).toEqual(refusal);
    expect([await snapshot(acct.id), await snapshot(other.id)]).toEqual(before);
  });

  it("a message the balance cannot pay for is refused as a form error, nothing written", async () => {
    const poor = await createTestAccount();
    const n = await fixtureOwnNumber(poor.id);
    session.actor = asPanel(await poor.actor("MainAccount"));
    const before = await snapshot(poor.id);
    expect(await sendSmsAction({ phoneNumberId: n.id, destination: GB, text: "Hello" })).toEqual({ ok: false, formError: expect.stringMatching(/balance/i) });
    expect(await snapshot(poor.id)).toEqual(before);
  });
});
