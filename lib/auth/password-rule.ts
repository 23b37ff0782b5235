// The seed's password rule as one zod schema and one sentence, shared by the panel's forms (the
// hint under the field), the server actions, the domain schemas and the Management API's
// reference. Pure (hashing lives in lib/auth/passwords.ts). Client components import the words
// from ./password-text instead, which carries neither zod nor the common-password list.
import { z } from "zod";
import { issue } from "@/lib/core/validate";
import { guessablePassword } from "./common-passwords";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-text";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE } from "./password-text";

/**
 * The seed's rule (000, 003): at least 8 characters with an uppercase and a lowercase letter, a
 * digit and a special character, no whitespace, and not a common password. Each failure names
 * its reason, which the Management API answers with its own code (463, 464, 523, 524).
 */
export const ZPassword = z.string({ error: "Password is required" }).superRefine((value, ctx) => {
  if (value.length === 0) return issue(ctx, "Password is required", "password_blank");
  if (/\s/.test(value)) return issue(ctx, "Password cannot contain spaces", "password_whitespace");
  if (value.length < PASSWORD_MIN_LENGTH) return issue(ctx, `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`, "password_composition");
  if (value.length > PASSWORD_MAX_LENGTH) return issue(ctx, `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const missing = [
    [/[A-Z]/, "an uppercase letter"],
    [/[a-z]/, "a lowercase letter"],
    [/[0-9]/, "a digit"],
    [/[^A-Za-z0-9]/, "a special character"],
  ].flatMap(([re, what]) => ((re as RegExp).test(value) ? [] : [what as string]));
  if (missing.length > 0) return issue(ctx, `Password must contain ${missing.join(", ")}`, "password_composition");
  const guessable = guessablePassword(value);
  if (guessable === "common") return issue(ctx, "Password is too common; choose another one", "password_common");
  if (guessable === "repeated") return issue(ctx, "Password is mostly one character repeated; choose another one", "password_common");
});
