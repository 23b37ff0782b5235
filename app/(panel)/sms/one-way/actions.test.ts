import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureCallerId } from "@/lib/domains/caller-ids/api-fixtures";
import { pricesForDestination } from "@/lib/domains/phone-numbers/catalogue";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written (or charged). getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { sendA2PAction } = await import("./actions");


const DESTS = ["+14155552222", "+447700902222", "+14155550000"];

async function snapshot(accountId: number) {
  return {
    batches: await db.smsBatch.count({ where: { accountId } }),
    messages: await db.smsMessage.count({ where: { accountId } }),
    ledger: await db.ledgerEntry.count({ where: { accountId } }),
    audits: await changeRowCount(accountId),
  };
}

describe("one-way SMS server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 20_00);
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "sms.one_way");
    it(`sendA2PAction as ${role}: ${allowed ? "sent to every destination, charged once, audited" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const before = await snapshot(acct.id);
      const r = await sendA2PAction({ sender: "Acme", destinations: DESTS.join("\n"), text: "Sale today" });
      if (allowed) {
        const cost = DESTS.reduce((s, d) => s + pricesForDestination(d).smsOutboundPerSegmentMinor, 0);
        expect(r).toEqual({ ok: true, data: { batchId: expect.any(Number), sent: 3, segments: 3, costMinor: cost } });
        expect(await snapshot(acct.id)).toEqual({ batches: before.batches + 1, messages: before.messages + 3, ledger: before.ledger + 1, audits: before.audits + 1 });
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("without a session it is refused and nothing is written", async () => {
    const before = await snapshot(acct.id);
    expect(await sendA2PAction({ sender: "Acme", destinations: DESTS.join("\n"), text: "x" })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field (bad lines by number), nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await sendA2PAction({ sender: "Acme", destinations: "+14155552222\nnot a number\n+447700902222, 123", text: "x" })).toEqual({
      ok: false,
      fieldErrors: { destinations: "Not phone numbers in international format (+ country code and number): line 2 “not a number”, line 3 “123”" },
    });
    expect(await sendA2PAction({ sender: "Acme", destinations: "\n", text: "x" })).toEqual({ ok: false, fieldErrors: { destinations: "Add at least one destination" } });
    expect(await sendA2PAction({ sender: "A", destinations: DESTS[0]!, text: "x" })).toEqual({ ok: false, fieldErrors: { sender: expect.stringContaining("3 to 11 latin letters") } });
    expect(await sendA2PAction({ sender: "Acme", destinations: DESTS[0]!, text: "" })).toEqual({ ok: false, fieldErrors: { text: "Write the message" } });
    expect(await sendA2PAction({ sender: "Acme", destinations: DESTS[0]!, text: "😀".repeat(34 * 10 + 1) })).toEqual({ ok: false, fieldErrors: { text: "The message is longer than 10 segments" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a numeric sender must be the account's own SMS number or verified caller ID: another account's is refused, nothing written", async () => {
    const other = await createTestAccount();
    const [theirNumber, theirCallerId] = [await fixtureOwnNumber(other.id), await fixtureCallerId(other.id, { verified: true })];
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    for (const sender of [theirNumber.number, theirCallerId.number]) {
      expect(await sendA2PAction({ sender, destinations: DESTS[0]!, text: "x" })).toEqual({
        ok: false,
        fieldErrors: { sender: "Send from a sender ID, one of the account's numbers with SMS on, or a verified caller ID" },
      });
    }
    expect(await snapshot(acct.id)).toEqual(before);
    const mine = await fixtureCallerId(acct.id, { verified: true });
    expect(await sendA2PAction({ sender: mine.number, destinations: DESTS[0]!, text: "x" })).toMatchObject({ ok: true, data: { sent: 1 } });
  });

  it("a batch the balance cannot pay for is refused whole, nothing written", async () => {
    const poor = await createTestAccount();
    session.actor = asPanel(await poor.actor("MainAccount"));
    const before = await snapshot(poor.id);
    expect(await sendA2PAction({ sender: "Acme", destinations: DESTS.join(","), text: "x" })).toEqual({ ok: false, formError: expect.stringMatching(/balance/i) });
    expect(await snapshot(poor.id)).toEqual(before);
  });
});
