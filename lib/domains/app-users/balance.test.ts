import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import { apiMethodRoles } from "@/lib/access/api-methods";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, uniq, type TestAccount } from "@/test/factories";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { deleteApplication } from "@/lib/domains/applications/mutations";
import { deleteAppUser, deleteAppUsers, transferToAppUser } from "./mutations";
import { mayMoveUserFunds, usersFunds } from "./queries";

// Moving money between the account's balance and a user's separate balance (transferToAppUser
// and returnBalancesOfDeletedUsers in mutations.ts, the funds reads in queries.ts): who may, what
// is written, every refusal with nothing written, and the money a deleted user (or application)
// still held coming back.

const fund = (accountId: number, amountMinor: number) => db.ledgerEntry.create({ data: { accountId, amountMinor, kind: "topup", memo: "test funds" } });

async function addUser(accountId: number, applicationId: number, extra: { parentAccounting?: boolean; balanceMinor?: number } = {}) {
  const name = uniq("u");
  return db.appUser.create({ data: { accountId, applicationId, name, displayName: `User ${name}`, passwordHash: TEST_PASSWORD_HASH, parentAccounting: false, ...extra } });
}

/** Everything a move may write: the ledger, the users' balances, the audit log. */
async function snapshot(accountId: number) {
  const [ledger, users, audits] = await Promise.all([
    db.ledgerEntry.count({ where: { accountId } }),
    db.appUser.findMany({ where: { accountId }, select: { id: true, balanceMinor: true }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { ledger, users, audits };
}

const mayFund = (role: string) => can({ roles: [role] }, "application.users") && can({ roles: [role] }, "billing");

describe("who may move money to users: the users page and Billing together", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: uniq("app-") } })).id;
    await fund(acct.id, 1_000_00);
  });

  it("is the account owner, Owner and Admin; for keys, TransferMoneyToUser is Owner and Admin", () => {
    expect(PRINCIPALS.filter(mayFund)).toEqual(["MainAccount", "Owner", "Admin"]);
    expect(apiMethodRoles("TransferMoneyToUser")).toEqual(["Owner", "Admin"]);
  });

  for (const role of PRINCIPALS) {
    const allowed = mayFund(role);
    it(`${role}: ${allowed ? "moves money both ways, audited" : "FORBIDDEN both ways, nothing written"}`, async () => {
      const actor = await acct.actor(role);
      const user = await addUser(acct.id, appId);
      expect(mayMoveUserFunds(actor)).toBe(allowed);
      const before = await snapshot(acct.id);
      if (allowed) {
        await transferToAppUser(actor, { applicationId: appId, userId: user.id, direction: "to_user", amountMinor: 3_00 });
        await transferToAppUser(actor, { applicationId: appId, userId: user.id, direction: "to_account", amountMinor: 1_00 });
        const after = await snapshot(acct.id);
        expect(after.ledger).toBe(before.ledger + 2);
        expect(after.audits).toBe(before.audits + 2);
        expect(after.users.find((u) => u.id === user.id)?.balanceMinor).toBe(2_00);
      } else {
        for (const direction of ["to_user", "to_account"] as const) {
          await expect(transferToAppUser(actor, { applicationId: appId, userId: user.id, direction, amountMinor: 1_00 })).rejects.toMatchObject({ code: "FORBIDDEN" });
        }
        expect(await snapshot(acct.id)).toEqual(before);
      }
      // The page's read: the currency for every holder of the users page, the account's balance only for those who may move it.
      if (can({ roles: [role] }, "application.users")) {
        const funds = await usersFunds(actor);
        expect(funds.currency).toBe("USD");
        expect(funds.accountBalanceMinor === null).toBe(!allowed);
      } else {
        await expect(usersFunds(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    });
  }

  it("a key holding only UserManager or Accountant may not; an Owner or Admin key may", () => {
    const key = (roles: string[]): Actor => ({ kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: "k", name: "key", roles, ip: "127.0.0.1" }) as Actor;
    expect(mayMoveUserFunds(key(["UserManager"]))).toBe(false);
    expect(mayMoveUserFunds(key(["Accountant"]))).toBe(false);
    expect(mayMoveUserFunds(key(["Owner"]))).toBe(true);
    expect(mayMoveUserFunds(key(["Admin"]))).toBe(true);
  });
});

describe("a move of money between the account and a user", () => {
  let acct: TestAccount;
  let owner: Actor;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
    appId = (await db.application.create({ data: { accountId: acct.id, name: "wallets" } })).id;
  });

  it("to the user: a transfer entry of -amount naming the user, the user's balance up, one audit row", async () => {
    await fund(acct.id, 50_00);
    const start = await accountBalanceMinor(acct.id);
    const user = await addUser(acct.id, appId);
    const t = await transferToAppUser(owner, { applicationId: appId, userId: user.id, direction: "to_user", amountMinor: 12_50 });
    expect(t).toMatchObject({ direction: "to_user", amountMinor: 12_50, currency: "USD", accountBalanceMinor: start - 12_50 });
    expect(t.user).toMatchObject({ id: user.id, balanceMinor: 12_50 });
    expect(await accountBalanceMinor(acct.id)).toBe(start - 12_50);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ kind: "transfer", amountMinor: -12_50, appUserId: user.id, referenceType: "app_user", referenceId: String(user.id) });
    expect(entry.memo).toBe(`Moved to user ${user.name} (wallets)`);
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ action: "app_user.transfer", targetType: "app_user", targetId: String(user.id) });
    expect(JSON.parse(row.detail)).toMatchObject({ direction: "to_user", amountMinor: 12_50, currency: "USD", name: user.name, userBalanceMinor: 12_50 });
  });

  it("back to the account: a transfer entry of +amount, the user's balance down; allowed after the separate balance was turned off", async () => {
    const user = await addUser(acct.id, appId, { parentAccounting: true, balanceMinor: 7_00 });
    const start = await accountBalanceMinor(acct.id);
    const t = await transferToAppUser(owner, { applicationId: appId, userId: user.id, direction: "to_account", amountMinor: 7_00 });
    expect(t.user.balanceMinor).toBe(0);
    expect(t.accountBalanceMinor).toBe(start + 7_00);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ kind: "transfer", amountMinor: 7_00, appUserId: user.id, memo: `Moved back from user ${user.name} (wallets)` });
  });

  it("refuses, naming the field, with nothing written", async () => {
    const poor = await createTestAccount();
    const poorOwner = await poor.actor("MainAccount");
    const app = await db.application.create({ data: { accountId: poor.id, name: "poor" } });
    const other = await db.application.create({ data: { accountId: poor.id, name: "other" } });
    await fund(poor.id, 10_00);
    // A credit limit never funds a move.
    await db.account.update({ where: { id: poor.id }, data: { creditLimitMinor: 100_00 } });
    const separate = await addUser(poor.id, app.id, { balanceMinor: 4_00 });
    const shared = await addUser(poor.id, app.id, { parentAccounting: true });
    const elsewhere = await addUser(acct.id, appId);
    const before = await snapshot(poor.id);
    const move = (userId: number, direction: "to_user" | "to_account", amountMinor: number, applicationId = app.id, currency?: string) =>
      transferToAppUser(poorOwner, { applicationId, userId, direction, amountMinor, currency });

    await expect(move(shared.id, "to_user", 1_00)).rejects.toMatchObject({ code: "CONFLICT", field: "userId", reason: "user_transfer_refused", message: expect.stringContaining("turn on Separate balance") });
    await expect(move(separate.id, "to_user", 10_01)).rejects.toMatchObject({
      code: "CONFLICT",
      field: "amountMinor",
      reason: "insufficient_funds",
      message: expect.stringContaining("the account's is $10.00"),
    });
    await expect(move(separate.id, "to_account", 4_01)).rejects.toMatchObject({ code: "CONFLICT", field: "amountMinor", reason: "insufficient_funds", message: expect.stringContaining("balance is $4.00") });
    await expect(move(shared.id, "to_account", 1)).rejects.toMatchObject({ code: "CONFLICT", field: "amountMinor" });
    for (const amountMinor of [0, -1_00, 1.5, 100_000_01]) {
      await expect(move(separate.id, "to_user", amountMinor), String(amountMinor)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "amountMinor" });
    }
    await expect(move(separate.id, "to_user", 1_00, other.id)).rejects.toMatchObject({ code: "NOT_FOUND", field: "userId" });
    await expect(move(elsewhere.id, "to_user", 1_00, appId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(move(separate.id, "to_user", 1_00, app.id, "EUR")).rejects.toMatchObject({ code: "INVALID_INPUT", field: "currency", message: "The account's balance is in USD, not EUR" });
    expect(await snapshot(poor.id)).toEqual(before);
    expect(await db.appUser.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({ balanceMinor: 0 });

    // Exactly the balance is fine; the currency may be named when it is the account's.
    await move(separate.id, "to_user", 10_00, app.id, "usd");
    expect(await accountBalanceMinor(poor.id)).toBe(0);
  });

  it("two top-ups at once never overdraw the account: one of them is refused", async () => {
    const pair = await createTestAccount();
    const pairOwner = await pair.actor("MainAccount");
    const app = await db.application.create({ data: { accountId: pair.id, name: "pair" } });
    await fund(pair.id, 10_00);
    const [a, b] = [await addUser(pair.id, app.id), await addUser(pair.id, app.id)];
    const results = await Promise.allSettled([a, b].map((u) => transferToAppUser(pairOwner, { applicationId: app.id, userId: u.id, direction: "to_user", amountMinor: 6_00 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { reason: "insufficient_funds" } });
    expect(await accountBalanceMinor(pair.id)).toBe(4_00);
  });
});

describe("a deleted user's separate balance goes back to the account", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
  });

  it("deleting one user: a transfer entry of what it held, named in the audit row", async () => {
    const app = await db.application.create({ data: { accountId: acct.id, name: uniq("a") } });
    const user = await addUser(acct.id, app.id, { balanceMinor: 3_25 });
    const start = await accountBalanceMinor(acct.id);
    await deleteAppUser(owner, { applicationId: app.id, userId: user.id });
    expect(await accountBalanceMinor(acct.id)).toBe(start + 3_25);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { accountId: acct.id }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ kind: "transfer", amountMinor: 3_25, appUserId: user.id, memo: `Moved back from deleted user ${user.name} (${app.name})` });
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "app_user.delete" }, orderBy: { id: "desc" } });
    expect(JSON.parse(row.detail)).toMatchObject({ returnedMinor: 3_25, currency: "USD" });
  });

  it("a user with nothing on its balance writes no entry and no returnedMinor", async () => {
    const app = await db.application.create({ data: { accountId: acct.id, name: uniq("a") } });
    const user = await addUser(acct.id, app.id);
    const ledger = await db.ledgerEntry.count({ where: { accountId: acct.id } });
    await deleteAppUsers(owner, { applicationId: app.id, userIds: [user.id] });
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(ledger);
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "app_user.delete" }, orderBy: { id: "desc" } });
    expect(JSON.parse(row.detail)).not.toHaveProperty("returnedMinor");
  });

  it("deleting an application: each funded user's balance comes back, the total in the audit row", async () => {
    const app = await db.application.create({ data: { accountId: acct.id, name: uniq("a") } });
    await addUser(acct.id, app.id, { balanceMinor: 1_00 });
    await addUser(acct.id, app.id, { parentAccounting: true, balanceMinor: 2_00 });
    await addUser(acct.id, app.id);
    const start = await accountBalanceMinor(acct.id);
    const ledger = await db.ledgerEntry.count({ where: { accountId: acct.id } });
    await deleteApplication(owner, { applicationId: app.id });
    expect(await accountBalanceMinor(acct.id)).toBe(start + 3_00);
    expect(await db.ledgerEntry.count({ where: { accountId: acct.id } })).toBe(ledger + 2);
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "application.delete" }, orderBy: { id: "desc" } });
    expect(JSON.parse(row.detail)).toMatchObject({ deletedUsers: 3, returnedMinor: 3_00, currency: "USD" });
  });
});
