import "server-only";
// Application users: AddUser, GetUsers, SetUserInfo, DelUser. Every handler calls lib/domains/app-users,
// the same functions as the panel's Users tab: the username, display name, password and custom
// data rules (101/134/157/212/463/464/523/524), uniqueness (118) and tenant scoping (117/558)
// live there once. The wire's parent_accounting is the panel's "separate balance" inverted.
import { z } from "zod";
import { createAppUser, deleteAppUsers, transferToAppUser, updateAppUser } from "./mutations";
import { majorToMinor } from "@/lib/domains/billing/money";
import { findAppUserRef, listAppUsers } from "./queries";
import { ZAppUserName, ZCustomData, ZDisplayName } from "./schemas";
import { PASSWORD_RULE, ZPassword } from "@/lib/auth/password-rule";
import { API_ERROR, ApiError, type ErrorMapping } from "@/lib/api/errors";
import { page, DONE_RESPONSE, defineMethod, done, listResponse, okResponse, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { applicationInfo, ZApplicationInfo, type ApplicationInfo } from "@/lib/domains/applications/api";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, resolveAppRef } from "@/lib/domains/applications/api";

// Wire structures.

export const ZUserInfo = z
  .object({
    user_id: z.number().int(),
    user_name: z.string(),
    user_display_name: z.string(),
    user_active: z.boolean(),
    parent_accounting: z.boolean().meta({ description: "false: the user has a separate balance" }),
    balance: z.number().meta({ description: "The user's own balance (meaningful when parent_accounting is false)" }),
    live_balance: z.number(),
    fixed_balance: z.number(),
    user_custom_data: z.string().optional(),
    applications: z.array(ZApplicationInfo).optional().meta({ description: "The application the user belongs to" }),
    created: w.timestamp,
    modified: w.timestamp,
  })
  .meta({ id: "UserInfo" });
export type UserInfo = z.output<typeof ZUserInfo>;

export function userInfo(
  u: { id: number; name: string; displayName: string; active: boolean; parentAccounting: boolean; balanceMinor: number; customData?: string; createdAt: Date; updatedAt: Date },
  app?: ApplicationInfo,
): UserInfo {
  const balance = u.balanceMinor / 100;
  // Set one by one in the reference's order, not with spreads between fields: a spread followed by
  // further properties takes V8's slow path, for every user of a page (README "Row mappers list their fields").
  const info: Omit<UserInfo, "created" | "modified"> & Partial<Pick<UserInfo, "created" | "modified">> = {
    user_id: u.id,
    user_name: u.name,
    user_display_name: u.displayName,
    user_active: u.active,
    parent_accounting: u.parentAccounting,
    balance,
    live_balance: balance,
    fixed_balance: balance,
  };
  if (u.customData !== undefined) info.user_custom_data = u.customData;
  if (app) info.applications = [app];
  info.created = w.formatApiDate(u.createdAt);
  info.modified = w.formatApiDate(u.updatedAt);
  return info as UserInfo;
}

const GROUP = "Users";
const INVALID_USER_ID = 117;

const USER_ERRORS: ErrorMapping = {
  fields: {
    ...APP_REF_FIELDS,
    // By id or by name: the one the request carries is named.
    userId: ["user_id", "user_name"],
    userIds: "user_id",
    names: "user_name",
    name: "user_name",
    displayName: "user_display_name",
    password: "user_password",
    customData: "user_custom_data",
    active: "user_active",
    separateBalance: "parent_accounting",
    amountMinor: "amount",
    direction: "amount",
  },
};

const parentAccounting = w.bool({ description: "true: the user spends the account's money; false: it has a separate balance" }).optional();
const userActive = w.bool({ description: "Inactive users cannot log in to the application" }).optional();
const customData = w.text(ZCustomData, { description: "Any text, shorter than 8192 characters" }).optional();

const separateBalanceOf = (parent: boolean | undefined) => (parent === undefined ? undefined : !parent);

