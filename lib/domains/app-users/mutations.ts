import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { conflict, invalid, rethrowUnique } from "@/lib/core/errors";
import { systemClock, type Clock } from "@/lib/core/clock";
import { assertBalanceCoversMove, lockLedger, postLedgerEntry } from "@/lib/domains/billing/ledger";
import { formatMoney } from "@/lib/domains/billing/money";
import { hashPassword } from "@/lib/auth/passwords";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { APP_USER_SELECT, authorizeUserFunds, findOwnAppUser, findOwnAppUserById, findOwnAppUserByName, toAppUserDto, type AppUserDto } from "./queries";
import {
  ZAppUserRef,
  ZCreateAppUserInput,
  ZDeleteAppUsersInput,
  ZSetAppUserActiveInput,
  ZTransferToAppUserInput,
  ZUpdateAppUserInput,
  type AppUserRef,
  type CreateAppUserInput,
  type DeleteAppUsersInput,
  type SetAppUserActiveInput,
  type TransferToAppUserInput,
  type UserTransferDirection,
  type UpdateAppUserInput,
} from "./schemas";

// Application users: section `application.users` in the panel, AddUser / SetUserInfo / DelUser
// for keys. Every where carries the actor's account AND the application, so a user id from
// another application or account reads as NOT_FOUND. Passwords are hashed before the
// transaction (argon2 is slow) and never reach the audit row.

const nameTaken = () => conflict("name", "A user with this username already exists in this application", "user_name_taken");

async function assertNameFree(tx: Tx, actor: Actor, applicationId: number, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.appUser.findFirst({
    where: { accountId: actor.accountId, applicationId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw nameTaken();
}

/** AddUser / the New user editor. Usernames are unique in the application (118). */
export async function createAppUser(actor: Actor, input: CreateAppUserInput): Promise<AppUserDto> {
  authorize(actor, { section: "application.users", method: "AddUser" });
  const data = parseInput(ZCreateAppUserInput, input);
  const app = await findOwnApplication(db, actor, data.applicationId);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      await findOwnApplication(tx, actor, app.id);
      await assertNameFree(tx, actor, app.id, data.name);
      const row = await tx.appUser.create({
        data: {
          accountId: actor.accountId,
          applicationId: app.id,
          name: data.name,
          displayName: data.displayName,
          passwordHash,
          active: data.active,
          parentAccounting: !data.separateBalance,
          customData: data.customData,
        },
        select: APP_USER_SELECT,
      });
      await audit(tx, actor, {
        action: "app_user.create",
        targetType: "app_user",
        targetId: row.id,
        detail: { applicationId: app.id, application: app.name, name: row.name, active: row.active, separateBalance: data.separateBalance },
      });
      return toAppUserDto(row);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** SetUserInfo / the Edit user dialog: rename, display name, password, flags, custom data. */
export async function updateAppUser(actor: Actor, input: UpdateAppUserInput): Promise<AppUserDto> {
  authorize(actor, { section: "application.users", method: "SetUserInfo" });
  const data = parseInput(ZUpdateAppUserInput, input);
  await findOwnAppUser(db, actor, data.applicationId, data.userId);
  const passwordHash = data.password !== undefined ? await hashPassword(data.password) : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const before = await findOwnAppUser(tx, actor, data.applicationId, data.userId);
      if (data.name !== undefined && data.name !== before.name) await assertNameFree(tx, actor, data.applicationId, data.name, before.id);
      const changes = {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.displayName !== undefined ? { displayName: data.displayName } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        ...(data.separateBalance !== undefined ? { parentAccounting: !data.separateBalance } : {}),
        ...(data.customData !== undefined ? { customData: data.customData } : {}),
      };
      await tx.appUser.updateMany({
        where: { id: before.id, applicationId: data.applicationId, accountId: actor.accountId },
        data: { ...changes, ...(passwordHash ? { passwordHash } : {}) },
      });
      // The log names what changed, in the panel's terms (separate balance, not parent accounting), and nothing else.
      const given = { name: data.name, displayName: data.displayName, active: data.active, separateBalance: data.separateBalance };
      const changed = Object.fromEntries(Object.entries(given).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof given]));
      await audit(tx, actor, {
        action: "app_user.update",
        targetType: "app_user",
        targetId: before.id,
        detail: {
          applicationId: data.applicationId,
          name: before.name,
          changes: changed,
          passwordChanged: passwordHash !== undefined,
          customDataChanged: data.customData !== undefined && data.customData !== before.customData,
        },
      });
      return findOwnAppUser(tx, actor, data.applicationId, before.id);
    });
  } catch (e) {
    rethrowUnique(e, nameTaken);
  }
}

