import { z } from "zod";
import { ZPassword } from "@/lib/auth/password-rule";
import { safeText } from "@/lib/core/validate";
import { safeReturnPath } from "@/lib/core/return-path";
import { isTotpShaped, normalizeRecoveryCode } from "@/lib/auth/code-shape";

/** Account names appear in application full names (<app>.<account>.<domain>): DNS-label safe. */
export const ZAccountName = z
  .string({ error: "Account name is required" })
  .trim()
  .toLowerCase()
  .min(3, "Account name must be 3 to 40 characters")
  .max(40, "Account name must be 3 to 40 characters")
  .regex(/^[a-z][a-z0-9-]*$/, "Account name must start with a letter and contain only latin letters, digits and hyphens")
  .refine((v) => !v.endsWith("-"), "Account name cannot end with a hyphen");

export const ZEmail = z.string({ error: "Email is required" }).trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address"));

export const ZSignupInput = z.object({
  accountName: ZAccountName,
  email: ZEmail,
  password: ZPassword,
});
export type SignupInput = z.infer<typeof ZSignupInput>;

/** The page to land on after logging in (lib/core/return-path.ts); anything else is dropped, never an error. */
const ZReturnPath = z.unknown().optional().transform((v) => safeReturnPath(v) ?? undefined);

export const ZOwnerLoginInput = z.object({
  login: z.string().trim().min(1, "Enter your email or account name").max(254).superRefine(safeText("Login")),
  password: z.string().min(1, "Enter your password").max(1024),
  next: ZReturnPath,
});

export const ZSubuserLoginInput = z.object({
  accountId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "Enter your subuser name").max(64).superRefine(safeText("Subuser name")),
  password: z.string().min(1, "Enter your password").max(1024),
  next: ZReturnPath,
});

/** The code step of a login with two-step verification (lib/auth/login.ts loginWithCode). */
export const ZLoginCodeInput = z.object({
  challenge: z.string().min(1, "Enter your password again").max(2000),
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your authenticator app, or a recovery code")
    .max(40, "A code is at most 40 characters")
    .refine((c) => isTotpShaped(c) || normalizeRecoveryCode(c) !== null, "Enter the six digits your app shows, or a recovery code (XXXX-XXXX-XXXX-XXXX)"),
  next: ZReturnPath,
});
