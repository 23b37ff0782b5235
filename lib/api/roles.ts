// Roles on the wire (docs/management-api.md "Roles for keys"): the role_id / role_name parameter pair
// (exactly one of them; 449 when both), resolved to the panel's role names through
// lib/access/api-roles.ts (unknown ids answer 440, unknown names 441), and the RoleView /
// RoleGroupView structures the Role System methods answer with. Shared by the subusers and
// service-accounts domains, so it lives with the pipeline.
import { z } from "zod";
import type { AssignableRole } from "@/lib/access/matrix";
import { apiRoleById, apiRoleByName, apiRoleId, expandRoles, isGuiOnlyRole, rolesImpliedBy, type ApiRoleGroup } from "@/lib/access/api-roles";
import { API_ERROR, ApiError } from "./errors";
import type { OneOf } from "./registry";
import * as w from "./wire";

export const roleParams = {
  role_id: w.intList({ apiCode: API_ERROR.INVALID_ROLE_ID, description: "The role ids (GetRoles)" }).optional(),
  role_name: w.stringList(z.string().max(64), { description: "The role names (GetRoles)" }).optional(),
};

export const ROLES_ONE_OF = (required: boolean): OneOf => ({ params: ["role_id", "role_name"], required });

/** Where a domain error about `roles` points: the parameter the client used. */
export const ROLE_FIELD = ["role_id", "role_name"] as const;

export function resolveRoles(p: { role_id?: number[]; role_name?: string[] }): AssignableRole[] {
  const out: AssignableRole[] = [];
  for (const id of p.role_id ?? []) {
    const role = apiRoleById(id);
    if (!role) throw new ApiError(API_ERROR.INVALID_ROLE_ID, `Invalid 'role_id': there is no role with id ${id}`);
    out.push(role);
  }
  for (const name of p.role_name ?? []) {
    const role = apiRoleByName(name);
    if (!role) throw new ApiError(API_ERROR.INVALID_ROLE_NAME, `Invalid 'role_name': there is no role named '${name.slice(0, 64)}'`);
    out.push(role);
  }
  return [...new Set(out)];
}


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
