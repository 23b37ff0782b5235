import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError, isAppError } from "@/lib/core/errors";
import { balanceIn } from "@/lib/domains/billing/ledger";
import { parseInput } from "@/lib/core/validate";
import { applicationNotFound, userCountsOf } from "@/lib/domains/applications/queries";
import { ZListAppUsersInput, type AppUserSort, type ListAppUsersInput } from "./schemas";
import { ignoreCase } from "@/lib/core/search";
import { toBool, toDate, toNumber } from "@/lib/core/raw-values";

export const APP_USER_LIST_SELECT = {
  id: true,
  applicationId: true,
  name: true,
  displayName: true,
  active: true,
  parentAccounting: true,
  balanceMinor: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.AppUserSelect;

export const APP_USER_SELECT = { ...APP_USER_LIST_SELECT, customData: true } as const satisfies Prisma.AppUserSelect;

type ListRow = Prisma.AppUserGetPayload<{ select: typeof APP_USER_LIST_SELECT }>;

export type AppUserDto = ListRow & {
  /** The seed's "separate balance" checkbox: parent accounting off. */
  separateBalance: boolean;
  /** Present when asked for (withCustomData): up to 8191 characters each. */
  customData?: string;
};

// Fields listed one by one, not `{ ...row, more }`: on Node 20's V8 a spread followed by further
// properties takes a slow path, several µs a row (issue 11; see toAccountNumberDto).
export function toAppUserDto(row: ListRow & { customData?: string }): AppUserDto {
  const dto: AppUserDto = {
    id: row.id,
    applicationId: row.applicationId,
    name: row.name,
    displayName: row.displayName,
    active: row.active,
    parentAccounting: row.parentAccounting,
    balanceMinor: row.balanceMinor,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    separateBalance: !row.parentAccounting,
  };
  if (row.customData !== undefined) dto.customData = row.customData;
  return dto;
}

export const appUserNotFound = () => new AppError("NOT_FOUND", { message: "User not found", field: "userId", reason: "user_not_found" });

/** A user of the actor's account and of that application, or NOT_FOUND: both ids must match. */
export async function findOwnAppUser(client: Tx | typeof db, actor: Actor, applicationId: number, userId: number): Promise<AppUserDto> {
  const row = await client.appUser.findFirst({
    where: { id: userId, applicationId, accountId: actor.accountId },
    select: APP_USER_SELECT,
  });
  if (!row) throw appUserNotFound();
  return toAppUserDto(row);
}

/**
 * A user of the actor's account by id alone (SetUserInfo and DelUser may leave the application
 * out), within `applicationId` when given; NOT_FOUND (117) otherwise.
 */
export async function findOwnAppUserById(client: Tx | typeof db, actor: Actor, userId: number, applicationId?: number): Promise<AppUserDto> {
  const row = await client.appUser.findFirst({
    where: { id: userId, accountId: actor.accountId, ...(applicationId !== undefined ? { applicationId } : {}) },
    select: APP_USER_SELECT,
  });
  if (!row) throw appUserNotFound();
  return toAppUserDto(row);
}

/** A user of that application by username (stored lowercase), or NOT_FOUND (117). */
export async function findOwnAppUserByName(client: Tx | typeof db, actor: Actor, applicationId: number, name: string): Promise<AppUserDto> {
  const row = await client.appUser.findFirst({
    where: { applicationId, accountId: actor.accountId, name: name.trim().toLowerCase() },
    select: APP_USER_SELECT,
  });
  if (!row) throw new AppError("NOT_FOUND", { message: `User '${name.trim().slice(0, 50)}' not found`, field: "names", reason: "user_not_found" });
  return toAppUserDto(row);
}

/**
 * SetUserInfo's target: by id (within the application when one is given) or by name within the
 * application. NOT_FOUND (117) when it is not a user of the actor's account.
 */
export function findAppUserRef(actor: Actor, ref: { userId?: number; applicationId?: number; name?: string }): Promise<AppUserDto> {
  if (ref.userId !== undefined) return findOwnAppUserById(db, actor, ref.userId, ref.applicationId);
  if (ref.name === undefined || ref.applicationId === undefined) throw appUserNotFound();
  return findOwnAppUserByName(db, actor, ref.applicationId, ref.name);
}

/** Everything from `prefix` up to the next prefix: a range on the (applicationId, name) index. */
function prefixRange(prefix: string) {
  return { gte: prefix, lt: `${prefix}\uffff` };
}

/**
 * The panel's users list and GetUsers. The panel's filter `q` is a username prefix, matched as a
 * range on the (applicationId, name) unique index: usernames are stored lowercase, so it is
 * case-insensitive too. Measured with 100,000 users in one application: a prefix range answers
 * in well under a millisecond, while a "contains" LIKE (which no index serves) costs 10-25 ms per
 * count and up to ~140 ms for a page of rare matches, and an OR over username and display name
 * lets SQLite's planner (without ANALYZE statistics) walk the sort index and filter row by row.
 * The API's substring filters (user_name / user_display_name "part") keep their documented
 * contains semantics. Order always ends on id so pages are stable.
 */
export async function listAppUsers(actor: Actor, input: ListAppUsersInput): Promise<{ items: AppUserDto[]; total: number }> {
  authorize(actor, { section: "application.users", method: "GetUsers" });
  const p = parseInput(ZListAppUsersInput, input);
  // The account's own application (NOT_FOUND otherwise) and its user counter, in one read.
  // Raw: a Prisma query costs about 0.2 ms of its JS engine more, on every GetUsers (issue 11).
  const [app] = await db.$queryRaw<{ userCount: number | bigint }[]>`SELECT "userCount" FROM "Application" WHERE "id" = ${p.applicationId} AND "accountId" = ${actor.accountId}`;
  if (!app) throw applicationNotFound();
  const q = p.q?.toLowerCase();
  // The account is checked on the application row, not AppUser.accountId: see userCountsOf in
  // lib/domains/applications/queries.ts for why (SQLite would pick the accountId index).
  const where: Prisma.AppUserWhereInput = {
    applicationId: p.applicationId,
    application: { accountId: actor.accountId },
    ...(p.userId ? { id: p.userId } : {}),
    ...(p.active !== undefined ? { active: p.active } : {}),
    ...(q ? { name: prefixRange(q) } : {}),
    ...(p.namePart ? { AND: [{ name: ignoreCase({ contains: p.namePart }) }] } : {}),
    ...(p.displayNamePart ? { displayName: ignoreCase({ contains: p.displayNamePart }) } : {}),
  };
  // Unfiltered, the total is the application's counter (kept by triggers, exact): no count over
  // the application's users, whatever their number. Filtered, the matches are counted.
  const filtered = Object.keys(where).some((k) => k !== "applicationId" && k !== "application");
  if (!filtered) {
    const rows = await unfilteredPage(p.applicationId, p.orderBy, p.dir, p.offset, p.count, p.withCustomData);
    return { items: rows.map(toAppUserDto), total: toNumber(app.userCount) };
  }
  const orderBy: Prisma.AppUserOrderByWithRelationInput[] =
    p.orderBy === "id" ? [{ id: p.dir }] : [{ [p.orderBy]: p.dir }, { id: p.dir }];
  const [rows, total] = await Promise.all([
    db.appUser.findMany({
      where,
      select: p.withCustomData ? APP_USER_SELECT : APP_USER_LIST_SELECT,
      orderBy,
      skip: p.offset,
      take: p.count,
    }),
    db.appUser.count({ where }),
  ]);
  return { items: rows.map(toAppUserDto), total };
}

type RawAppUserRow = {
  id: number | bigint;
  applicationId: number | bigint;
  name: string;
  displayName: string;
  active: boolean | number | bigint;
  parentAccounting: boolean | number | bigint;
  balanceMinor: number | bigint;
  createdAt: Date | string;
  updatedAt: Date | string;
  customData?: string;
};

const SORT_COLUMNS: Record<AppUserSort, Prisma.Sql> = {
  name: Prisma.sql`"name"`,
  displayName: Prisma.sql`"displayName"`,
  createdAt: Prisma.sql`"createdAt"`,
  id: Prisma.sql`"id"`,
};

/**
 * One page of an application's users, unfiltered, by `orderBy` then id (`dir`), in one raw
 * statement: the rows listAppUsers' findMany reads without a filter (a Prisma query costs about
 * 0.2 ms of its JS engine more, on every GetUsers and users page; issue 11). Unchecked: the
 * caller has found the application in the actor's account.
 */
export async function unfilteredPage(applicationId: number, orderBy: AppUserSort, dir: "asc" | "desc", skip: number, take: number, withCustomData: boolean): Promise<(ListRow & { customData?: string })[]> {
  const order = dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const sort = orderBy === "id" ? Prisma.sql`"id" ${order}` : Prisma.sql`${SORT_COLUMNS[orderBy]} ${order}, "id" ${order}`;
  const raw = await db.$queryRaw<RawAppUserRow[]>`
    SELECT "id", "applicationId", "name", "displayName", "active", "parentAccounting", "balanceMinor", "createdAt", "updatedAt"${withCustomData ? Prisma.sql`, "customData"` : Prisma.empty}
      FROM "AppUser" WHERE "applicationId" = ${applicationId}
     ORDER BY ${sort} LIMIT ${take} OFFSET ${skip}`;
  return raw.map((r) => {
    const row: ListRow & { customData?: string } = {
      id: toNumber(r.id),
      applicationId: toNumber(r.applicationId),
      name: r.name,
      displayName: r.displayName,
      active: toBool(r.active),
      parentAccounting: toBool(r.parentAccounting),
      balanceMinor: toNumber(r.balanceMinor),
      createdAt: toDate(r.createdAt),
      updatedAt: toDate(r.updatedAt),
    };
    if (r.customData !== undefined) row.customData = r.customData;
    return row;
  });
}

/** Users in the application at all (the page's empty state asks this, not the filtered total): its counter. */
export async function countAppUsers(actor: Actor, applicationId: number): Promise<number> {
  authorize(actor, { section: "application.users", method: "GetUsers" });
  return (await userCountsOf(actor, [applicationId])).get(applicationId) ?? 0;
}

// Money on users: a user's separate balance (seed 002 "parent accounting" off; PRODUCT.md
// section 4: it "can be topped up from the account balance"). The money stays in the account's
// ledger: a move to a user is a `transfer` ledger entry of -amount on the account carrying the
// user's id, and the user's balanceMinor grows by the amount, in one transaction; a move back is
// the reverse. A user who is deleted (alone or with its application) hands what is left back the
// same way, so no money disappears with it. Calls of the user spend balanceMinor
// (lib/domains/calls/mutations.ts); the moves themselves are in mutations.ts.
//
// Who may move money (ours; the matrix has no row for it): a principal holding both the users
// page (application.users) and Billing, i.e. the account owner, Owner and Admin. A UserManager
// may turn a separate balance on but not spend the account's money on it; an Accountant holds
// the money but not the users. For keys, TransferMoneyToUser's roles are the same intersection
// (lib/access/api-methods.ts).

/** Both halves of the rule above: the users page and Billing (panel), or the method's roles (keys). */
export function authorizeUserFunds(actor: Actor): void {
  authorize(actor, { section: "application.users", method: "TransferMoneyToUser" });
  authorize(actor, { section: "billing", method: "TransferMoneyToUser" });
}

/** Whether the actor may move money to and from users' separate balances (authorizeUserFunds, without throwing). */
export function mayMoveUserFunds(actor: Actor): boolean {
  try {
    authorizeUserFunds(actor);
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") return false;
    throw e;
  }
}

/**
 * The Users tab's money: the account's currency (users' balances are shown in it) and, for an
 * actor who may move money (mayMoveUserFunds), the account's balance in minor units (null
 * otherwise: a UserManager sees users' balances, not the account's).
 */
export async function usersFunds(actor: Actor): Promise<{ currency: string; accountBalanceMinor: number | null }> {
  authorize(actor, { section: "application.users", method: "GetUsers" });
  const [account, balance] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } }),
    mayMoveUserFunds(actor) ? balanceIn(db, actor.accountId) : null,
  ]);
  return { currency: account.currency, accountBalanceMinor: balance };
}
