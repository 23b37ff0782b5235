import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { allRegions } from "@/lib/domains/phone-numbers/catalogue";
import { fixtureAvailableNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

// The buy page's actions spend money or hold numbers: a refusal (section, balance, verification,
// a number taken) writes no number, no ledger entry and no audit row.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { buyNumbersAction, reserveNumbersAction } = await import("./actions");

const status = async (id: number) => db.phoneNumber.findUniqueOrThrow({ where: { id }, select: { status: true, accountId: true } });

describe("buy page server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 1000_00);
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls: { name: string; section: SectionId; run: (id: number) => Promise<unknown>; after: string }[] = [
    { name: "buyNumbersAction", section: "numbers.purchase", run: (id) => buyNumbersAction({ numberIds: [id] }), after: "active" },
    { name: "reserveNumbersAction", section: "numbers.reserved", run: (id) => reserveNumbersAction({ numberIds: [id] }), after: "reserved" },
  ];

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const n = await fixtureAvailableNumber();
        const before = await numbersSnapshot(acct.id);
        const r = await c.run(n.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true, data: { count: 1 } });
          expect(await status(n.id)).toEqual({ status: c.after, accountId: acct.id });
          expect((await numbersSnapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await numbersSnapshot(acct.id)).toEqual(before);
          expect(await status(n.id)).toEqual({ status: "available", accountId: null });
        }
      });
    }
  }

  it("without a session both are refused and nothing is written", async () => {
    const n = await fixtureAvailableNumber();
    for (const c of calls) expect(await c.run(n.id), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await status(n.id)).toEqual({ status: "available", accountId: null });
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("PhoneNumberManager"));
    const before = await numbersSnapshot(acct.id);
    expect(await buyNumbersAction({ numberIds: [] })).toEqual({ ok: false, fieldErrors: { numberIds: "Choose at least one number" } });
    expect(await reserveNumbersAction({ numberIds: ["x"] })).toEqual({ ok: false, fieldErrors: { "numberIds.0": "Invalid phone number id" } });
    expect(await buyNumbersAction({ numberIds: [999_999_999] })).toEqual({ ok: false, fieldErrors: { numberIds: "Phone number not found" } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("another account's number (bought or reserved) is refused, nothing written on either side", async () => {
    const other = await createTestAccount();
    await fixtureTopUp(other.id);
    const [bought, held] = [await fixtureAvailableNumber(), await fixtureAvailableNumber()];
    session.actor = asPanel(await other.actor("PhoneNumberManager"));
    expect(await buyNumbersAction({ numberIds: [bought.id] })).toMatchObject({ ok: true });
    expect(await reserveNumbersAction({ numberIds: [held.id] })).toMatchObject({ ok: true });
    session.actor = asPanel(await acct.actor("PhoneNumberManager"));
    const [mine, theirs] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    for (const id of [bought.id, held.id]) {
      expect(await buyNumbersAction({ numberIds: [id] })).toEqual({ ok: false, fieldErrors: { numberIds: expect.stringContaining("is no longer available") } });
      expect(await reserveNumbersAction({ numberIds: [id] })).toEqual({ ok: false, fieldErrors: { numberIds: expect.stringContaining("is no longer available") } });
    }
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([mine, theirs]);
  });

  it("a purchase the balance cannot cover, or in a country needing verification, is refused clearly with nothing written", async () => {
    const poor = await createTestAccount();
    await fixtureTopUp(poor.id, 1_00);
    session.actor = asPanel(await poor.actor("MainAccount"));
    const [a, b] = [await fixtureAvailableNumber(), await fixtureAvailableNumber()];
    const before = await numbersSnapshot(poor.id);
    expect(await buyNumbersAction({ numberIds: [a.id, b.id] })).toEqual({ ok: false, formError: expect.stringContaining("Insufficient funds") });
    const de = allRegions().find((r) => r.country.code === "DE")!;
    const german = await fixtureAvailableNumber(de);
    await fixtureTopUp(poor.id, 100_00);
    const funded = await numbersSnapshot(poor.id);
    expect(await buyNumbersAction({ numberIds: [german.id] })).toEqual({ ok: false, fieldErrors: { numberIds: expect.stringContaining("verified account") } });
    expect(await numbersSnapshot(poor.id)).toEqual(funded);
    expect(before.numbers).toEqual([]);
    expect(await status(a.id)).toEqual({ status: "available", accountId: null });
  });

  it("buying reports the amount charged: setup fee plus first month per number, all or nothing", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [a, b] = [await fixtureAvailableNumber(), await fixtureAvailableNumber()];
    const r = await buyNumbersAction({ numberIds: [a.id, b.id] });
    expect(r).toEqual({ ok: true, data: { count: 2, chargedMinor: a.setupPriceMinor + a.monthlyPriceMinor + b.setupPriceMinor + b.monthlyPriceMinor } });
  });
});
