// Wire structures of the Management API (management-api.md "Structures"), as zod schemas (for
// the OpenAPI document and the tests) and the converters that build them from domain DTOs.
// Ids are JSON numbers except key_id; timestamps are "YYYY-MM-DD HH:mm:ss" UTC or null.
import { z } from "zod";
import type { AssignableRole } from "@/lib/access/matrix";
import { apiRoleId, expandRoles, isGuiOnlyRole, rolesImpliedBy, type ApiRoleGroup } from "@/lib/access/api-roles";
import { formatApiDate } from "./wire";

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).nullable().meta({ description: "YYYY-MM-DD HH:mm:ss, UTC" });

export const ZRoleView = z
  .object({
    role_id: z.number().int(),
    role_name: z.string(),
    inherited: z.boolean().optional().meta({ description: "with_expanded_roles: whether the role is implied by held roles" }),
    parent_role_id: z.array(z.number().int()).optional().meta({ description: "The held roles that imply this one" }),
    child_ids: z.array(z.number().int()).optional().meta({ description: "The roles this role implies" }),
    gui_only: z.boolean(),
  })
  .meta({ id: "RoleView" });
export type RoleView = z.output<typeof ZRoleView>;

export const ZRoleGroupView = z.object({ id: z.number().int(), name: z.string() }).meta({ id: "RoleGroupView" });

export const ZSubUserView = z
  .object({
    subuser_id: z.number().int(),
    subuser_name: z.string(),
    description: z.string(),
    roles: z.array(ZRoleView).optional(),
  })
  .meta({ id: "SubUserView" });
export type SubUserView = z.output<typeof ZSubUserView>;

export const ZKeyInfo = z
  .object({ account_id: z.number().int(), account_email: z.string(), key_id: z.string(), private_key: z.string() })
  .meta({ id: "KeyInfo", description: "The credentials.json of a new key: the private key is shown this once." });
export type KeyInfo = z.output<typeof ZKeyInfo>;

export const ZKeyView = z
  .object({
    key_id: z.string(),
    key_name: z.string(),
    description: z.string(),
    roles: z.array(ZRoleView).optional(),
    subuser: z.array(ZSubUserView).optional().meta({ description: "The subuser that created the key (absent for the account owner's keys)" }),
  })
  .meta({ id: "KeyView" });
export type KeyView = z.output<typeof ZKeyView>;

export const ZAccountInfo = z
  .object({
    account_id: z.number().int(),
    account_name: z.string(),
    account_email: z.string(),
    created: timestamp,
    active: z.boolean(),
    frozen: z.boolean(),
    balance: z.number(),
    currency: z.string(),
    parent_account_id: z.number().int().nullable(),
  })
  .meta({ id: "AccountInfo" });
export type AccountInfo = z.output<typeof ZAccountInfo>;

export function roleView(role: AssignableRole, extra: Partial<RoleView> = {}): RoleView {
  return { role_id: apiRoleId(role), role_name: role, ...extra, gui_only: isGuiOnlyRole(role) };
}

/** GetRoles: every role with the roles it implies. */
export function catalogueRoleView(role: AssignableRole): RoleView {
  return roleView(role, { child_ids: rolesImpliedBy(role).map(apiRoleId) });
}

/**
 * A principal's or key's roles. With `expanded`, held roles say inherited:false and the roles
 * they imply follow with inherited:true and parent_role_id naming the held roles behind them.
 */
export function heldRolesView(held: readonly AssignableRole[], expanded: boolean): RoleView[] {
  if (!expanded) return held.map((r) => roleView(r));
  return [
    ...held.map((r) => roleView(r, { inherited: false })),
    ...expandRoles(held).map(({ role, impliedBy }) => roleView(role, { inherited: true, parent_role_id: impliedBy.map(apiRoleId) })),
  ];
}

export function roleGroupView(g: ApiRoleGroup) {
  return { id: g.id, name: g.name };
}

