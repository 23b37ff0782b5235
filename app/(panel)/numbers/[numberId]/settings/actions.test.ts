import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { updateNumberSettingsAction } = await import("./actions");

describe("Number settings server action", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "numbers.parameters");
    it(`updateNumberSettingsAction as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const n = await fixtureOwnNumber(acct.id);
      const before = await numbersSnapshot(acct.id);
      const r = await updateNumberSettingsAction({ numberId: n.id, label: "Front desk", autoRenew: false, smsEnabled: false });
      if (allowed) {
        expect(r).toEqual({ ok: true, data: { number: n.number, label: "Front desk", autoRenew: false, smsEnabled: false } });
        expect((await numbersSnapshot(acct.id)).audits).toBe(before.audits + 1);
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await numbersSnapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("without a session it is refused and nothing is written", async () => {
    const n = await fixtureOwnNumber(acct.id);
    const before = await numbersSnapshot(acct.id);
    expect(await updateNumberSettingsAction({ numberId: n.id, label: "x" })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("Accountant"));
    const n = await fixtureOwnNumber(acct.id);
    const before = await numbersSnapshot(acct.id);
    expect(await updateNumberSettingsAction({ numberId: n.id, label: "x".repeat(101) })).toEqual({ ok: false, fieldErrors: { label: "Label must be at most 100 characters" } });
    expect(await updateNumberSettingsAction({ numberId: n.id, label: "bad\u0000label" })).toEqual({ ok: false, fieldErrors: { label: "Label must not contain control characters" } });
    expect(await updateNumberSettingsAction({ numberId: n.id, incomingSmsCallbackUrl: "ftp://x" })).toEqual({ ok: false, fieldErrors: { incomingSmsCallbackUrl: "Give an http(s) URL, or leave it empty" } });
    expect(await updateNumberSettingsAction({ numberId: "abc", label: "ok" })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
    await db.phoneNumber.update({ where: { id: n.id }, data: { smsSupported: false, smsEnabled: false } });
    const unsupported = await numbersSnapshot(acct.id);
    expect(await updateNumberSettingsAction({ numberId: n.id, smsEnabled: true })).toEqual({ ok: false, fieldErrors: { smsEnabled: `${n.number} does not support SMS` } });
    expect(await numbersSnapshot(acct.id)).toEqual(unsupported);
    expect(before.audits).toBe(unsupported.audits);
  });

  it("another account's number, or one released, is not found and stays as it was", async () => {
    const other = await createTestAccount();
    const theirs = await fixtureOwnNumber(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const released = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: released.id }, data: { status: "available", accountId: null } });
    const [mine, their] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    expect(await updateNumberSettingsAction({ numberId: theirs.id, label: "mine now" })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await updateNumberSettingsAction({ numberId: released.id, label: "mine again" })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([mine, their]);
  });
});
