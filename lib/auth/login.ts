// Password logins for the account owner and for subusers. Every failure (unknown name, wrong
// password, locked, inactive) returns the same result after the same work (one argon2 check),
// so the answer tells an attacker nothing. Success creates the session row.
import type { Db } from "@/lib/core/db";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import type { Clock } from "@/lib/core/clock";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { beginAttempt, ipKey, loginKey, recordSuccess } from "./throttle";
import { createSession } from "./sessions";

export const GENERIC_LOGIN_FAILURE = "Wrong login or password, or the login is temporarily locked.";

export type LoginContext = { ip: string; userAgent: string; clock: Clock };
export type LoginResult = { ok: true; sessionId: string; accountId: number } | { ok: false };

type Candidate = {
  accountId: number;
  subuserId: number | null;
  passwordHash: string;
  active: boolean;
  credVersion: number;
  name: string;
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
  const session = await createSession(
    db,
    { accountId: candidate.accountId, subuserId: candidate.subuserId, credVersion: candidate.credVersion, ip: ctx.ip, userAgent: ctx.userAgent },
    ctx.clock,
  );
  await audit(db, principalOf(candidate, ctx.ip), { action: "session.login" });
  return { ok: true, sessionId: session.id, accountId: candidate.accountId };
}

/** Account owner: email or account name (case-insensitive) + password. */
export async function loginOwner(db: Db, input: { login: string; password: string }, ctx: LoginContext): Promise<LoginResult> {
  const login = input.login.trim().toLowerCase();
  const account = await db.account.findFirst({
    where: login.includes("@") ? { email: login } : { name: login },
    select: { id: true, name: true, passwordHash: true, active: true, credVersion: true },
  });
  const key = account ? loginKey(account.id, "#owner") : loginKey("unknown", login);
  const candidate: Candidate = account
    ? { accountId: account.id, subuserId: null, passwordHash: account.passwordHash, active: account.active, credVersion: account.credVersion, name: account.name }
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
    select: { id: true, accountId: true, name: true, passwordHash: true, active: true, credVersion: true },
  });
  const candidate: Candidate = sub
    ? { accountId: sub.accountId, subuserId: sub.id, passwordHash: sub.passwordHash, active: sub.active, credVersion: sub.credVersion, name: sub.name }
    : null;
  return attempt(db, loginKey(input.accountId, name), candidate, input.password, ctx);
}
