import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { addBlacklistEntryAction, deleteBlacklistEntryAction, restoreNumberAction, updateBlacklistEntryAction } = await import("./actions");

let serial = 0;
const phone = () => `+1900${String(process.pid % 1000).padStart(3, "0")}${String(++serial).padStart(4, "0")}`;

/** One of the account's numbers, blocked for unpaid rent. */
async function blocked(accountId: number, reason = "unpaid") {
  const n = await fixtureOwnNumber(accountId);
  return db.phoneNumber.update({ where: { id: n.id }, data: { status: "blocked", blockedReason: reason, blockedAt: new Date(), releaseAt: new Date(Date.now() + 7 * 86_400_000) } });
}

describe("Blocked numbers server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 1000_00);
  });
  beforeEach(() => {
    session.actor = null;
  });

  const entry = async () => db.pstnBlacklistEntry.create({ data: { accountId: acct.id, phone: phone(), reason: "spam" } });
  const calls = [
    { name: "restoreNumberAction", run: async () => restoreNumberAction({ numberId: (await blocked(acct.id)).id }) },
    { name: "addBlacklistEntryAction", run: () => addBlacklistEntryAction({ phone: phone(), isPrefix: false, reason: "robocalls" }) },
    { name: "updateBlacklistEntryAction", run: async () => updateBlacklistEntryAction({ entryId: (await entry()).id, reason: "changed" }) },
    { name: "deleteBlacklistEntryAction", run: async () => deleteBlacklistEntryAction({ entryId: (await entry()).id }) },
  ];

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "numbers.blocked");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        // The case's own setup (a blocked number, an entry) is made inside run(); compare what the action alone writes.
        const audits = await changeRowCount(acct.id);
        const ledger = await db.ledgerEntry.count({ where: { accountId: acct.id } });
        const r = await c.run();
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect(await changeRowCount(acct.id)).toBe(audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await changeRowCount(acct.id)).toBe(audits);
          expect(await db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(ledger);
        }
      });
    }
  }

  it("a refused restore leaves the number blocked and charges nothing; an allowed one charges a month's rent", async () => {
    const n = await blocked(acct.id);
    session.actor = asPanel(await acct.actor("Supervisor"));
    const before = await numbersSnapshot(acct.id);
    expect(await restoreNumberAction({ numberId: n.id })).toMatchObject({ ok: false });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
    session.actor = asPanel(await acct.actor("Admin"));
    expect(await restoreNumberAction({ numberId: n.id })).toEqual({ ok: true, data: { number: n.number, chargedMinor: n.monthlyPriceMinor } });
    const after = await numbersSnapshot(acct.id);
    expect(after.ledger.length).toBe(before.ledger.length + 1);
    expect(after.ledger.at(-1)).toMatchObject({ amountMinor: -n.monthlyPriceMinor, kind: "number_rent" });
  });

  it("a number blocked for verification is not restored before the account is verified, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const n = await blocked(acct.id, "verification");
    const before = await numbersSnapshot(acct.id);
    expect(await restoreNumberAction({ numberId: n.id })).toEqual({ ok: false, fieldErrors: { numberId: expect.stringContaining("until the account is verified") } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("without a session every action is refused and nothing is written", async () => {
    const [n, e] = [await blocked(acct.id), await entry()];
    const before = await numbersSnapshot(acct.id);
    expect(await restoreNumberAction({ numberId: n.id })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await addBlacklistEntryAction({ phone: phone() })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await updateBlacklistEntryAction({ entryId: e.id, reason: "x" })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await deleteBlacklistEntryAction({ entryId: e.id })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("Owner"));
    const e = await entry();
    const before = await numbersSnapshot(acct.id);
    expect(await addBlacklistEntryAction({ phone: "call me", reason: "" })).toEqual({ ok: false, fieldErrors: { phone: expect.stringContaining("international format") } });
    expect(await addBlacklistEntryAction({ phone: phone(), reason: "x".repeat(201) })).toEqual({ ok: false, fieldErrors: { reason: "Reason must be at most 200 characters" } });
    expect(await addBlacklistEntryAction({ phone: e.phone })).toEqual({ ok: false, fieldErrors: { phone: "This number or prefix is already on the blacklist" } });
    expect(await updateBlacklistEntryAction({ entryId: "x", reason: "y" })).toEqual({ ok: false, fieldErrors: { entryId: "Invalid blacklist entry id" } });
    expect(await restoreNumberAction({ numberId: 0 })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("another account's blocked number or blacklist entry is not found, and stays as it was", async () => {
    const other = await createTestAccount();
    const theirNumber = await blocked(other.id);
    const theirEntry = await db.pstnBlacklistEntry.create({ data: { accountId: other.id, phone: phone() } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [mine, theirs] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    expect(await restoreNumberAction({ numberId: theirNumber.id })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await updateBlacklistEntryAction({ entryId: theirEntry.id, reason: "mine" })).toEqual({ ok: false, fieldErrors: { entryId: "Blacklist entry not found" } });
    expect(await deleteBlacklistEntryAction({ entryId: theirEntry.id })).toEqual({ ok: false, fieldErrors: { entryId: "Blacklist entry not found" } });
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([mine, theirs]);
  });
});
