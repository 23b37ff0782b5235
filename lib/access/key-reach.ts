// Key reach (docs/management-api.md "Roles for keys", docs/SECURITY.md "Key reach"): which service
// accounts (API keys) a caller may read or change, and which roles it may put on them. ONE rule,
// asked by the Management API's key methods and by the panel's Service accounts page and actions
// alike (lib/domains/service-accounts). Pure: the domain loads the rows and asks here.
//
// The rule: a key belongs to the principal that created it (the account owner, or a subuser).
// A caller reaches a key only when the key belongs to the caller's own principal AND the key's
// roles are a subset of the caller's authority (below); a key always reaches itself. Roles a
// caller grants never exceed its authority nor the roles of the target key's creator. So a
// Support key cannot delete, rename, strip or even list an Owner key, and a subuser's key cannot
// touch (let alone raise) a key of the account owner.
import { ASSIGNABLE_ROLES, type AssignableRole } from "./matrix";
import { assignableRolesOf, isSuperKey } from "./api-roles";

/** Who acts on keys, with exactly what the rule needs. Built by the domain from the actor (and, for a key, its creator's row). */
export type KeyCaller =
  /** The account owner's own panel login: above every principal of its account. */
  | { kind: "owner" }
  /** A subuser in the panel: the principal itself. */
  | { kind: "subuser"; subuserId: number; roles: readonly string[] }
  /**
   * An API key: its id, its principal (`subuserId`, null for the account owner), the roles it
   * holds, and its creator's roles (null when the creator is the account owner, who holds every
   * role).
   */
  | { kind: "key"; keyId: string; subuserId: number | null; roles: readonly string[]; creatorRoles: readonly string[] | null };

/** A key as the rule sees it: its id, its principal (null: the account owner) and its stored roles. */
export type KeyTarget = { id: string; subuserId: number | null; roles: readonly string[] };

/** Why a caller reaches a key or not; anything but "reach" is refused (API 104, panel FORBIDDEN). */
export type KeyReachVerdict = "reach" | "other_principal" | "outranks";

/**
 * The roles a caller acts with on keys: what it may reach (a key's roles must lie within them)
 * and grant. Fails closed: unknown role strings count for nothing.
 * - the account owner's login: every assignable role;
 * - a subuser: the roles it holds;
 * - a key: the roles it holds that its creator still holds (a key never exceeds its creator);
 *   a key holding the Owner role (api-roles.ts isSuperKey) acts with all of its creator's roles,
 *   so an Owner key of the account owner reaches every key of the owner (the contract's words).
 */
export function keyAuthority(caller: KeyCaller): AssignableRole[] {
  switch (caller.kind) {
    case "owner":
      return [...ASSIGNABLE_ROLES];
    case "subuser":
      return assignableRolesOf(caller.roles);
    case "key": {
      const cap = caller.creatorRoles === null ? [...ASSIGNABLE_ROLES] : assignableRolesOf(caller.creatorRoles);
      const held = assignableRolesOf(caller.roles).filter((r) => cap.includes(r));
      return isSuperKey({ roles: held }) ? cap : held;
    }
  }
}

/** The principal whose keys a caller may touch: null for the account owner, else a subuser id. */
function principalOf(caller: Exclude<KeyCaller, { kind: "owner" }>): number | null {
  return caller.subuserId;
}

/**
 * Whether `caller` may read, rename, delete or change the roles of `target` (both in the same
 * account: the domain scopes by tenant first, so another account's key is simply not found).
 * The account owner's own login reaches every key of its account: it is above every principal
 * (it can delete the subuser, and with it its keys), and holds every role.
 */
export function keyReachVerdict(caller: KeyCaller, target: KeyTarget): KeyReachVerdict {
  if (caller.kind === "owner") return "reach";
  if (caller.kind === "key" && caller.keyId === target.id) return "reach";
  if (principalOf(caller) !== target.subuserId) return "other_principal";
  const authority = new Set<string>(keyAuthority(caller));
  return target.roles.every((r) => authority.has(r)) ? "reach" : "outranks";
}

export function mayReachKey(caller: KeyCaller, target: KeyTarget): boolean {
  return keyReachVerdict(caller, target) === "reach";
}

/** The refusal for a verdict other than "reach", naming the rule (not the key's roles). */
export function keyReachRefusal(verdict: Exclude<KeyReachVerdict, "reach">): string {
  return verdict === "other_principal"
    ? "This key belongs to another principal: a key can only be managed by its creator's own keys (or the account owner)"
    : "This key holds roles beyond yours: you can only manage keys whose roles are within your own";
}

/**
 * The roles `caller` may put on a key whose creator holds `creatorRoles` (null: the account
 * owner, every role): the caller's authority, capped by that creator's roles, since a key never
 * holds more than its creator (so the account owner cannot raise a Support subuser's key to
 * Admin either). In the matrix's role order.
 */
export function grantableKeyRoles(caller: KeyCaller, creatorRoles: readonly string[] | null): AssignableRole[] {
  const cap = creatorRoles === null ? null : new Set<string>(creatorRoles);
  return keyAuthority(caller).filter((r) => cap === null || cap.has(r));
}

/** The roles of the principal a new key of `caller` belongs to (null: the account owner). */
export function callerPrincipalRoles(caller: KeyCaller): readonly string[] | null {
  switch (caller.kind) {
    case "owner":
      return null;
    case "subuser":
      return caller.roles;
    case "key":
      return caller.creatorRoles;
  }
}
