// Child account inputs (seed 004, docs/PRODUCT.md section 5), shared by the Management API (AddAccount,
// GetChildrenAccounts, SetChildAccountInfo) and any panel form. Names, emails and passwords
// follow the same rules as signup: one schema each, imported, never restated.
import { z } from "zod";
import { childAccountRoleByName, CHILD_ACCOUNT_ROLES, DEFAULT_CHILD_ACCOUNT_ROLE } from "@/lib/access/child-account-roles";
import { ZAccountName, ZEmail } from "@/lib/domains/accounts/schemas";
import { issue, zId } from "@/lib/core/validate";
import { ZPassword } from "@/lib/auth/password-rule";
import { minorToMajor, zMajorAmount } from "@/lib/domains/billing/schemas";

export const ZChildAccountId = zId("Invalid account id", "account_not_found");

/** One of the child roles, in any case. */
export const ZChildAccountRole = z.string().transform((v, ctx) => {
  const role = childAccountRoleByName(v);
  if (!role) {
    issue(ctx, `Child account role must be one of ${CHILD_ACCOUNT_ROLES.join(", ")}`);
    return z.NEVER;
  }
  return role;
});

export const ZCreateChildAccountInput = z.object({
  name: ZAccountName,
  email: ZEmail,
  password: ZPassword,
  /** (ours) On unless said otherwise: a child account is made to be used. */
  active: z.boolean().default(true),
  role: ZChildAccountRole.default(DEFAULT_CHILD_ACCOUNT_ROLE),
});
export type CreateChildAccountInput = z.input<typeof ZCreateChildAccountInput>;

const MAX_TARGETS = 1000;
const ZIdsOrAll = z.union([z.literal("all"), z.array(ZChildAccountId).min(1).max(MAX_TARGETS)]);

/** Which children a change applies to: ids (or all), names, or emails; exactly one way. */
export const ZChildAccountTarget = z.union([
  z.strictObject({ ids: ZIdsOrAll }),
  z.strictObject({ names: z.array(z.string().trim().toLowerCase().min(1).max(64)).min(1).max(MAX_TARGETS) }),
  z.strictObject({ emails: z.array(z.string().trim().toLowerCase().min(1).max(254)).min(1).max(MAX_TARGETS) }),
]);
export type ChildAccountTarget = z.input<typeof ZChildAccountTarget>;

export const ZUpdateChildAccountsInput = z.object({
  target: ZChildAccountTarget,
  email: ZEmail.optional(),
  password: ZPassword.optional(),
  active: z.boolean().optional(),
  role: ZChildAccountRole.optional(),
});
export type UpdateChildAccountsInput = z.input<typeof ZUpdateChildAccountsInput>;

export const CHILD_ACCOUNT_SORTS = ["id", "name", "email"] as const;

export const ZListChildAccountsInput = z.object({
  ids: ZIdsOrAll.optional(),
  /** Substring filters. */
  namePart: z.string().trim().toLowerCase().max(64).optional(),
  emailPart: z.string().trim().toLowerCase().max(254).optional(),
  active: z.boolean().optional(),
  /** Ids that are not children of the account are skipped instead of refused. */
  ignoreInvalid: z.boolean().default(false),
  orderBy: z.enum(CHILD_ACCOUNT_SORTS).default("id"),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(20),
});
export type ListChildAccountsInput = z.input<typeof ZListChildAccountsInput>;

/** The panel's "Change role" dialog: one child, its new role (seed 004: only the account that created it may). */
export const ZSetChildAccountRoleInput = z.object({ childId: ZChildAccountId, role: ZChildAccountRole });
export type SetChildAccountRoleInput = z.input<typeof ZSetChildAccountRoleInput>;

/** The panel's Suspend / Reactivate: suspending ends the child's sessions; it cannot log in or call the API. */
export const ZSetChildAccountActiveInput = z.object({ childId: ZChildAccountId, active: z.boolean({ error: "Active must be true or false" }) });
export type SetChildAccountActiveInput = z.input<typeof ZSetChildAccountActiveInput>;

/** The largest single move of balance to a child account, minor units. */
export const CHILD_TRANSFER_MAX_MINOR = 100_000_00;

const transferAmount = z
  .number({ error: "Enter an amount" })
  .int("Enter the amount in whole cents")
  .min(1, "Enter an amount above 0")
  .max(CHILD_TRANSFER_MAX_MINOR, `The largest move is ${minorToMajor(CHILD_TRANSFER_MAX_MINOR)}`);

/** Move balance to a child (PRODUCT.md section 5): one child, an amount in minor units of the shared currency. */
export const ZTransferToChildInput = z.object({ childId: ZChildAccountId, amountMinor: transferAmount });
export type TransferToChildInput = z.input<typeof ZTransferToChildInput>;

/** The panel's "Move balance" form: the amount as typed, in major units ("25.50"). */
export const ZTransferToChildForm = z.object({ childId: ZChildAccountId, amount: zMajorAmount("amount").pipe(transferAmount) });
export type TransferToChildForm = z.input<typeof ZTransferToChildForm>;
