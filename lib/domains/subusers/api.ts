import "server-only";
// Role System: subusers and the role catalogue. Every handler calls lib/domains/subusers, the same
// functions the panel's server actions use; the rules (name, password, 436/438/439/448, ...)
// live there once.
import { z } from "zod";
import type { AssignableRole } from "@/lib/access/matrix";
import { API_ROLE_GROUPS, API_ROLES_BY_ID, apiRoleGroupByName } from "@/lib/access/api-roles";
import { PASSWORD_RULE, ZPassword } from "@/lib/auth/password-rule";
import {
  addSubuserRoles,
  createSubuser,
  deleteSubuser,
  removeSubuserRoles,
  setSubuserPassword,
  updateSubuser,
} from "./mutations";
import { getSubuser, getSubuserRoles, listSubusers } from "./queries";
import { ZSubuserDescription, ZSubuserName } from "./schemas";
import { API_ERROR, ApiError, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import { catalogueRoleView, heldRolesView, resolveRoles, ROLE_FIELD, roleGroupView, roleParams, ROLES_ONE_OF, ZRoleGroupView, ZRoleView } from "@/lib/api/roles";
import * as w from "@/lib/api/wire";

// Wire structures.

export const ZSubUserView = z
  .object({
    subuser_id: z.number().int(),
    subuser_name: z.string(),
    description: z.string(),
    roles: z.array(ZRoleView).optional(),
  })
  .meta({ id: "SubUserView" });
export type SubUserView = z.output<typeof ZSubUserView>;

export function subUserView(s: { id: number; name: string; description: string; roles?: readonly AssignableRole[] }, withRoles: boolean): SubUserView {
  return {
    subuser_id: s.id,
    subuser_name: s.name,
    description: s.description,
    ...(withRoles && s.roles ? { roles: heldRolesView(s.roles, false) } : {}),
  };
}

const GROUP = "Role system";

const subuserId = w.id(API_ERROR.INVALID_SUBUSER_ID, { description: "The subuser id" });

const SUBUSER_ERRORS: ErrorMapping = {
  fields: {
    subuserId: "subuser_id",
    name: "new_subuser_name",
    password: "new_subuser_password",
    oldPassword: "old_subuser_password",
    roles: ROLE_FIELD,
    description: "description",
  },
};

/** AddSubUser: a subuser with the given roles (Owner keys only). */
export const addSubUser = defineMethod({
  name: "AddSubUser",
  group: GROUP,
  summary: "Creates a subuser. The name is stored lowercase and must be unique in the account.",
  params: z.object({
    new_subuser_name: w.text(ZSubuserName, { description: "5 to 20 characters: a latin letter first, then latin letters, digits and hyphens" }),
    new_subuser_password: w.text(ZPassword, {
      description: PASSWORD_RULE,
    }),
    ...roleParams,
    description: w.text(ZSubuserDescription, { description: "The subuser's description" }).optional(),
  }),
  oneOf: [ROLES_ONE_OF(false)],
  response: okResponse(z.object({ subuser_id: z.number().int() })),
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    const sub = await createSubuser(actor, {
      name: p.new_subuser_name,
      password: p.new_subuser_password,
      roles: resolveRoles(p),
      description: p.description ?? "",
    });
    return ok({ subuser_id: sub.id });
  },
});

/** GetSubUsers: the account's subusers, by name. */
export const getSubUsers = defineMethod({
  name: "GetSubUsers",
  group: GROUP,
  summary: "Lists the account's subusers.",
  params: z.object({
    subuser_id: subuserId.optional(),
    with_roles: w.bool({ description: "Whether to include each subuser's roles" }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZSubUserView),
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listSubusers(actor, { subuserId: p.subuser_id, count: p.count, offset: p.offset });
    return page(items.map((s) => subUserView(s, p.with_roles ?? false)), total);
  },
});

/** SetSubUserInfo: a new password (with the current one) and/or a new description. */
export const setSubUserInfo = defineMethod({
  name: "SetSubUserInfo",
  group: GROUP,
  summary: "Changes a subuser's password (the current one is required with it) and/or description.",
  params: z.object({
    subuser_id: subuserId,
    old_subuser_password: w.text(z.string().max(1024), { description: "The current password; required with new_subuser_password" }).optional(),
    new_subuser_password: w.text(ZPassword, { description: "The new password" }).optional(),
    description: w.text(ZSubuserDescription, { description: "The new description" }).optional(),
  }),
  response: DONE_RESPONSE,
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    if (p.old_subuser_password !== undefined && p.new_subuser_password === undefined) {
      throw new ApiError(API_ERROR.SPECIFY_PARAM, "Specify the 'new_subuser_password' parameter");
    }
    if (p.new_subuser_password === undefined && p.description === undefined) {
      await getSubuser(actor, { subuserId: p.subuser_id });
      return done();
    }
    // The password first: it is the part that can be refused (448, wrong current password), so
    // a refused call changes nothing.
    if (p.new_subuser_password !== undefined) {
      await setSubuserPassword(actor, { subuserId: p.subuser_id, password: p.new_subuser_password, oldPassword: p.old_subuser_password });
    }
    if (p.description !== undefined) await updateSubuser(actor, { subuserId: p.subuser_id, description: p.description });
    return done();
  },
});

