// The profile page's inputs: one's own password change and ending one's own sessions.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, ZPassword } from "@/lib/auth/password-rule";
import { isTotpShaped } from "@/lib/auth/code-shape";

export const ZChangeOwnPasswordInput = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
    newPassword: ZPassword,
    confirmPassword: z.string({ error: "Repeat the new password" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Choose a password different from the current one", path: ["newPassword"] });
export type ChangeOwnPasswordInput = z.input<typeof ZChangeOwnPasswordInput>;

/** Sessions are named by an opaque handle, never by their id (the id is the session's secret). */
export const ZEndSessionInput = z.object({ handle: z.string().min(1, "Choose a session").max(64) });
export type EndSessionInput = z.input<typeof ZEndSessionInput>;

/**
 * Turning two-step verification on: the first code the authenticator app shows for the new
 * secret, and the fingerprint of that secret its setup was given (lib/auth/two-step.ts
 * setupFingerprint), never the secret itself.
 */
export const ZConfirmTwoStepInput = z.object({
  fingerprint: z.string({ error: "Start again from the first button" }).regex(/^[0-9a-f]{16}$/, "Start again from the first button"),
  code: z
    .string({ error: "Enter the code your app shows" })
    .refine(isTotpShaped, "Enter the six digits your app shows")
    .transform((v) => v.replace(/\s/g, "")),
});
export type ConfirmTwoStepInput = z.input<typeof ZConfirmTwoStepInput>;

/** Turning two-step verification off, or renewing its recovery codes: the current password again. */
export const ZCurrentPasswordInput = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
});
export type CurrentPasswordInput = z.input<typeof ZCurrentPasswordInput>;
