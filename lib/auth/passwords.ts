// Password hashing (argon2id, OWASP parameters) and the seed's password rule as one zod schema,
// shared by the panel forms, the server actions and the Management API.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

// Algorithm.Argon2id; the package exports it as a const enum, which isolatedModules can't inline.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** Long enough for passphrases; never truncated. The cap only bounds hashing work. */
export const PASSWORD_MAX_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps "unknown name" as slow as "wrong password" (no user enumeration
// by timing). It is the hash of a random string nobody knows.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummyHash, password);
}

/**
 * The seed's rule: at least 8 characters with an uppercase and a lowercase letter, a digit and a
 * special character, no whitespace, and not a common password. Each issue carries the
 * Management API code for it in `params.apiCode`.
 */
export const ZPassword = z.string({ error: "Password is required" }).superRefine((value, ctx) => {
  const fail = (message: string, apiCode: number) =>
    ctx.addIssue({ code: "custom", message, params: { apiCode } });
  if (value.length === 0) return fail("Password is required", 463);
  if (/\s/.test(value)) return fail("Password cannot contain spaces", 524);
  if (value.length < 8) return fail("Password must be at least 8 characters long", 464);
  if (value.length > PASSWORD_MAX_LENGTH)
    return fail(`Password must be at most ${PASSWORD_MAX_LENGTH} characters long`, 101);
  const missing = [
    [/[A-Z]/, "an uppercase letter"],
    [/[a-z]/, "a lowercase letter"],
    [/[0-9]/, "a digit"],
    [/[^A-Za-z0-9]/, "a special character"],
  ].flatMap(([re, what]) => ((re as RegExp).test(value) ? [] : [what as string]));
  if (missing.length > 0) return fail(`Password must contain ${missing.join(", ")}`, 464);
  if (isCommonPassword(value)) return fail("Password is too common; choose another one", 523);
});