export const delSubUser = defineMethod({
  name: "DelSubUser",
  group: GROUP,
  summary: "Deletes a subuser, its sessions and its keys.",
  params: z.object({ subuser_id: subuserId }),
  response: DONE_RESPONSE,
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    await deleteSubuser(actor, { subuserId: p.subuser_id });
    return done();
  },
});

export const setSubUserRoles = defineMethod({
  name: "SetSubUserRoles",
  group: GROUP,
  summary: "Adds roles to a subuser (the roles it holds stay).",
  params: z.object({ subuser_id: subuserId, ...roleParams }),
  oneOf: [ROLES_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    await addSubuserRoles(actor, { subuserId: p.subuser_id, roles: resolveRoles(p) });
    return done();
  },
});

export const getSubUserRoles = defineMethod({
  name: "GetSubUserRoles",
  group: GROUP,
  summary: "A subuser's roles; with_expanded_roles adds the roles they imply (inherited: true).",
  params: z.object({
    subuser_id: subuserId,
    with_expanded_roles: w.bool({ description: "Whether to add the implied roles" }).optional(),
  }),
  response: listResponse(ZRoleView),
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    const roles = heldRolesView(await getSubuserRoles(actor, { subuserId: p.subuser_id }), p.with_expanded_roles ?? false);
    return page(roles, roles.length);
  },
});

export const removeSubUserRoles = defineMethod({
  name: "RemoveSubUserRoles",
  group: GROUP,
  summary:
    "Removes roles from a subuser. If one of its keys holds a removed role: 439, unless force=true, which removes it from those keys too.",
  params: z.object({
    subuser_id: subuserId,
    ...roleParams,
    force: w.bool({ description: "Also remove the roles from the subuser's keys" }).optional(),
  }),
  oneOf: [ROLES_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: SUBUSER_ERRORS,
  async handler(p, { actor }) {
    await removeSubuserRoles(actor, { subuserId: p.subuser_id, roles: resolveRoles(p), force: p.force ?? false });
    return done();
  },
});

export const getRoles = defineMethod({
  name: "GetRoles",
  group: GROUP,
  summary: "The roles a subuser or key can hold, with ids, the roles each implies (child_ids) and gui_only.",
  params: z.object({ group_name: w.text(z.string().max(64), { description: "Only the roles of this group (GetRoleGroups)" }).optional() }),
  response: listResponse(ZRoleView),
  async handler(p) {
    let roles = API_ROLES_BY_ID;
    if (p.group_name !== undefined && p.group_name.trim() !== "") {
      const group = apiRoleGroupByName(p.group_name);
      if (!group) throw new ApiError(API_ERROR.INVALID_ARGUMENTS, `Invalid 'group_name': there is no role group named '${p.group_name.slice(0, 64)}'`);
      roles = roles.filter((r) => group.roles.includes(r));
    }
    return page(roles.map(catalogueRoleView), roles.length);
  },
});

export const getRoleGroups = defineMethod({
  name: "GetRoleGroups",
  group: GROUP,
  summary: "The role groups.",
  params: z.object({}),
  response: listResponse(ZRoleGroupView),
  async handler() {
    return page(API_ROLE_GROUPS.map(roleGroupView), API_ROLE_GROUPS.length);
  },
});

export const roleSystemMethods: RegisteredMethod[] = [
  addSubUser,
  getSubUsers,
  setSubUserInfo,
  delSubUser,
  setSubUserRoles,
  getSubUserRoles,
  removeSubUserRoles,
  getRoles,
  getRoleGroups,
] as RegisteredMethod[];
