// Login throttling on the Keycloak model (docs/SECURITY.md): a failure counter per (account, login
// name) with temporary lockouts that grow by a wait increment up to a cap, a per-IP limiter on
// top, no permanent lockout, counters reset after 12 h without failures. Each attempt is counted
// (and locked if due) by one atomic SQL upsert BEFORE its password is checked, so concurrent
// attempts can neither lose a failure nor slip past the limit together; a success gives the
// count back. Times are epoch ms integers.
import type { Db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import type { Clock } from "@/lib/core/clock";
import { Prisma } from "@/lib/generated/prisma/client";

export const THROTTLE = {
  /** Failures before the first temporary lockout. */
  failureFactor: 5,
  /** Each further failure adds this much wait. */
  waitIncrementMs: 60_000,
  /** Lockouts never exceed this. */
  maxWaitMs: 15 * 60_000,
  /** The counter resets after this long without failures. */
  resetAfterMs: 12 * 60 * 60_000,
} as const;

export const loginKey = (accountId: number | string, name: string) =>
  `login:${accountId}:${name.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip || "unknown"}`;

/** Whether any of the keys is currently locked. */
export async function isLocked(db: Db, keys: string[], clock: Clock): Promise<boolean> {
  const now = clock().getTime();
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  return rows.some((r) => Number(r.lockedUntil) > now);
}

type Rule = { lockAt: number; waitIncrementMs: number; maxWaitMs: number; resetAfterMs: number };

const loginRule = (): Rule => ({
  lockAt: THROTTLE.failureFactor,
  waitIncrementMs: THROTTLE.waitIncrementMs,
  maxWaitMs: THROTTLE.maxWaitMs,
  resetAfterMs: THROTTLE.resetAfterMs,
});
const ipRule = (): Rule => {
  const { LOGIN_IP_MAX_FAILURES, LOGIN_IP_WINDOW_SECONDS } = env();
  const windowMs = LOGIN_IP_WINDOW_SECONDS * 1000;
  return { lockAt: LOGIN_IP_MAX_FAILURES, waitIncrementMs: windowMs, maxWaitMs: windowMs, resetAfterMs: windowMs };
};

/**
 * Reserves one attempt on a key before the password is checked: counts it as a failure up front
 * and, when that count reaches the limit, locks the key in the same statement. The upsert only
 * touches an unlocked row, so of many attempts arriving at once only as many as the limit allows
 * get through (checking the lock first and counting after the password check let every
 * concurrent guess through). Returns false when the key is locked.
 */
async function reserve(db: Db, key: string, now: number, rule: Rule): Promise<boolean> {
  const fresh = now - rule.resetAfterMs;
  // One statement for every database: no two-argument MIN/MAX (SQLite only), every column of
  // the existing row qualified by its table (PostgreSQL sees EXCLUDED's too), and every number
  // cast to BIGINT (PostgreSQL would type a bare epoch-millisecond parameter as a 32-bit int).
  const failures = Prisma.sql`(CASE WHEN "LoginThrottle"."lastFailureAt" <= CAST(${fresh} AS BIGINT) THEN 1 ELSE "LoginThrottle"."failures" + 1 END)`;
  const wait = Prisma.sql`CAST(${rule.waitIncrementMs} AS BIGINT) * (${failures} - CAST(${rule.lockAt} AS BIGINT) + 1)`;
  const rows = await db.$queryRaw<{ failures: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${key}, 1, CAST(${now} AS BIGINT), CAST(${1 >= rule.lockAt ? now + Math.min(rule.waitIncrementMs, rule.maxWaitMs) : 0} AS BIGINT))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${failures},
      "lastFailureAt" = CAST(${now} AS BIGINT),
      "lockedUntil" = CASE
        WHEN ${failures} >= CAST(${rule.lockAt} AS BIGINT)
        THEN CAST(${now} AS BIGINT) + CASE WHEN ${wait} < CAST(${rule.maxWaitMs} AS BIGINT) THEN ${wait} ELSE CAST(${rule.maxWaitMs} AS BIGINT) END
        ELSE "LoginThrottle"."lockedUntil" END
    WHERE "LoginThrottle"."lockedUntil" <= CAST(${now} AS BIGINT)
    RETURNING "failures"`;
  return rows.length > 0;
}

/**
 * Every login attempt starts here, before any password check: the IP key first (a locked
 * address counts against no name), then the login key. False: refuse without checking.
 */
export async function beginAttempt(db: Db, login: string, ip: string, clock: Clock): Promise<boolean> {
  const now = clock().getTime();
  if (!(await reserve(db, ip, now, ipRule()))) return false;
  return reserve(db, login, now, loginRule());
}

/**
 * The password was right: the login key's counter resets (deleting its row also lifts the lock
 * its own reservation may have set), and the IP key gets back the attempt it was charged.
 */
export async function recordSuccess(db: Db, login: string, ip: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: login } });
  const { lockAt } = ipRule();
  await db.$executeRaw`
    UPDATE "LoginThrottle"
    SET "lockedUntil" = CASE WHEN "failures" - 1 < CAST(${lockAt} AS BIGINT) THEN 0 ELSE "lockedUntil" END,
        "failures" = CASE WHEN "failures" > 0 THEN "failures" - 1 ELSE 0 END
    WHERE "key" = ${ip}`;
}

/**
 * A logged-in principal re-entering its password (Profile's password change, turning two-step
 * verification off, new recovery codes) is a guess like a login's: counted on the same login
 * key (loginKey), so a stolen session cannot try passwords without limit, and a lockout here
 * locks the login too. No IP key: the session already names who is guessing. False: locked.
 */
export async function beginPasswordRecheck(db: Db, login: string, clock: Clock): Promise<boolean> {
  return reserve(db, login, clock().getTime(), loginRule());
}

/** The re-entered password was right: the login key's count goes, as after a login. */
export async function passwordRecheckSucceeded(db: Db, login: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: login } });
}
