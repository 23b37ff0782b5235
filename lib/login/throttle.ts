// Login throttling on the Keycloak model (SECURITY.md): a failure counter per (account, login
// name) with temporary lockouts that grow by a wait increment up to a cap, a per-IP limiter on
// top, no permanent lockout, counters reset after 12 h without failures. Every update is one
// atomic SQL upsert, so concurrent attempts cannot lose a failure. Times are epoch ms integers.
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Clock } from "@/lib/clock";

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

/** Whether either key is currently locked. Locked attempts are refused without a password check. */
export async function isLocked(db: Db, keys: string[], clock: Clock): Promise<boolean> {
  const now = clock().getTime();
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  return rows.some((r) => Number(r.lockedUntil) > now);
}

async function bump(db: Db, key: string, now: number, resetAfterMs: number): Promise<number> {
  const rows = await db.$queryRaw<{ failures: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${key}, 1, ${now}, 0)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "lastFailureAt" < ${now - resetAfterMs} THEN 1 ELSE "failures" + 1 END,
      "lastFailureAt" = ${now}
    RETURNING "failures"`;
  return Number(rows[0]?.failures ?? 1);
}

async function lockUntil(db: Db, key: string, until: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET "lockedUntil" = MAX("lockedUntil", ${until}) WHERE "key" = ${key}`;
}

/** Records a failed attempt against the login key and the IP key, locking either as due. */
export async function recordFailure(db: Db, login: string, ip: string, clock: Clock): Promise<void> {
  const now = clock().getTime();
  const failures = await bump(db, login, now, THROTTLE.resetAfterMs);
  if (failures >= THROTTLE.failureFactor) {
    const wait = Math.min(THROTTLE.waitIncrementMs * (failures - THROTTLE.failureFactor + 1), THROTTLE.maxWaitMs);
    await lockUntil(db, login, now + wait);
  }
  const { LOGIN_IP_MAX_FAILURES, LOGIN_IP_WINDOW_SECONDS } = env();
  const windowMs = LOGIN_IP_WINDOW_SECONDS * 1000;
  const ipFailures = await bump(db, ip, now, windowMs);
  if (ipFailures >= LOGIN_IP_MAX_FAILURES) await lockUntil(db, ip, now + windowMs);
}

/** A successful login clears the login key's counter (the IP limiter keeps its window). */
export async function recordSuccess(db: Db, login: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: login } });
}
