// A login's own row, whichever table holds it: the owner's Account or a subuser's row, read and
// written only within its account, on every adapter.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { findLoginRow, updateLoginRow } from "./login-row";

async function accountWithSubuser() {
  const acct = await createTestAccount();
  const sub = await acct.actor("Developer");
  return { acct, subuserId: sub.subuserId! };
}

describe("findLoginRow", () => {
  it("reads the owner's Account row and a subuser's own row, with whether the account requires two-step verification of it", async () => {
    const { acct, subuserId } = await accountWithSubuser();
    await db.account.update({ where: { id: acct.id }, data: { requireTwoStep: true, totpSecret: "OWNERSECRET" } });
    const owner = await findLoginRow(db, { accountId: acct.id, subuserId: null });
    expect(owner).toMatchObject({ name: acct.name, active: true, credVersion: expect.any(Number), totpSecret: "OWNERSECRET", totpPendingSecret: null, twoStepRequired: false });
    const sub = await findLoginRow(db, { accountId: acct.id, subuserId });
    expect(sub).toMatchObject({ name: "r-developer", active: true, totpSecret: null, totpLastStep: expect.any(Number), twoStepRequired: true });
    expect(sub?.passwordHash).toEqual(expect.any(String));
  });

  it("never reads another account's subuser by its id, nor a subuser of an inactive account", async () => {
    const { acct, subuserId } = await accountWithSubuser();
    const other = await createTestAccount();
    expect(await findLoginRow(db, { accountId: other.id, subuserId })).toBeNull();
    expect(await findLoginRow(db, { accountId: acct.id + 1_000_000, subuserId: null })).toBeNull();
    await db.account.update({ where: { id: acct.id }, data: { active: false } });
    expect(await findLoginRow(db, { accountId: acct.id, subuserId })).toBeNull();
    expect(await findLoginRow(db, { accountId: acct.id, subuserId: null })).toMatchObject({ active: false });
  });
});

describe("updateLoginRow", () => {
  it("writes the owner's or the subuser's row, never another account's, and only when the condition holds", async () => {
    const { acct, subuserId } = await accountWithSubuser();
    const other = await createTestAccount();
    expect(await updateLoginRow(db, { accountId: other.id, subuserId }, { totpSecret: "X" })).toBe(false);
    expect((await findLoginRow(db, { accountId: acct.id, subuserId }))?.totpSecret).toBeNull();

    for (const ref of [{ accountId: acct.id, subuserId: null }, { accountId: acct.id, subuserId }]) {
      const before = (await findLoginRow(db, ref))!;
      expect(await updateLoginRow(db, ref, { credVersion: { increment: 1 }, totpPendingSecret: "PENDING" })).toBe(true);
      expect(await findLoginRow(db, ref)).toMatchObject({ credVersion: before.credVersion + 1, totpPendingSecret: "PENDING" });
      // A conditional write: the step is taken once.
      const step = before.totpLastStep + 5;
      const taken = await Promise.all([1, 2].map(() => updateLoginRow(db, ref, { totpLastStep: step }, { totpLastStep: { lt: step } })));
      expect(taken.filter(Boolean)).toHaveLength(1);
      expect(await updateLoginRow(db, ref, { totpLastStep: step - 1 }, { totpLastStep: { lt: step - 1 } })).toBe(false);
      expect((await findLoginRow(db, ref))?.totpLastStep).toBe(step);
    }
  });
});
