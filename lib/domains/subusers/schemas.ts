// Subuser input rules (seed 000/003, docs/management-api.md), one set shared by the panel forms, the
// server actions, the mutations and the Management API. Each issue a client must tell apart
// carries its reason, which the API answers with the code a Voximplant client expects.
import { z } from "zod";
import { ASSIGNABLE_ROLES, isAssignableRole, type AssignableRole } from "@/lib/access/matrix";
import { ZPassword } from "@/lib/auth/password-rule";
import { issue, safeText, zId } from "@/lib/core/validate";
import { MAX_SUBUSERS_PER_ACCOUNT, SUBUSER_DESCRIPTION_MAX, SUBUSER_NAME_MAX, SUBUSER_NAME_MIN } from "./limits";

export { MAX_SUBUSERS_PER_ACCOUNT, SUBUSER_DESCRIPTION_MAX, SUBUSER_NAME_MAX, SUBUSER_NAME_MIN };

/** 5 to 20 characters, a letter first, then latin letters, digits and hyphens; stored lowercase. */
export const ZSubuserName = z
  .string({ error: "Subuser name is required" })
  .trim()
  .toLowerCase()
  .superRefine((v, ctx) => {
    // An empty field is a missing name, as other forms say (the API drops blank parameters first).
    if (v === "") return issue(ctx, "Subuser name is required", "subuser_name_length");
    if (v.length < SUBUSER_NAME_MIN || v.length > SUBUSER_NAME_MAX) {
      return issue(ctx, `Subuser name must be ${SUBUSER_NAME_MIN} to ${SUBUSER_NAME_MAX} characters long`, "subuser_name_length");
    }
    if (!/^[a-z][a-z0-9-]*$/.test(v)) {
      issue(ctx, "Subuser name must start with a letter and contain only latin letters, digits and hyphens", "subuser_name_symbols");
    }
  });

/**
 * A non-empty set of assignable roles, deduplicated and in the matrix's order. MainAccount (the
 * owner's own login) and unknown names are refused (441); an empty set is not a role set (435).
 */
export const ZSubuserRoles = z
  .array(z.string(), { error: "Choose at least one role" })
  .superRefine((roles, ctx) => {
    const unknown = roles.filter((r) => !isAssignableRole(r));
    if (unknown.length > 0) return issue(ctx, `Unknown role: ${unknown.join(", ")}`, "role_unknown");
    if (roles.length === 0) issue(ctx, "Choose at least one role", "role_set_invalid");
  })
  .transform((roles): AssignableRole[] => ASSIGNABLE_ROLES.filter((r) => roles.includes(r)));

export const ZSubuserDescription = z
  .string()
  .trim()
  .max(SUBUSER_DESCRIPTION_MAX, `Description must be at most ${SUBUSER_DESCRIPTION_MAX} characters`)
  .superRefine(safeText("Description", { multiline: true }))
  .default("");

/** Ids arrive as numbers from the panel and as decimal strings from the API: an unusable one is "not found" (434). */
export const ZSubuserId = zId("Subuser id is invalid", "subuser_not_found");

export const ZCreateSubuserInput = z.object({
  name: ZSubuserName,
  password: ZPassword,
  roles: ZSubuserRoles,
  description: ZSubuserDescription,
  active: z.boolean().default(true),
});
export type CreateSubuserInput = z.input<typeof ZCreateSubuserInput>;

export const ZSubuserRef = z.object({ subuserId: ZSubuserId });
export type SubuserRef = z.input<typeof ZSubuserRef>;

export const ZUpdateSubuserInput = z.object({ subuserId: ZSubuserId, description: ZSubuserDescription });
export type UpdateSubuserInput = z.input<typeof ZUpdateSubuserInput>;

/**
 * The panel's "Edit description & roles" dialog: both in one change. `force`, as the API's
 * RemoveSubUserRoles force=true: removing a role one of the subuser's keys holds is refused (439)
 * unless the owner confirms removing it from those keys too.
 */
export const ZEditSubuserInput = z.object({
  subuserId: ZSubuserId,
  description: ZSubuserDescription,
  roles: ZSubuserRoles,
  force: z.boolean({ error: "Confirm must be true or false" }).default(false),
});
export type EditSubuserInput = z.input<typeof ZEditSubuserInput>;

/**
 * A new password for a subuser. The owner resets it in the panel without the old one; through
 * the API (SetSubUserInfo) the old password must come with the new one (448 when missing).
 */
export const ZSetSubuserPasswordInput = z.object({
  subuserId: ZSubuserId,
  password: ZPassword,
  oldPassword: z.string().max(1024).optional(),
});
export type SetSubuserPasswordInput = z.input<typeof ZSetSubuserPasswordInput>;

/** The panel's Reset password dialog: the owner types the new password twice. */
export const ZResetSubuserPasswordInput = z
  .object({ subuserId: ZSubuserId, password: ZPassword, confirmPassword: z.string({ error: "Repeat the password" }) })
  .refine((v) => v.password === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });
export type ResetSubuserPasswordInput = z.input<typeof ZResetSubuserPasswordInput>;

export const ZSubuserRolesInput = z.object({ subuserId: ZSubuserId, roles: ZSubuserRoles });
export type SubuserRolesInput = z.input<typeof ZSubuserRolesInput>;

/** RemoveSubUserRoles: `force` also strips the roles from the subuser's API keys (else 439). */
export const ZRemoveSubuserRolesInput = ZSubuserRolesInput.extend({ force: z.boolean().default(false) });
export type RemoveSubuserRolesInput = z.input<typeof ZRemoveSubuserRolesInput>;

/** Settings → Security: whether every subuser must have two-step verification on. */
export const ZSetRequireTwoStepInput = z.object({ required: z.boolean({ error: "Required must be true or false" }) });
export type SetRequireTwoStepInput = z.input<typeof ZSetRequireTwoStepInput>;

export const ZSetSubuserActiveInput = z.object({ subuserId: ZSubuserId, active: z.boolean({ error: "Active must be true or false" }) });
export type SetSubuserActiveInput = z.input<typeof ZSetSubuserActiveInput>;

export const ZListSubusersInput = z.object({
  subuserId: ZSubuserId.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(1000).default(1000),
});
export type ListSubusersInput = z.input<typeof ZListSubusersInput>;

/** The role set the account owner previews the panel as (lib/access/preview.ts): the same rule as a subuser's roles. */
export const ZPreviewInput = z.object({ roles: ZSubuserRoles });
export type PreviewInput = z.input<typeof ZPreviewInput>;
