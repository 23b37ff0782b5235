// Password logins for the account owner and for subusers. Every failure (unknown name, wrong
// password, locked, inactive) returns the same result after the same work (one argon2 check),
// so the answer tells an attacker nothing. Success creates the session row, unless the login has
// two-step verification on: then the right password earns a challenge (lib/auth/two-step.ts)
// and the session waits for loginWithCode, whose guesses are throttled on a key of their own.
import type { Db } from "@/lib/core/db";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import type { Clock } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { beginAttempt, ipKey, loginKey, recordSuccess } from "./throttle";
import { createSession } from "./sessions";
import { findLoginRow, updateLoginRow } from "./login-row";
import { hashRecoveryCode, isTotpShaped, issueChallenge, matchTotp, normalizeRecoveryCode, readChallenge, type ChallengeSubject } from "./two-step";

export const GENERIC_LOGIN_FAILURE = "Wrong login or password, or the login is temporarily locked.";
/**
 * Why a code step failed, and what the login page says. The password was right already, so the
 * reasons tell a guesser nothing it could use; they tell a person what to do.
 */
export const CODE_REFUSALS = {
  expired: "The login took too long: log in again.",
  locked: "Too many wrong codes: wait a few minutes, then try again.",
  wrong_code: "Wrong code. Check it is the app's code for this login; a code just used works only once, so wait for the next one.",
  wrong_recovery_code: "That recovery code is wrong, already used, or replaced by newer ones.",
} as const;
export type CodeRefusal = keyof typeof CODE_REFUSALS;
export const CHALLENGE_EXPIRED = CODE_REFUSALS.expired;

export type LoginContext = { ip: string; userAgent: string; clock: Clock };
/**
 * `challenge`: the password was right and the login has two-step verification on; pass it with
 * a code to loginWithCode. `refusal` (code step only): why the code step failed.
 */
export type LoginResult = { ok: true; sessionId: string; accountId: number } | { ok: false; challenge?: string; refusal?: CodeRefusal };

type Candidate = {
  accountId: number;
  subuserId: number | null;
  passwordHash: string;
  active: boolean;
  credVersion: number;
  name: string;
  /** Two-step verification is on. */
  twoStep: boolean;
} | null;

function principalOf(c: NonNullable<Candidate>, ip: string): AuditPrincipal {
  return { accountId: c.accountId, actorType: c.subuserId === null ? "owner" : "subuser", actorId: String(c.subuserId ?? c.accountId), actorName: c.name, ip };
}

async function attempt(db: Db, throttleKey: string, candidate: Candidate, password: string, ctx: LoginContext): Promise<LoginResult> {
  const ip = ipKey(ctx.ip);
  // Counted before the password check (so concurrent guesses cannot all slip through); a
  // locked key is refused after the same argon2 work as any other failure.
  if (!(await beginAttempt(db, throttleKey, ip, ctx.clock))) {
    await burnPasswordCheck(password);
    return { ok: false };
  }
  const passwordOk = candidate
    ? await verifyPassword(candidate.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  if (!candidate || !passwordOk) {
    if (candidate) {
      await audit(db, principalOf(candidate, ctx.ip), { action: "session.login", outcome: "failed" });
    }
    return { ok: false };
  }
  // The right password, even for an inactive login, is not a guess: give the attempt back.
  await recordSuccess(db, throttleKey, ip);
  if (!candidate.active) return { ok: false };
  if (candidate.twoStep) return { ok: false, challenge: await issueChallenge(candidate, challengeSecret(), ctx.clock()) };
  return startSession(db, candidate, ctx);
}

async function startSession(db: Db, candidate: NonNullable<Candidate>, ctx: LoginContext, detail?: Record<string, unknown>): Promise<LoginResult> {
  const session = await createSession(
    db,
    { accountId: candidate.accountId, subuserId: candidate.subuserId, credVersion: candidate.credVersion, ip: ctx.ip, userAgent: ctx.userAgent },
    ctx.clock,
  );
  await audit(db, principalOf(candidate, ctx.ip), { action: "session.login", detail });
  return { ok: true, sessionId: session.id, accountId: candidate.accountId };
}

function challengeSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return secret;
}

