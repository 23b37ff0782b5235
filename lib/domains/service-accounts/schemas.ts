// Service-account (API key) input rules, one set shared by the panel's forms and server
// actions, the mutations and the Management API (CreateKey, UpdateKey, ...). Issues a client must
// tell apart carry their reason (lib/core/errors.ts).
import { z } from "zod";
import { ASSIGNABLE_ROLES, isAssignableRole, type AssignableRole } from "@/lib/access/matrix";
import { safeText } from "@/lib/core/validate";

import { KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "./limits";

export { KEY_DESCRIPTION_MAX, KEY_NAME_MAX } from "./limits";
/** Ours: a bound on keys per account (API error 437 beyond it). */
export const MAX_KEYS_PER_ACCOUNT = 100;

/** 1 to 50 characters (seed 003: "up to 50 characters, cannot be empty"). */
export const ZKeyName = z
  .string({ error: "Name is required" })
  .trim()
  .superRefine((v, ctx) => {
    if (v.length === 0) ctx.addIssue({ code: "custom", message: "Name is required", params: { reason: "required_empty" } });
    else if (v.length > KEY_NAME_MAX) ctx.addIssue({ code: "custom", message: `Name must be at most ${KEY_NAME_MAX} characters` });
  })
  .superRefine(safeText("Name"))
  .meta({ description: `1 to ${KEY_NAME_MAX} characters` });

export const ZKeyDescription = z
  .string()
  .trim()
  .max(KEY_DESCRIPTION_MAX, `Description must be at most ${KEY_DESCRIPTION_MAX} characters`)
  .superRefine(safeText("Description", { multiline: true }));

/** Key ids are UUIDs; anything else cannot name a key (433). */
export const ZKeyId = z
  .string({ error: "Key id is required" })
  .trim()
  .toLowerCase()
  .superRefine((v, ctx) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "Key id is invalid", params: { reason: "key_not_found" } });
    }
  });

/** A set of assignable roles (possibly empty: a key may hold none), deduplicated, in matrix order. */
export const ZKeyRoles = z
  .array(z.string(), { error: "Roles must be a list" })
  .superRefine((roles, ctx) => {
    const unknown = roles.filter((r) => !isAssignableRole(r));
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Unknown role: ${unknown.join(", ")}`, params: { reason: "role_unknown" } });
  })
  .transform((roles): AssignableRole[] => ASSIGNABLE_ROLES.filter((r) => roles.includes(r)));

/** A non-empty role set, for adding or removing roles. */
export const ZKeyRoleChange = ZKeyRoles.refine((r) => r.length > 0, { message: "Choose at least one role", params: { reason: "role_set_invalid" } });

/** The credentials.json of a new key (KeyInfo): the only time the private key exists outside the client. */
export type KeyCredentials = { account_email: string; account_id: number; key_id: string; private_key: string };

export const ZCreateKeyInput = z.object({
  /** Absent through the API (key_name is optional there): a name is generated. */
  name: ZKeyName.optional(),
  description: ZKeyDescription.default(""),
  roles: ZKeyRoles.default([]),
});
export type CreateKeyInput = z.input<typeof ZCreateKeyInput>;

export const ZKeyRef = z.object({ keyId: ZKeyId });
export type KeyRef = z.input<typeof ZKeyRef>;

export const ZUpdateKeyInput = z.object({ keyId: ZKeyId, name: ZKeyName.optional(), description: ZKeyDescription.optional() });
export type UpdateKeyInput = z.input<typeof ZUpdateKeyInput>;

/** The panel's edit dialog: name, description and the whole role set at once. */
export const ZEditKeyInput = z.object({ keyId: ZKeyId, name: ZKeyName, description: ZKeyDescription, roles: ZKeyRoles });
export type EditKeyInput = z.input<typeof ZEditKeyInput>;

export const ZKeyRolesChangeInput = z.object({ keyId: ZKeyId, roles: ZKeyRoleChange });
export type KeyRolesChangeInput = z.input<typeof ZKeyRolesChangeInput>;

export const ZListKeysInput = z.object({
  keyId: ZKeyId.optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(1000),
});
export type ListKeysInput = z.input<typeof ZListKeysInput>;