function needApplication(p: { application_id?: number; application_name?: string }) {
  if (p.application_id === undefined && p.application_name === undefined) {
    throw new ApiError(API_ERROR.SPECIFY_PARAM, "Specify the 'application_id' or 'application_name' parameter (required with 'user_name')");
  }
}

export const addUser = defineMethod({
  name: "AddUser",
  group: GROUP,
  summary: "Creates a user in an application.",
  params: z.object({
    user_name: w.text(ZAppUserName, { description: "[a-z0-9][a-z0-9_-]{2,49}, unique in the application; stored lowercase" }),
    user_display_name: w.text(ZDisplayName, { description: "1 to 255 characters" }),
    user_password: w.text(ZPassword, {
      description: PASSWORD_RULE,
    }),
    ...appRefParams,
    parent_accounting: parentAccounting,
    user_active: userActive,
    user_custom_data: customData,
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: okResponse(z.literal(1), { user_id: z.number().int() }),
  errors: USER_ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const user = await createAppUser(actor, {
      applicationId: app.id,
      name: p.user_name,
      displayName: p.user_display_name,
      password: p.user_password,
      active: p.user_active ?? true,
      separateBalance: separateBalanceOf(p.parent_accounting) ?? false,
      customData: p.user_custom_data ?? "",
    });
    return done({ user_id: user.id });
  },
});

const ORDER_BY = { user_id: "id", user_name: "name", user_display_name: "displayName" } as const;

export const getUsers = defineMethod({
  name: "GetUsers",
  group: GROUP,
  summary: "Lists an application's users, filtered and paged (by user_id unless order_by says otherwise).",
  params: z.object({
    ...appRefParams,
    user_id: w.id(INVALID_USER_ID, { description: "Only this user" }).optional(),
    user_name: w.optionalText(z.string().max(50), "Only users whose name contains this"),
    user_display_name: w.optionalText(z.string().max(255), "Only users whose display name contains this"),
    user_active: w.bool({ description: "Only active (true) or inactive (false) users" }).optional(),
    order_by: w.optionalText(z.enum(["user_id", "user_name", "user_display_name"]), "user_id (default), user_name or user_display_name"),
    return_live_balance: w.bool({ description: "Accepted for compatibility: balances are always live" }).optional(),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: listResponse(ZUserInfo),
  errors: USER_ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const { items, total } = await listAppUsers(actor, {
      applicationId: app.id,
      userId: p.user_id,
      namePart: p.user_name,
      displayNamePart: p.user_display_name,
      active: p.user_active,
      orderBy: ORDER_BY[p.order_by ?? "user_id"],
      offset: p.offset,
      count: p.count,
      withCustomData: true,
    });
    const appView = applicationInfo(app);
    return page(items.map((u) => userInfo(u, appView)), total);
  },
});

export const setUserInfo = defineMethod({
  name: "SetUserInfo",
  group: GROUP,
  summary: "Changes a user: name, display name, password, balance mode, active flag, custom data. By user_name, the application is required.",
  params: z.object({
    user_id: w.id(INVALID_USER_ID, { description: "The user id" }).optional(),
    user_name: w.optionalText(z.string().max(50), "The user's name (with application_id or application_name)"),
    ...appRefParams,
    new_user_name: w.text(ZAppUserName, { description: "The new name" }).optional(),
    user_display_name: w.text(ZDisplayName, { description: "The new display name" }).optional(),
    user_password: w.text(ZPassword, { description: "The new password" }).optional(),
    parent_accounting: parentAccounting,
    user_active: userActive,
    user_custom_data: customData,
  }),
  oneOf: [{ params: ["user_id", "user_name"], required: true }, APP_REF_ONE_OF(false)],
  response: DONE_RESPONSE,
  // The domain's `name` is the new name here; user_name names the user to change.
  errors: { fields: { ...USER_ERRORS.fields, name: "new_user_name" } },
  async handler(p, { actor }) {
    const user = await resolveUser(actor, p);
    await updateAppUser(actor, {
      applicationId: user.applicationId,
      userId: user.id,
      name: p.new_user_name,
      displayName: p.user_display_name,
      password: p.user_password,
      active: p.user_active,
      separateBalance: separateBalanceOf(p.parent_accounting),
      customData: p.user_custom_data,
    });
    return done();
  },
});

export const delUser = defineMethod({
  name: "DelUser",
  group: GROUP,
  summary: "Deletes users: ids (or all), optionally within an application, or names within one. All or nothing.",
  params: z.object({
    user_id: w.idListOrAll({ apiCode: INVALID_USER_ID, description: "The user ids" }).optional(),
    user_name: w.stringList(z.string().max(50), { description: "The user names (with application_id or application_name)" }).optional(),
    ...appRefParams,
  }),
  oneOf: [{ params: ["user_id", "user_name"], required: true }, APP_REF_ONE_OF(false)],
  response: DONE_RESPONSE,
  errors: USER_ERRORS,
  async handler(p, { actor }) {
    if (p.user_name !== undefined) needApplication(p);
    const hasApp = p.application_id !== undefined || p.application_name !== undefined;
    const app = hasApp ? await resolveAppRef(actor, p) : undefined;
    await deleteAppUsers(actor, p.user_name ? { applicationId: app!.id, names: p.user_name } : { applicationId: app?.id, userIds: p.user_id! });
    return done();
  },
});

/** A signed amount in major units ("25", "-2.50"): minor units, or a message naming what is wrong. */
const signedAmount = z.string().transform((v, ctx): number => {
  const t = v.trim();
  const minor = majorToMinor(t.replace(/^[-+]/, ""));
  if (minor === null || minor === 0) {
    ctx.addIssue({ code: "custom", message: "must be a non-zero amount with at most two decimals, like 25 or -2.50" });
    return z.NEVER;
  }
  return t.startsWith("-") ? -minor : minor;
});

/** The user a method names: by id, or by name within the application (485 without one). */
async function resolveUser(actor: Parameters<typeof findAppUserRef>[0], p: { user_id?: number; user_name?: string; application_id?: number; application_name?: string }) {
  if (p.user_name !== undefined) needApplication(p);
  const hasApp = p.application_id !== undefined || p.application_name !== undefined;
  const app = hasApp ? await resolveAppRef(actor, p) : undefined;
  return findAppUserRef(actor, { userId: p.user_id, applicationId: app?.id, name: p.user_name });
}

export const transferMoneyToUser = defineMethod({
  name: "TransferMoneyToUser",
  group: GROUP,
  summary:
    "Ours (after the public reference): moves money between the account's balance and a user's separate balance. A positive amount tops the user up (573 when the user spends the account's balance, parent_accounting true); a negative one moves money back to the account. The credit limit never funds a move.",
  params: z.object({
    user_id: w.id(INVALID_USER_ID, { description: "The user id" }).optional(),
    user_name: w.optionalText(z.string().max(50), "The user's name (with application_id or application_name)"),
    ...appRefParams,
    amount: w.text(signedAmount, { description: "In the account's currency's major units: positive to the user, negative back to the account (0.01 to 100000)" }),
    currency: w.optionalText(z.string().trim().toUpperCase().max(10), "The account's currency (e.g. USD); another is refused"),
  }),
  oneOf: [{ params: ["user_id", "user_name"], required: true }, APP_REF_ONE_OF(false)],
  response: okResponse(z.literal(1), {
    balance: z.number().meta({ description: "The account's balance after the move" }),
    user_balance: z.number().meta({ description: "The user's separate balance after the move" }),
  }),
  errors: USER_ERRORS,
  async handler(p, { actor }) {
    const user = await resolveUser(actor, p);
    const moved = await transferToAppUser(actor, {
      applicationId: user.applicationId,
      userId: user.id,
      direction: p.amount > 0 ? "to_user" : "to_account",
      amountMinor: Math.abs(p.amount),
      currency: p.currency,
    });
    return done({ balance: moved.accountBalanceMinor / 100, user_balance: moved.user.balanceMinor / 100 });
  },
});

export const userMethods: RegisteredMethod[] = [addUser, getUsers, setUserInfo, delUser, transferMoneyToUser] as RegisteredMethod[];