/** The row menu's Deactivate / Activate (SetUserInfo user_active). Inactive users cannot log in. */
export async function setAppUserActive(actor: Actor, input: SetAppUserActiveInput): Promise<AppUserDto> {
  authorize(actor, { section: "application.users", method: "SetUserInfo" });
  const data = parseInput(ZSetAppUserActiveInput, input);
  return db.$transaction(async (tx) => {
    const before = await findOwnAppUser(tx, actor, data.applicationId, data.userId);
    await tx.appUser.updateMany({
      where: { id: before.id, applicationId: data.applicationId, accountId: actor.accountId },
      data: { active: data.active },
    });
    await audit(tx, actor, {
      action: data.active ? "app_user.activate" : "app_user.deactivate",
      targetType: "app_user",
      targetId: before.id,
      detail: { applicationId: data.applicationId, name: before.name },
    });
    return findOwnAppUser(tx, actor, data.applicationId, before.id);
  });
}

/** One user, audited, its separate balance moved back to the account; inside the caller's transaction. */
async function removeAppUser(tx: Tx, actor: Actor, user: { id: number; name: string; applicationId: number }): Promise<{ id: number; name: string }> {
  const returned = await returnBalancesOfDeletedUsers(tx, actor, { applicationId: user.applicationId, id: user.id });
  await tx.appUser.deleteMany({ where: { id: user.id, applicationId: user.applicationId, accountId: actor.accountId } });
  await audit(tx, actor, {
    action: "app_user.delete",
    targetType: "app_user",
    targetId: user.id,
    detail: { applicationId: user.applicationId, name: user.name, ...returned },
  });
  return { id: user.id, name: user.name };
}

/** DelUser / the row menu's Delete. */
export async function deleteAppUser(actor: Actor, input: AppUserRef): Promise<{ id: number; name: string }> {
  authorize(actor, { section: "application.users", method: "DelUser" });
  const data = parseInput(ZAppUserRef, input);
  return db.$transaction(async (tx) => {
    const user = await findOwnAppUser(tx, actor, data.applicationId, data.userId);
    return removeAppUser(tx, actor, user);
  });
}

/**
 * DelUser with a list: user ids (or `all`), optionally within one application, or usernames
 * within one application. All or nothing: one id or name that is not the actor's (117, or 558
 * for the application) and none is deleted.
 */
export async function deleteAppUsers(actor: Actor, input: DeleteAppUsersInput): Promise<{ id: number; name: string }[]> {
  authorize(actor, { section: "application.users", method: "DelUser" });
  const data = parseInput(ZDeleteAppUsersInput, input);
  return db.$transaction(async (tx) => {
    if (data.applicationId !== undefined) await findOwnApplication(tx, actor, data.applicationId);
    let users: { id: number; name: string; applicationId: number }[];
    if ("names" in data) {
      users = [];
      for (const name of new Set(data.names)) users.push(await findOwnAppUserByName(tx, actor, data.applicationId, name));
    } else if (data.userIds === "all") {
      users = await tx.appUser.findMany({
        where: { accountId: actor.accountId, ...(data.applicationId !== undefined ? { applicationId: data.applicationId } : {}) },
        select: { id: true, name: true, applicationId: true },
        orderBy: { id: "asc" },
      });
    } else {
      users = [];
      for (const id of new Set(data.userIds)) users.push(await findOwnAppUserById(tx, actor, id, data.applicationId));
    }
    const out = [];
    for (const user of users) out.push(await removeAppUser(tx, actor, user));
    return out;
  });
}

// Money on users (see queries.ts, "Money on users"): a move between the account and a user's
// separate balance, and what a deleted user held going back to the account.

export type AppUserTransfer = {
  user: AppUserDto;
  direction: UserTransferDirection;
  /** Minor units moved, always positive. */
  amountMinor: number;
  /** The account's balance after the move, minor units. */
  accountBalanceMinor: number;
  currency: string;
};

/**
 * Moves `amountMinor` (minor units, 1 to USER_TRANSFER_MAX_MINOR) between the account's balance
 * and one user's separate balance. `to_user` needs a user with a separate balance (CONFLICT
 * "user_transfer_refused" on userId, API 573, otherwise) and that much account balance (the
 * credit limit never funds it: CONFLICT "insufficient_funds" on amountMinor); `to_account` needs
 * that much on the user's balance (the same error), whatever the user's accounting now. Another
 * application's or account's user is NOT_FOUND (userId); a `currency` other than the account's
 * is INVALID_INPUT (currency). Writes the ledger entry, the user's balance and an
 * `app_user.transfer` audit row, or nothing.
 */
