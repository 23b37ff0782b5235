// Two-step verification of panel logins: a time-based one-time password (TOTP, RFC 6238, with the
// parameters every authenticator app assumes for an otpauth:// URI: HMAC-SHA-1, 6 digits,
// 30-second steps) and ten one-time recovery codes. Pure helpers and the signed challenge that
// carries a login from its password step to its code step; the database side is in
// lib/auth/login.ts (the code step) and lib/domains/profile (turning it on and off).
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { SignJWT, jwtVerify } from "jose";
import { renderSVG } from "uqr";
import { isTotpShaped, normalizeRecoveryCode, RECOVERY_ALPHABET } from "./code-shape";

export { isTotpShaped, normalizeRecoveryCode };

/** Seconds per TOTP time step (RFC 6238's default, the one authenticator apps use). */
export const TOTP_PERIOD_SECONDS = 30;
/** Steps either side of now a code may come from: a phone clock 30 s off still works. */
const TOTP_WINDOW = 1;
/** Recovery codes made at a time. */
export const RECOVERY_CODE_COUNT = 10;
/** How long the code step waits after the password step, in seconds. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;

/** The secret's TOTP with the parameters every authenticator app assumes; `label` and the issuer only for its otpauth:// URI. */
const totp = (secret: string, label?: string) =>
  new TOTP({ ...(label === undefined ? {} : { issuer: "Switchboard", label }), secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS });

/** A new TOTP secret: 160 random bits (RFC 4226's recommendation), base32 without padding. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The otpauth:// URI an authenticator app reads from the QR code: issuer "Switchboard", label
 * "<account>" for the owner or "<subuser>@<account>" for a subuser, so two logins on one phone
 * are told apart.
 */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** The code an authenticator shows at `atMs` (epoch ms, UTC). For tests and the demo. */
export function totpCode(secret: string, atMs: number): string {
  return totp(secret).generate({ timestamp: atMs });
}

/** The time step (30-second periods since 1970-01-01 UTC) containing `atMs`. */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a six-digit `code` belongs to, if it is the secret's code for the step of
 * `atMs` or one step either side; null otherwise. The caller refuses a step not later than the
 * last one accepted, so a code is never accepted twice.
 */
export function matchTotp(secret: string, code: string, atMs: number): number | null {
  if (!isTotpShaped(code)) return null;
  const delta = totp(secret).validate({ token: code.replace(/\s/g, ""), timestamp: atMs, window: TOTP_WINDOW });
  return delta === null ? null : totpStep(atMs) + delta;
}

/** Ten recovery codes, each 16 characters of 5 bits (80 random bits) as XXXX-XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** What is stored of a recovery code: SHA-256 (hex) of its canonical form. 80 random bits need no slow hash. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code) ?? code).digest("hex");
}

/** The login that passed its password step: whose it is and which password it was. */
export type ChallengeSubject = { accountId: number; subuserId: number | null; credVersion: number };

const challengeKey = (authSecret: string) => createHash("sha256").update(`switchboard two-step challenge\0${authSecret}`).digest();

/**
 * A signed token (HS256, keyed from AUTH_SECRET) that a login passed its password step, good for
 * CHALLENGE_TTL_SECONDS. It names the login and its credential version, so a password change in
 * between voids it. Guessing codes with it is throttled like passwords (lib/auth/login.ts).
 */
export async function issueChallenge(subject: ChallengeSubject, authSecret: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ a: subject.accountId, s: subject.subuserId, v: subject.credVersion })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience("two-step")
    .setIssuedAt(iat)
    .setExpirationTime(iat + CHALLENGE_TTL_SECONDS)
    .sign(challengeKey(authSecret));
}

/** The challenge's subject, or null when it is forged, for something else, or expired at `now`. */
export async function readChallenge(token: string, authSecret: string, now: Date): Promise<ChallengeSubject | null> {
  try {
    const { payload } = await jwtVerify(token, challengeKey(authSecret), { audience: "two-step", algorithms: ["HS256"], currentDate: now });
    const { a, s, v } = payload as { a?: unknown; s?: unknown; v?: unknown };
    if (typeof a !== "number" || typeof v !== "number" || !(s === null || typeof s === "number")) return null;
    return { accountId: a, subuserId: s, credVersion: v };
  } catch {
    return null;
  }
}

/**
 * A setup's name for its pending secret: 64 bits of SHA-256 over the secret (with a label of its
 * own), which the setup page sends back with its first code instead of the secret. A confirm
 * whose fingerprint is not the pending secret's was made from a setup since replaced (another
 * tab started a new one), so its code cannot match and "check the clock" would mislead.
 */
export function setupFingerprint(secret: string): string {
  return createHash("sha256").update(`switchboard two-step setup\0${secret}`).digest("hex").slice(0, 16);
}

/** The otpauth:// URI as a QR code: an SVG data URL for an <img> (no markup of ours is injected). */
export function totpQrDataUrl(uri: string): string {
  const svg = renderSVG(uri, { border: 2, ecc: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
