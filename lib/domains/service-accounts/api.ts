import "server-only";
// Role System: service-account keys. Every handler calls lib/domains/service-accounts, the same
// functions the panel's Service accounts page uses (reach and role caps come from the one pure
// rule of lib/access/key-reach.ts; audit lives there once).
import { z } from "zod";
import { addKeyRoles, createKey, deleteKey, removeKeyRoles, updateKey } from "./mutations";
import { getKeyRoles, listKeys, type KeyDto } from "./queries";
import { ZKeyDescription, ZKeyId, ZKeyName } from "./schemas";
import type { ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import { heldRolesView, resolveRoles, ROLE_FIELD, roleParams, ROLES_ONE_OF, ZRoleView } from "@/lib/api/roles";
import { subUserView, ZSubUserView } from "@/lib/domains/subusers/api";
import * as w from "@/lib/api/wire";

// Wire structures.

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

const GROUP = "Role system";

const keyId = w.text(ZKeyId, { description: "The key id (a UUID)" });

const KEY_ERRORS: ErrorMapping = {
  fields: { keyId: "key_id", name: "key_name", description: "description", roles: ROLE_FIELD },
};

function keyView(k: KeyDto, withRoles: boolean): KeyView {
  return {
    key_id: k.id,
    key_name: k.name,
    description: k.description,
    ...(withRoles ? { roles: heldRolesView(k.roles, false) } : {}),
    ...(k.subuser ? { subuser: [subUserView(k.subuser, false)] } : {}),
  };
}

export const createKeyMethod = defineMethod({
  name: "CreateKey",
  group: GROUP,
  summary:
    "Creates a key pair with optional roles (never more than the calling key's). Returns an array of one KeyInfo: the private key is shown this once.",
  params: z.object({
    key_name: w.text(ZKeyName, { description: "The key's name, 1 to 50 characters" }).optional(),
    description: w.text(ZKeyDescription, { description: "The key's description" }).optional(),
    ...roleParams,
  }),
  oneOf: [ROLES_ONE_OF(false)],
  response: okResponse(z.array(ZKeyInfo)),
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    const { credentials } = await createKey(actor, { name: p.key_name, description: p.description ?? "", roles: resolveRoles(p) });
    return ok([credentials]);
  },
});

export const getKeys = defineMethod({
  name: "GetKeys",
  group: GROUP,
  summary:
    "Lists the keys this key reaches: those of its own principal (its creator) whose roles lie within its own; a key with the Owner role acts with all of its creator's roles.",
  params: z.object({
    key_id: keyId.optional(),
    with_roles: w.bool({ description: "Whether to include each key's roles" }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZKeyView),
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listKeys(actor, { keyId: p.key_id, count: p.count, offset: p.offset });
    return page(items.map((k) => keyView(k, p.with_roles ?? false)), total);
  },
});

export const updateKeyMethod = defineMethod({
  name: "UpdateKey",
  group: GROUP,
  summary: "Changes a key's description and, optionally, its name. Only a key within the caller's reach (else 104).",
  params: z.object({
    key_id: keyId,
    description: w.text(ZKeyDescription, { description: "The key's new description" }),
    key_name: w.text(ZKeyName, { description: "The key's new name" }).optional(),
  }),
  response: DONE_RESPONSE,
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    await updateKey(actor, { keyId: p.key_id, description: p.description, name: p.key_name });
    return done();
  },
});

export const deleteKeyMethod = defineMethod({
  name: "DeleteKey",
  group: GROUP,
  summary: "Deletes a key within the caller's reach (else 104): its next request fails with 100.",
  params: z.object({ key_id: keyId }),
  response: DONE_RESPONSE,
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    await deleteKey(actor, { keyId: p.key_id });
    return done();
  },
});

export const setKeyRoles = defineMethod({
  name: "SetKeyRoles",
  group: GROUP,
  summary: "Adds roles to a key within the caller's reach (the roles it holds stay), never beyond the calling key's own nor the key's creator's.",
  params: z.object({ key_id: keyId, ...roleParams }),
  oneOf: [ROLES_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    await addKeyRoles(actor, { keyId: p.key_id, roles: resolveRoles(p) });
    return done();
  },
});

export const getKeyRolesMethod = defineMethod({
  name: "GetKeyRoles",
  group: GROUP,
  summary: "A key's roles; with_expanded_roles adds the roles they imply (inherited: true).",
  params: z.object({
    key_id: keyId,
    with_expanded_roles: w.bool({ description: "Whether to add the implied roles" }).optional(),
  }),
  response: listResponse(ZRoleView),
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    const roles = heldRolesView(await getKeyRoles(actor, { keyId: p.key_id }), p.with_expanded_roles ?? false);
    return page(roles, roles.length);
  },
});

export const removeKeyRolesMethod = defineMethod({
  name: "RemoveKeyRoles",
  group: GROUP,
  summary: "Removes roles from a key within the caller's reach (else 104).",
  params: z.object({ key_id: keyId, ...roleParams }),
  oneOf: [ROLES_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: KEY_ERRORS,
  async handler(p, { actor }) {
    await removeKeyRoles(actor, { keyId: p.key_id, roles: resolveRoles(p) });
    return done();
  },
});

export const keyMethods: RegisteredMethod[] = [
  createKeyMethod,
  getKeys,
  updateKeyMethod,
  deleteKeyMethod,
  setKeyRoles,
  getKeyRolesMethod,
  removeKeyRolesMethod,
] as RegisteredMethod[];
