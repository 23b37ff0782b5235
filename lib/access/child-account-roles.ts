// Child account roles (seed 004, docs/PRODUCT.md section 5). Each child account holds exactly one,
// set and changed at any time by the account that created it. They limit what the child
// ACCOUNT may do, whoever acts in it (its owner, its subusers, its keys): a second axis beside
// the subuser/key roles of the matrix, kept here so that no other module names a role.
//
// Who may manage child accounts at all: the account owner's own login in the panel (ours:
// docs/PRODUCT.md section 9, "MainAccount only"), and keys the account owner created whose roles
// allow the API method (lib/access/api-methods.ts). Subusers never, nor their keys, whatever
// their roles; and a subuser's key never acts on a child account at all (keyMayActOnChild).
import { AppError } from "@/lib/core/errors";
import type { Actor } from "./actor-types";
import { isAccountOwner, ownerOnlyRefusal } from "./account-owner";
import { canCallApi, keyMayCall, type ApiMethod } from "./api-methods";

export const CHILD_ACCOUNT_ROLES = ["Administrator", "Developer", "ProvisioningAgent"] as const;
export type ChildAccountRole = (typeof CHILD_ACCOUNT_ROLES)[number];

/** A new child account's role when the parent names none (ours): full access, as the seed's first role. */
export const DEFAULT_CHILD_ACCOUNT_ROLE: ChildAccountRole = "Administrator";

/** What the seed says a child role may lose. Top-level accounts (no child role) keep everything. */
export type ChildAccountCapability =
  | "manage_child_accounts"
  | "read_organisation_data"
  | "caller_ids"
  | "read_sms_text"
  | "delete_recordings";

const DENIED: Record<ChildAccountRole, readonly ChildAccountCapability[]> = {
  Administrator: [],
  // "like Administrator but cannot manage sub-accounts, read the organisation's data or use caller IDs"
  Developer: ["manage_child_accounts", "read_organisation_data", "caller_ids"],
  // "cannot create or manage sub-accounts, cannot read SMS text, cannot delete recordings"
  ProvisioningAgent: ["manage_child_accounts", "read_sms_text", "delete_recordings"],
};

/** What each role means, in the seed's words, for the panel's role choice. */
export const CHILD_ACCOUNT_ROLE_HINTS: Record<ChildAccountRole, string> = {
  Administrator: "Full access; may create and manage child accounts of its own.",
  Developer: "Like Administrator, but cannot manage child accounts, read the organisation's data or use caller IDs.",
  ProvisioningAgent: "Cannot manage child accounts, read the text of SMS messages or delete recordings.",
};

export function isChildAccountRole(value: string): value is ChildAccountRole {
  return (CHILD_ACCOUNT_ROLES as readonly string[]).includes(value);
}

/** A role name as a client may spell it (any case), or undefined. */
export function childAccountRoleByName(name: string): ChildAccountRole | undefined {
  const wanted = name.trim().toLowerCase();
  return CHILD_ACCOUNT_ROLES.find((r) => r.toLowerCase() === wanted);
}

/**
 * Whether an account may use a capability, given its stored child role (null: a top-level
 * account, unrestricted). An unknown stored string fails closed: it grants nothing.
 */
export function childAccountMay(childRole: string | null, capability: ChildAccountCapability): boolean {
  if (childRole === null) return true;
  if (!isChildAccountRole(childRole)) return false;
  return !DENIED[childRole].includes(capability);
}

/**
 * Whether a key may act on a child account of its account (a token whose `iss` is the child's
 * id, docs/management-api.md "Child accounts"). It acts there with exactly the reach its creator
 * has: the parent's account owner reaches its children, a subuser reaches none (child accounts
 * are the owner's alone), so only keys the account owner created (`subuserId` null) may. The
 * child's own role then limits what they do there (childAccountMay).
 */
export function keyMayActOnChild(key: { subuserId: number | null }): boolean {
  return key.subuserId === null;
}

/**
 * The first check of every child-account function: keys by the method's roles and owner-only
 * reach (104: only keys the account owner created), panel principals only as the account
 * owner's own login. The account's own child role is checked by the domain (it needs the
 * database), with childAccountMay.
 */
export function authorizeChildAccounts(actor: Actor, method: ApiMethod): void {
  if (actor.kind === "key") {
    if (!canCallApi(actor.roles, method)) {
      throw new AppError("FORBIDDEN", { message: `The key's roles do not allow ${method}` });
    }
    if (!keyMayCall(actor, method)) {
      throw new AppError("FORBIDDEN", { message: `Only keys created by the account owner may call ${method}` });
    }
    return;
  }
  if (!isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: ownerOnlyRefusal("child_accounts") });
}
