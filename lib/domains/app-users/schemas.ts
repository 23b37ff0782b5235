// Application user inputs (seed 002), shared by the panel's user editor, the server actions and
// the Management API (AddUser / SetUserInfo / DelUser / GetUsers).
import { z } from "zod";
import { ZPassword } from "@/lib/auth/password-rule";
import { issue, safeText, zId } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { minorToMajor, zMajorAmount } from "@/lib/domains/billing/schemas";

/** docs/management-api.md: `[a-z0-9][a-z0-9_-]{2,49}`. Stored lowercase, like subuser names. */
export const APP_USER_NAME_RE = /^[a-z0-9][a-z0-9_-]{2,49}$/;
export const DISPLAY_NAME_MAX = 255;
/** Custom data must stay under 8192 characters (API code 212). */
export const CUSTOM_DATA_MAX = 8191;

export const ZAppUserName = z
  .string({ error: "Username is required" })
  .trim()
  .toLowerCase()
  .superRefine((v, ctx) => {
    if (v.length === 0) return issue(ctx, "Username is required", "required_empty");
    if (v.length < 3 || v.length > 50) return issue(ctx, "Username must be 3 to 50 characters");
    if (!APP_USER_NAME_RE.test(v)) {
      issue(ctx, "Username must start with a letter or digit and contain only latin letters, digits, underscores and hyphens");
    }
  });

export const ZDisplayName = z.string({ error: "Display name is required" }).trim().superRefine((v, ctx) => {
  if (v.length === 0) return issue(ctx, "Display name is required", "display_name_invalid");
  if (v.length > DISPLAY_NAME_MAX) return issue(ctx, `Display name must be at most ${DISPLAY_NAME_MAX} characters`, "display_name_invalid");
  safeText("Display name", { reason: "display_name_invalid" })(v, ctx);
});

export const ZCustomData = z.string().superRefine((v, ctx) => {
  if (v.length > CUSTOM_DATA_MAX) return issue(ctx, "Custom data must be shorter than 8192 characters", "custom_data_too_long");
  safeText("Custom data", { multiline: true })(v, ctx);
});

export const ZAppUserId = zId("Invalid user id", "user_not_found");

/** A blank "new password" field means "keep the current one". */
const ZOptionalPassword = z.preprocess((v) => (v === "" || v === null ? undefined : v), ZPassword.optional());

export const ZCreateAppUserInput = z.object({
  applicationId: ZApplicationId,
  name: ZAppUserName,
  password: ZPassword,
  displayName: ZDisplayName,
  active: z.boolean().default(true),
  /** The seed's "separate balance": parent accounting off. */
  separateBalance: z.boolean().default(false),
  customData: ZCustomData.default(""),
});
export type CreateAppUserInput = z.input<typeof ZCreateAppUserInput>;

export const ZUpdateAppUserInput = z.object({
  applicationId: ZApplicationId,
  userId: ZAppUserId,
  /** Rename (SetUserInfo new_user_name). */
  name: ZAppUserName.optional(),
  displayName: ZDisplayName.optional(),
  password: ZOptionalPassword,
  active: z.boolean().optional(),
  separateBalance: z.boolean().optional(),
  customData: ZCustomData.optional(),
});
export type UpdateAppUserInput = z.input<typeof ZUpdateAppUserInput>;

export const ZAppUserRef = z.object({ applicationId: ZApplicationId, userId: ZAppUserId });
export type AppUserRef = z.input<typeof ZAppUserRef>;

/** DelUser's lists: user ids (or `all`), optionally within an application, or usernames within one. */
export const ZDeleteAppUsersInput = z.union([
  z.strictObject({
    applicationId: ZApplicationId.optional(),
    userIds: z.union([z.literal("all"), z.array(ZAppUserId).min(1).max(1000)]),
  }),
  z.strictObject({
    applicationId: ZApplicationId,
    names: z.array(z.string().trim().toLowerCase().min(1).max(50)).min(1).max(1000),
  }),
]);
export type DeleteAppUsersInput = z.input<typeof ZDeleteAppUsersInput>;

/** The largest single move between the account's balance and a user's separate balance, minor units. */
export const USER_TRANSFER_MAX_MINOR = 100_000_00;

const userTransferAmount = z
  .number({ error: "Enter an amount" })
  .int("Enter the amount in whole cents")
  .min(1, "Enter an amount above 0")
  .max(USER_TRANSFER_MAX_MINOR, `The largest move is ${minorToMajor(USER_TRANSFER_MAX_MINOR)}`);

/**
 * Which way money moves (PRODUCT.md section 4: a separate balance "can be topped up from the
 * account balance"): `to_user` tops the user's separate balance up from the account's,
 * `to_account` returns some of it to the account.
 */
export const USER_TRANSFER_DIRECTIONS = ["to_user", "to_account"] as const;
export type UserTransferDirection = (typeof USER_TRANSFER_DIRECTIONS)[number];
const ZUserTransferDirection = z.enum(USER_TRANSFER_DIRECTIONS, { error: "Choose which way the money moves" });

/**
 * A move of money between the account and one user's separate balance, minor units of the
 * account's currency; `currency`, when given, must be that currency (the API's check).
 */
export const ZTransferToAppUserInput = ZAppUserRef.extend({
  direction: ZUserTransferDirection,
  amountMinor: userTransferAmount,
  currency: z.string().trim().toUpperCase().max(10).optional(),
});
export type TransferToAppUserInput = z.input<typeof ZTransferToAppUserInput>;

/** The Users tab's "Move balance" form: the amount as typed, in major units ("25.50"). */
export const ZTransferToAppUserForm = ZAppUserRef.extend({ direction: ZUserTransferDirection, amount: zMajorAmount("amount").pipe(userTransferAmount) });
export type TransferToAppUserForm = z.input<typeof ZTransferToAppUserForm>;

export const ZSetAppUserActiveInput = ZAppUserRef.extend({ active: z.boolean() });
export type SetAppUserActiveInput = z.input<typeof ZSetAppUserActiveInput>;

export const APP_USER_SORTS = ["name", "displayName", "createdAt", "id"] as const;
export type AppUserSort = (typeof APP_USER_SORTS)[number];

/**
 * GetUsers and the panel list. `q` is the panel's one filter box (a username or display-name
 * prefix, see queries.ts); `namePart`/`displayNamePart` are the API's substring filters.
 */
export const ZListAppUsersInput = z.object({
  applicationId: ZApplicationId,
  userId: ZAppUserId.optional(),
  q: z.string().trim().max(100).superRefine(safeText("Filter")).optional(),
  namePart: z.string().trim().max(50).superRefine(safeText("Username filter")).optional(),
  displayNamePart: z.string().trim().max(DISPLAY_NAME_MAX).superRefine(safeText("Display name filter")).optional(),
  active: z.boolean().optional(),
  orderBy: z.enum(APP_USER_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(20),
  withCustomData: z.boolean().default(false),
});
export type ListAppUsersInput = z.input<typeof ZListAppUsersInput>;
