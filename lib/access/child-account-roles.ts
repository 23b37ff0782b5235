// Child account roles (seed 004, docs/PRODUCT.md section 5). Each child account holds exactly one,
// set and changed at any time by the account that created it. They limit what the child
// ACCOUNT may do, whoever acts in it (its owner, its subusers, its keys): a second axis beside
// the subuser/key roles of the matrix, kept here so that no other module names a role.
//
// Who may manage child accounts at all: the account owner's own login in the panel (ours:
// docs/PRODUCT.md section 9, "MainAccount only"), and keys whose roles allow the API method
// (lib/access/api-methods.ts). Subusers never, whatever their roles.
import { AppError } from "@/lib/core/errors";
import type { Actor } from "./actor-types";
import { canCallApi, type ApiMethod } from "./api-methods";
import { isAccountOwner } from "./preview";

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
 * The first check of every child-account function: keys by the method's roles (104), panel
 * principals only as the account owner. The account's own child role is checked by the domain
 * (it needs the database), with childAccountMay.
 */
export function authorizeChildAccounts(actor: Actor, method: ApiMethod): void {
  if (actor.kind === "key") {
    if (!canCallApi(actor.roles, method)) {
      throw new AppError("FORBIDDEN", { message: `The key's roles do not allow ${method}` });
    }
    return;
  }
  if (!isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: "Only the account owner can manage child accounts." });
}
