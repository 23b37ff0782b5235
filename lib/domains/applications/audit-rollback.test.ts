import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";

// The audit row is written inside the mutation's transaction: when it fails, the change must not
// survive. Make the audit write throw after the change has been made.
vi.mock("@/lib/core/audit", async (orig) => {
  const real = await orig<typeof import("@/lib/core/audit")>();
  return {
    ...real,
    audit: vi.fn(async () => {
      throw new Error("audit store unavailable");
    }),
  };
});

const { createApplication, renameApplication, deleteApplication } = await import("./mutations");
const { createAppUser, deleteAppUser, updateAppUser, setAppUserActive, transferToAppUser } = await import("@/lib/domains/app-users/mutations");

async function state(accountId: number) {
  return {
    apps: await db.application.findMany({ where: { accountId }, select: { id: true, name: true } }),
    users: await db.appUser.findMany({ where: { accountId }, select: { id: true, name: true, displayName: true, active: true, passwordHash: true, balanceMinor: true } }),
    ledger: await db.ledgerEntry.findMany({ where: { accountId }, select: { id: true } }),
  };
}

describe("a failed audit write rolls the change back", () => {
  it("for every application and application-user mutation", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const app = await db.application.create({ data: { accountId: acct.id, name: "keep" } });
    // A separate balance with money on it: deleting the user or the application moves it back too.
    const user = await db.appUser.create({
      data: { accountId: acct.id, applicationId: app.id, name: "alice", displayName: "Alice", passwordHash: TEST_PASSWORD_HASH, parentAccounting: false, balanceMinor: 2_00 },
    });
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "test funds" } });
    const before = await state(acct.id);
    const attempts: Array<() => Promise<unknown>> = [
      () => createApplication(owner, { name: "fresh" }),
      () => renameApplication(owner, { applicationId: app.id, name: "renamed" }),
      () => deleteApplication(owner, { applicationId: app.id }),
      () => createAppUser(owner, { applicationId: app.id, name: "bob", password: "Str0ng-Pass!x", displayName: "Bob" }),
      () => updateAppUser(owner, { applicationId: app.id, userId: user.id, displayName: "Changed", password: "An0ther-Pass!" }),
      () => setAppUserActive(owner, { applicationId: app.id, userId: user.id, active: false }),
      () => deleteAppUser(owner, { applicationId: app.id, userId: user.id }),
      () => transferToAppUser(owner, { applicationId: app.id, userId: user.id, direction: "to_user", amountMinor: 1_00 }),
      () => transferToAppUser(owner, { applicationId: app.id, userId: user.id, direction: "to_account", amountMinor: 1_00 }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toThrow("audit store unavailable");
      expect(await state(acct.id)).toEqual(before);
    }
  });
});