export async function transferToAppUser(actor: Actor, input: TransferToAppUserInput, clock: Clock = systemClock): Promise<AppUserTransfer> {
  authorizeUserFunds(actor);
  const { applicationId, userId, direction, amountMinor, currency } = parseInput(ZTransferToAppUserInput, input);
  return db.$transaction(async (tx) => {
    const app = await findOwnApplication(tx, actor, applicationId);
    const user = await findOwnAppUser(tx, actor, app.id, userId);
    // The account's lock first, then the user's row, as every writer of both does: no cycle.
    const account = await lockLedger(tx, actor.accountId);
    if (currency !== undefined && currency !== account.currency) {
      throw invalid("currency", `The account's balance is in ${account.currency}, not ${currency}`);
    }
    let entry;
    if (direction === "to_user") {
      if (!user.separateBalance) {
        throw conflict("userId", `${user.name} spends the account's balance: turn on Separate balance in its settings before moving money to it`, "user_transfer_refused");
      }
      await assertBalanceCoversMove(tx, actor.accountId, amountMinor, { currency: account.currency, field: "amountMinor", whose: "the account's" });
      await tx.appUser.updateMany({ where: { id: user.id, accountId: actor.accountId }, data: { balanceMinor: { increment: amountMinor } } });
      entry = await postLedgerEntry(
        tx,
        { accountId: actor.accountId, amountMinor: -amountMinor, kind: "transfer", memo: `Moved to user ${user.name} (${app.name})`, appUserId: user.id, reference: { type: "app_user", id: user.id } },
        clock,
      );
    } else {
      const taken = await tx.appUser.updateMany({
        where: { id: user.id, accountId: actor.accountId, balanceMinor: { gte: amountMinor } },
        data: { balanceMinor: { decrement: amountMinor } },
      });
      if (taken.count !== 1) {
        throw conflict("amountMinor", `Insufficient funds: ${user.name}'s balance is ${formatMoney(user.balanceMinor, account.currency)}, so at most that can move back to the account.`, "insufficient_funds");
      }
      entry = await postLedgerEntry(
        tx,
        { accountId: actor.accountId, amountMinor, kind: "transfer", memo: `Moved back from user ${user.name} (${app.name})`, appUserId: user.id, reference: { type: "app_user", id: user.id } },
        clock,
      );
    }
    const after = await findOwnAppUser(tx, actor, app.id, user.id);
    await audit(tx, actor, {
      action: "app_user.transfer",
      targetType: "app_user",
      targetId: user.id,
      detail: { applicationId: app.id, application: app.name, name: user.name, direction, amountMinor, currency: account.currency, userBalanceMinor: after.balanceMinor },
    });
    return { user: after, direction, amountMinor, accountBalanceMinor: entry.balanceAfterMinor, currency: account.currency };
  });
}

/**
 * Before users are deleted: what is left on each one's separate balance moves back to the
 * account (a `transfer` entry per user with money, memo naming it), inside the caller's
 * transaction. `where` picks the users (always within the actor's account). Returns the audit
 * detail of what moved back, `{ returnedMinor, currency }` (minor units), or `{}` when nobody had
 * money.
 */
export async function returnBalancesOfDeletedUsers(
  tx: Tx,
  actor: Actor,
  where: { applicationId: number; id?: number },
  clock: Clock = systemClock,
): Promise<{ returnedMinor?: number; currency?: string }> {
  const funded = await tx.appUser.findMany({
    where: { ...where, accountId: actor.accountId, balanceMinor: { gt: 0 } },
    select: { id: true, name: true, balanceMinor: true, application: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  if (funded.length === 0) return {};
  const { currency } = await lockLedger(tx, actor.accountId);
  let returnedMinor = 0;
  for (const u of funded) {
    await postLedgerEntry(
      tx,
      { accountId: actor.accountId, amountMinor: u.balanceMinor, kind: "transfer", memo: `Moved back from deleted user ${u.name} (${u.application.name})`, appUserId: u.id, reference: { type: "app_user", id: u.id } },
      clock,
    );
    returnedMinor += u.balanceMinor;
  }
  return { returnedMinor, currency };
}