/** Account owner: email or account name (case-insensitive) + password. */
export async function loginOwner(db: Db, input: { login: string; password: string }, ctx: LoginContext): Promise<LoginResult> {
  const login = input.login.trim().toLowerCase();
  const account = await db.account.findFirst({
    where: login.includes("@") ? { email: login } : { name: login },
    select: { id: true, name: true, passwordHash: true, active: true, credVersion: true, totpSecret: true },
  });
  const key = account ? loginKey(account.id, "#owner") : loginKey("unknown", login);
  const candidate: Candidate = account
    ? { accountId: account.id, subuserId: null, passwordHash: account.passwordHash, active: account.active, credVersion: account.credVersion, name: account.name, twoStep: account.totpSecret !== null }
    : null;
  return attempt(db, key, candidate, input.password, ctx);
}

/** Subuser, through the account's login link: account id from the link, name + password typed. */
export async function loginSubuser(
  db: Db,
  input: { accountId: number; name: string; password: string },
  ctx: LoginContext,
): Promise<LoginResult> {
  const name = input.name.trim().toLowerCase();
  const sub = await db.subuser.findFirst({
    where: { accountId: input.accountId, name, account: { active: true } },
    select: { id: true, accountId: true, name: true, passwordHash: true, active: true, credVersion: true, totpSecret: true },
  });
  const candidate: Candidate = sub
    ? { accountId: sub.accountId, subuserId: sub.id, passwordHash: sub.passwordHash, active: sub.active, credVersion: sub.credVersion, name: sub.name, twoStep: sub.totpSecret !== null }
    : null;
  return attempt(db, loginKey(input.accountId, name), candidate, input.password, ctx);
}

/** The two-step throttle key of a login: failed codes count here, apart from its password failures. */
export const twoStepKey = (s: { accountId: number; subuserId: number | null }) => `2step:${s.accountId}:${s.subuserId ?? "#owner"}`;

/** Spends an unused recovery code of the login, if `code` is one: a conditional update, so a code works once. */
async function spendRecoveryCode(db: Db, s: ChallengeSubject, code: string, now: Date): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { accountId: s.accountId, subuserId: s.subuserId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1;
}

/**
 * The code step of a login with two-step verification: the challenge from the password step and
 * a code, either the authenticator's six digits (this 30-second step or one either side, never
 * one already accepted) or an unused recovery code (spent by this use). Each try is counted on
 * the login's two-step key (twoStepKey) and the IP before the code is checked, as passwords are
 * (lib/auth/throttle.ts), and only a right code gives it back: a known password does not reset
 * the count of wrong codes. Refusals (CODE_REFUSALS): `expired` when the challenge is forged or
 * older than 5 minutes, or the password changed since; `locked`; `wrong_code`; `wrong_recovery_code`. Success creates the session and audits "session.login" with the
 * method.
 */
export async function loginWithCode(db: Db, input: { challenge: string; code: string }, ctx: LoginContext): Promise<LoginResult> {
  const now = ctx.clock();
  const subject = await readChallenge(input.challenge, challengeSecret(), now);
  if (!subject) return { ok: false, refusal: "expired" };
  const key = twoStepKey(subject);
  const ip = ipKey(ctx.ip);
  if (!(await beginAttempt(db, key, ip, ctx.clock))) return { ok: false, refusal: "locked" };
  const row = await findLoginRow(db, subject);
  if (!row || !row.active || row.credVersion !== subject.credVersion || row.totpSecret === null) return { ok: false, refusal: "expired" };
  const candidate = { ...subject, passwordHash: row.passwordHash, active: row.active, name: row.name, twoStep: true };
  let method: "authenticator" | "recovery_code" | null = null;
  if (isTotpShaped(input.code)) {
    const step = matchTotp(row.totpSecret, input.code, now.getTime());
    // A step later than the last one accepted, taken by a conditional write: of two requests
    // carrying the same code, one passes.
    if (step !== null && step > row.totpLastStep && (await updateLoginRow(db, subject, { totpLastStep: step }, { totpLastStep: { lt: step } }))) method = "authenticator";
  } else if (normalizeRecoveryCode(input.code) && (await spendRecoveryCode(db, subject, input.code, now))) {
    method = "recovery_code";
  }
  if (!method) {
    const tried = isTotpShaped(input.code) ? "authenticator" : "recovery_code";
    await audit(db, principalOf(candidate, ctx.ip), { action: "session.login", outcome: "failed", detail: { step: "code", method: tried } });
    return { ok: false, refusal: tried === "authenticator" ? "wrong_code" : "wrong_recovery_code" };
  }
  await recordSuccess(db, key, ip);
  return startSession(db, candidate, ctx, { method });
}
