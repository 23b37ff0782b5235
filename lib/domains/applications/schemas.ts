// Application inputs, shared by the panel forms, the server actions and the Management API
// (AddApplication / SetApplicationInfo / DelApplication).
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";

/** docs/management-api.md: `[a-z][a-z0-9-]{1,64}`; it becomes the first label of the full name. */
export const APPLICATION_NAME_RE = /^[a-z][a-z0-9-]{1,64}$/;

export const ZApplicationName = z.string({ error: "Application name is required" }).trim().superRefine((v, ctx) => {
  if (v.length === 0) return issue(ctx, "Application name is required", "application_name_invalid");
  if (v.length < 2 || v.length > 65) return issue(ctx, "Application name must be 2 to 65 characters", "application_name_invalid");
  if (!APPLICATION_NAME_RE.test(v)) {
    issue(ctx, "Application name must start with a lowercase latin letter and contain only lowercase latin letters, digits and hyphens", "application_name_invalid");
  }
});


export const ZApplicationId = zId("Invalid application id", "application_id_invalid");

/** The applications a binding names (BindDialogflowKeys, BindPushCredential): 1 to 100 ids, repeats dropped. */
export const ZApplicationIdList = z
  .array(ZApplicationId, { error: "Choose the applications" })
  .min(1, "Choose at least one application")
  .max(100, "At most 100 applications at a time")
  .transform((ids) => [...new Set(ids)]);

export const ZCreateApplicationInput = z.object({
  name: ZApplicationName,
  secureRecordStorage: z.boolean().default(false),
});
export type CreateApplicationInput = z.input<typeof ZCreateApplicationInput>;

export const ZRenameApplicationInput = z.object({
  applicationId: ZApplicationId,
  name: ZApplicationName,
});
export type RenameApplicationInput = z.input<typeof ZRenameApplicationInput>;

export const ZSetApplicationInfoInput = z.object({
  applicationId: ZApplicationId,
  name: ZApplicationName.optional(),
  secureRecordStorage: z.boolean().optional(),
});
export type SetApplicationInfoInput = z.input<typeof ZSetApplicationInfoInput>;

export const ZDeleteApplicationInput = z.object({ applicationId: ZApplicationId });
export type DeleteApplicationInput = z.input<typeof ZDeleteApplicationInput>;

/** DelApplication's lists: ids (or `all`) or names, short or full (docs/management-api.md). */
export const ZDeleteApplicationsInput = z.union([
  z.strictObject({ applicationIds: z.union([z.literal("all"), z.array(ZApplicationId).min(1).max(1000)]) }),
  z.strictObject({ names: z.array(z.string().trim().min(1).max(200)).min(1).max(1000) }),
]);
export type DeleteApplicationsInput = z.input<typeof ZDeleteApplicationsInput>;

/** GetApplications: optional id, name part, count/offset (docs/management-api.md paging). */
export const ZListApplicationsInput = z.object({
  applicationId: ZApplicationId.optional(),
  namePart: z.string().trim().max(65).superRefine(safeText("Name filter")).optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(1000),
});
export type ListApplicationsInput = z.input<typeof ZListApplicationsInput>;
