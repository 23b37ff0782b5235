import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";
import { ZPassword, PASSWORD_MAX_LENGTH } from "./password-rule";
import { isCommonPassword } from "./common-passwords";
import { REASON_CODES } from "@/lib/api/codes";
import { reasonOf } from "@/lib/core/validate";

const issue = (value: unknown) => {
  const r = ZPassword.safeParse(value);
  if (r.success) return null;
  const first = r.error.issues[0]!;
  const reason = reasonOf(first);
  return { message: first.message, apiCode: reason ? REASON_CODES[reason] : 101 };
};

describe("common passwords", () => {
  it.each(["Password1!", "P@ssw0rd123", "Qwerty123$", "Welcome1!", "Admin-2024!", "Letmein!99", "Dr4g0n!!11"])("refuses %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
    expect(issue(pw)).toEqual({ message: expect.stringMatching(/too common/), apiCode: 523 });
  });

  // Not on any list, so "too common" misled (a new user's try-out): the message says what it is.
  it.each(["Aaaaaaa1!", "a".repeat(100) + "A1!"])("refuses one character repeated, saying so: %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
    expect(issue(pw)).toEqual({ message: "Password is mostly one character repeated; choose another one", apiCode: 523 });
  });

  it.each(["Demo-Owner-1!", "Demo-Subuser-1!", "Test-Passw0rd!", "Str0ng-Pass!x", "correct-Horse-battery-9"])("accepts %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(false);
    expect(ZPassword.safeParse(pw).success).toBe(true);
  });
});

describe("ZPassword: the seed's rule, with the API's codes", () => {
  it.each([
    ["", 463],
    ["Has space1!", 524],
    ["Tab\tIn-1x", 524],
    ["Sh0rt!a", 464],
    ["no-upper-1!", 464],
    ["NO-LOWER-1!", 464],
    ["No-Digits-Here!", 464],
    ["NoSpecial123", 464],
  ] as const)("refuses %j with %i", (pw, code) => {
    expect(issue(pw)?.apiCode).toBe(code);
  });

  it("refuses a non-string", () => {
    expect(issue(undefined)?.message).toBe("Password is required");
  });

  it("accepts long passphrases and never truncates them", async () => {
    const long = `Aa1!${"x".repeat(96)}`;
    expect(ZPassword.safeParse(long).success).toBe(true);
    expect(ZPassword.safeParse(`Aa1!${"x".repeat(PASSWORD_MAX_LENGTH)}`).success).toBe(false);
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, long)).toBe(true);
    // Differs only at character 100: a truncating hash would accept it.
    expect(await verifyPassword(hash, `${long.slice(0, 99)}y`)).toBe(false);
  });

  it("hashes with argon2id at m=19 MiB, t=2, p=1, salted", async () => {
    const a = await hashPassword("Demo-Owner-1!");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword("Demo-Owner-1!")).not.toBe(a);
    expect(await verifyPassword(a, "Demo-Owner-1!")).toBe(true);
    expect(await verifyPassword(a, "demo-owner-1!")).toBe(false);
    expect(await verifyPassword("not a hash", "Demo-Owner-1!")).toBe(false);
  });
});