export function subUserView(s: { id: number; name: string; description: string; roles?: readonly AssignableRole[] }, withRoles: boolean): SubUserView {
  return {
    subuser_id: s.id,
    subuser_name: s.name,
    description: s.description,
    ...(withRoles && s.roles ? { roles: heldRolesView(s.roles, false) } : {}),
  };
}

// Applications, users, key-value storage and child accounts (appended by the methods of
// lib/api/methods/{applications,users,kvs,child-accounts}.ts).

export const ZApplicationInfo = z
  .object({
    application_id: z.number().int(),
    application_name: z.string().meta({ description: "The full name: <name>.<account>.<domain>" }),
    modified: timestamp,
    secure_record_storage: z.boolean(),
  })
  .meta({ id: "ApplicationInfo" });
export type ApplicationInfo = z.output<typeof ZApplicationInfo>;

export function applicationInfo(a: { id: number; fullName: string; updatedAt: Date; secureRecordStorage: boolean }): ApplicationInfo {
  return { application_id: a.id, application_name: a.fullName, modified: formatApiDate(a.updatedAt), secure_record_storage: a.secureRecordStorage };
}

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
    created: timestamp,
    modified: timestamp,
  })
  .meta({ id: "UserInfo" });
export type UserInfo = z.output<typeof ZUserInfo>;

export function userInfo(
  u: { id: number; name: string; displayName: string; active: boolean; parentAccounting: boolean; balanceMinor: number; customData?: string; createdAt: Date; updatedAt: Date },
  app?: ApplicationInfo,
): UserInfo {
  const balance = u.balanceMinor / 100;
  return {
    user_id: u.id,
    user_name: u.name,
    user_display_name: u.displayName,
    user_active: u.active,
    parent_accounting: u.parentAccounting,
    balance,
    live_balance: balance,
    fixed_balance: balance,
    ...(u.customData !== undefined ? { user_custom_data: u.customData } : {}),
    ...(app ? { applications: [app] } : {}),
    created: formatApiDate(u.createdAt),
    modified: formatApiDate(u.updatedAt),
  };
}

const unixSeconds = z.number().int().nullable().meta({ description: "Unix time (seconds) the item expires at" });

export const ZKeyValueItem = z.object({ key: z.string(), value: z.string(), expires_at: unixSeconds }).meta({ id: "KeyValueItems" });
export const ZKeyValueKey = z.object({ key: z.string(), expires_at: unixSeconds }).meta({ id: "KeyValueKeys" });
export type KeyValueItem = z.output<typeof ZKeyValueItem>;
export type KeyValueKey = z.output<typeof ZKeyValueKey>;

const toUnix = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);

export function keyValueItem(i: { key: string; value: string; expiresAt: Date | null }): KeyValueItem {
  return { key: i.key, value: i.value, expires_at: toUnix(i.expiresAt) };
}

export function keyValueKey(i: { key: string; expiresAt: Date | null }): KeyValueKey {
  return { key: i.key, expires_at: toUnix(i.expiresAt) };
}

export const ZChildAccountInfo = ZAccountInfo.extend({
  child_account_role: z.string().nullable().meta({ description: "Administrator, Developer or ProvisioningAgent (set by the parent)" }),
}).meta({ id: "ChildAccountInfo", description: "AccountInfo of a child account, with its role" });
export type ChildAccountInfo = z.output<typeof ZChildAccountInfo>;

export function childAccountInfo(c: { id: number; name: string; email: string; active: boolean; role: string | null; parentId: number; createdAt: Date; balanceMinor: number }, currency: string): ChildAccountInfo {
  return {
    account_id: c.id,
    account_name: c.name,
    account_email: c.email,
    created: formatApiDate(c.createdAt),
    active: c.active,
    frozen: !c.active,
    balance: c.balanceMinor / 100,
    currency,
    parent_account_id: c.parentId,
    child_account_role: c.role,
  };
}
