// The role_id / role_name parameter pair (exactly one of them; 449 when both): ids and names
// resolve to the panel's role names through lib/access/api-roles.ts. Unknown ids answer 440,
// unknown names 441.
import { z } from "zod";
import type { AssignableRole } from "@/lib/access/matrix";
import { apiRoleById, apiRoleByName } from "@/lib/access/api-roles";
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
