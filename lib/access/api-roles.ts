// Service-account (API key) roles as the Management API shows them: stable ids, groups, the
// gui_only flag and the roles a held set implies (docs/management-api.md, "Roles for keys"). The
// role names are the panel's; the relations between them are derived from the panel matrix,
// so nothing here can drift from it.
import { ASSIGNABLE_ROLES, isAssignableRole, sectionsFor, type AssignableRole, type RoleHolder } from "./matrix";

/** Stable wire ids (ours). Never renumber: clients store them. */
export const API_ROLE_IDS = {
  Owner: 1,
  Admin: 2,
  Support: 3,
  Developer: 4,
  Supervisor: 5,
  CallListManager: 6,
  Accountant: 7,
  UserManager: 8,
  Payer: 9,
  PayerNoVerify: 10,
  PhoneNumberManager: 11,
} as const satisfies Record<AssignableRole, number>;

/** Roles that exist for the panel only (payment flows); keys may still hold them. */
const GUI_ONLY: ReadonlySet<AssignableRole> = new Set(["Payer", "PayerNoVerify"]);

export type ApiRoleGroup = { id: number; name: string; roles: readonly AssignableRole[] };

/** Role groups (ours), for GetRoleGroups and GetRoles' group_name filter. */
export const API_ROLE_GROUPS: readonly ApiRoleGroup[] = [
  { id: 1, name: "Management", roles: ["Owner", "Admin"] },
  { id: 2, name: "Development", roles: ["Developer"] },
  { id: 3, name: "Operations", roles: ["Supervisor", "Support", "CallListManager", "UserManager"] },
  { id: 4, name: "Finance", roles: ["Accountant", "Payer", "PayerNoVerify", "PhoneNumberManager"] },
];

/** Every assignable role in wire-id order (GetRoles' order). */
export const API_ROLES_BY_ID: readonly AssignableRole[] = [...ASSIGNABLE_ROLES].sort((a, b) => API_ROLE_IDS[a] - API_ROLE_IDS[b]);

export function apiRoleId(role: AssignableRole): number {
  return API_ROLE_IDS[role];
}

export function isGuiOnlyRole(role: AssignableRole): boolean {
  return GUI_ONLY.has(role);
}

/** The role with this wire id, or undefined (the API answers 440). */
export function apiRoleById(id: number): AssignableRole | undefined {
  return API_ROLES_BY_ID.find((r) => API_ROLE_IDS[r] === id);
}

/** The role with this name, case-insensitively, or undefined (the API answers 441). */
export function apiRoleByName(name: string): AssignableRole | undefined {
  const wanted = name.trim().toLowerCase();
  return ASSIGNABLE_ROLES.find((r) => r.toLowerCase() === wanted);
}

export function apiRoleGroupByName(name: string): ApiRoleGroup | undefined {
  const wanted = name.trim().toLowerCase();
  return API_ROLE_GROUPS.find((g) => g.name.toLowerCase() === wanted);
}

function isSubset<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

const SECTIONS_OF = new Map(ASSIGNABLE_ROLES.map((r) => [r, sectionsFor([r])]));

/** Roles implied by `role` (ours): every other role whose panel sections are a subset of its own. */
export function rolesImpliedBy(role: AssignableRole): AssignableRole[] {
  const mine = SECTIONS_OF.get(role)!;
  return API_ROLES_BY_ID.filter((r) => r !== role && isSubset(SECTIONS_OF.get(r)!, mine));
}

/**
 * with_expanded_roles: the roles a held set implies but does not hold, each with the held roles
 * that imply it (parent_role_id), in wire-id order.
 */
export function expandRoles(held: readonly AssignableRole[]): { role: AssignableRole; impliedBy: AssignableRole[] }[] {
  const direct = new Set(held);
  return API_ROLES_BY_ID.filter((r) => !direct.has(r))
    .map((role) => ({ role, impliedBy: API_ROLES_BY_ID.filter((h) => direct.has(h) && rolesImpliedBy(h).includes(role)) }))
    .filter((x) => x.impliedBy.length > 0);
}

/**
 * A key holding this role acts on keys with every role its creator holds: it reaches every key
 * of its own principal and may grant any role its creator holds; other keys act with the roles
 * they hold (lib/access/key-reach.ts keyAuthority). Neither ever reaches another principal's keys.
 */
const KEY_SUPER_ROLE: AssignableRole = "Owner";

export function isSuperKey(holder: RoleHolder): boolean {
  return holder.roles.includes(KEY_SUPER_ROLE);
}

/** The role the demo seed's service account holds (docs/PRODUCT.md section 10). */
export const DEMO_SERVICE_ACCOUNT_ROLES: readonly AssignableRole[] = [KEY_SUPER_ROLE];

/** Keeps only assignable role names, deduplicated, in the matrix's order: unknown strings grant nothing. */
export function assignableRolesOf(roles: readonly string[]): AssignableRole[] {
  const held = new Set(roles.filter(isAssignableRole));
  return ASSIGNABLE_ROLES.filter((r) => held.has(r));
}
