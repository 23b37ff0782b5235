import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureAvailableNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { letGoReservationAction } = await import("./actions");

/** A number the account holds by reservation for a week. */
async function reserved(accountId: number) {
  const n = await fixtureAvailableNumber();
  return db.phoneNumber.update({ where: { id: n.id }, data: { status: "reserved", accountId, reservedUntil: new Date(Date.now() + 7 * 86_400_000) } });
}

describe("Reserved numbers server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "numbers.reserved");
    it(`letGoReservationAction as ${role}: ${allowed ? "ok, audited, the number is free again" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const n = await reserved(acct.id);
      const before = await numbersSnapshot(acct.id);
      const r = await letGoReservationAction({ numberId: n.id });
      if (allowed) {
        expect(r).toEqual({ ok: true, data: { numberId: n.id } });
        expect(await db.phoneNumber.findUnique({ where: { id: n.id }, select: { status: true, accountId: true } })).toEqual({ status: "available", accountId: null });
        expect((await numbersSnapshot(acct.id)).audits).toBe(before.audits + 1);
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await numbersSnapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("without a session it is refused and nothing is written", async () => {
    const n = await reserved(acct.id);
    const before = await numbersSnapshot(acct.id);
    expect(await letGoReservationAction({ numberId: n.id })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("bad input is a field error naming the field", async () => {
    session.actor = asPanel(await acct.actor("PhoneNumberManager"));
    expect(await letGoReservationAction({ numberId: "one" })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
  });

  it("another account's reservation, or a number the account bought, is not found and stays as it was", async () => {
    const other = await createTestAccount();
    const theirs = await reserved(other.id);
    session.actor = asPanel(await acct.actor("PhoneNumberManager"));
    const mineActive = await fixtureAvailableNumber();
    await db.phoneNumber.update({ where: { id: mineActive.id }, data: { status: "active", accountId: acct.id } });
    const [mine, their] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    expect(await letGoReservationAction({ numberId: theirs.id })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await letGoReservationAction({ numberId: mineActive.id })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([mine, their]);
  });
});
