// The two-step verification helpers: TOTP as authenticator apps compute it (RFC 6238's SHA-1 test
// vector), recovery codes, and the signed challenge between the password and the code steps.
import { describe, expect, it } from "vitest";
import {
  CHALLENGE_TTL_SECONDS,
  hashRecoveryCode,
  isTotpShaped,
  issueChallenge,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  readChallenge,
  totpCode,
  totpQrDataUrl,
  totpStep,
  totpUri,
} from "./two-step";

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890" in base32, and its 8-digit codes,
// whose last six digits are what a 6-digit authenticator shows.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const T = Date.parse("2030-01-01T09:00:10Z");

describe("TOTP", () => {
  it("computes RFC 6238's test vectors (6-digit truncation)", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe("279037");
  });

  it("accepts this step's code and one step either side, and names the step it matched", () => {
    const secret = newTotpSecret();
    const step = totpStep(T);
    expect(matchTotp(secret, totpCode(secret, T), T)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, T - 30_000), T)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, T + 30_000), T)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, T - 60_000), T)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, T + 60_000), T)).toBeNull();
  });

  it("reads a code with spaces, refuses anything not six digits", () => {
    const secret = newTotpSecret();
    const code = totpCode(secret, T);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, T)).toBe(totpStep(T));
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`]) expect(matchTotp(secret, bad, T)).toBeNull();
    expect(isTotpShaped("123 456")).toBe(true);
    expect(isTotpShaped("ABCD-EFGH")).toBe(false);
  });

  it("makes 160-bit secrets and an otpauth URI apps read, issuer and label included", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const uri = new URL(totpUri(a, "erin@demo"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Switchboard:erin@demo");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: a, issuer: "Switchboard", algorithm: "SHA1", digits: "6", period: "30" });
  });

  it("draws the URI as an SVG QR code in a data URL", () => {
    const url = totpQrDataUrl(totpUri(newTotpSecret(), "demo"));
    expect(url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(url.split(",")[1]!, "base64").toString()).toContain("<svg");
  });
});

describe("recovery codes", () => {
  it("makes ten distinct XXXX-XXXX-XXXX-XXXX codes of Crockford base32", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it("reads a code typed in lower case, without hyphens, or with O/I/L for 0/1", () => {
    const [code] = newRecoveryCodes();
    const canonical = code!.replace(/-/g, "");
    expect(normalizeRecoveryCode(code!.toLowerCase())).toBe(canonical);
    expect(normalizeRecoveryCode(` ${canonical} `)).toBe(canonical);
    expect(normalizeRecoveryCode("0000-1111-2222-3333".replace(/0/g, "O").replace(/1/g, "l"))).toBe("0000111122223333");
    expect(hashRecoveryCode(code!.toLowerCase())).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!)).toMatch(/^[0-9a-f]{64}$/);
    for (const bad of ["", "123456", "UUUU-UUUU-UUUU-UUUU", `${code}-A`]) expect(normalizeRecoveryCode(bad)).toBeNull();
  });
});

describe("the challenge between the password and the code", () => {
  const subject = { accountId: 7, subuserId: 12, credVersion: 3 };
  const now = new Date(T);

  it("names the login and its password version, for five minutes", async () => {
    const token = await issueChallenge(subject, "secret-a", now);
    expect(await readChallenge(token, "secret-a", now)).toEqual(subject);
    expect(await readChallenge(token, "secret-a", new Date(T + (CHALLENGE_TTL_SECONDS - 1) * 1000))).toEqual(subject);
    expect(await readChallenge(token, "secret-a", new Date(T + (CHALLENGE_TTL_SECONDS + 1) * 1000))).toBeNull();
    const owner = await issueChallenge({ ...subject, subuserId: null }, "secret-a", now);
    expect(await readChallenge(owner, "secret-a", now)).toEqual({ ...subject, subuserId: null });
  });

  it("is refused under another AUTH_SECRET, altered, or not a token at all", async () => {
    const token = await issueChallenge(subject, "secret-a", now);
    expect(await readChallenge(token, "secret-b", now)).toBeNull();
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), a: 8 })).toString("base64url");
    expect(await readChallenge(`${h}.${forged}.${s}`, "secret-a", now)).toBeNull();
    expect(await readChallenge("not-a-token", "secret-a", now)).toBeNull();
  });
});
