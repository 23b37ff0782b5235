// The Management API's two limiters (ours), in memory, per app server process.
// - Per key, after authentication: a token bucket per API key, refilled at
//   API_RATE_LIMIT_PER_SECOND (default 50) with a burst of the same size.
// - Per client address, before authentication (docs/SECURITY.md "API tokens"): only failed
//   authentications count, so valid traffic never spends it; once an address has failed
//   API_AUTH_MAX_FAILURES times in a burst, everything it sends is answered 340 before any key
//   lookup or signature check, until its allowance refills over API_AUTH_FAILURE_WINDOW_SECONDS.
// Deliberately per server (README, Shared deployment): with n servers behind a load balancer a
// key may make up to n times the rate. The limits exist to keep one client's flood from starving
// a server, which a local bucket does exactly; kept in the database instead, they would add a
// write (and, on PostgreSQL, a lock on one hot row per key) to every API call, so a flood of
// refused calls would itself become load on the one resource all servers share. Operators who
// want one account-wide figure set API_RATE_LIMIT_PER_SECOND to the total divided by the number
// of servers, or limit at the load balancer. Sessions, lockouts, limits that protect data
// (subuser and key counts) and the audit log are in the database and shared.
import { env } from "@/lib/core/env";

export function configuredRate(): number {
  return env().API_RATE_LIMIT_PER_SECOND;
}

type Bucket = { tokens: number; at: number; lastRejectWindow: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly ratePerSecond: () => number = configuredRate) {}

  /**
   * Takes one token for `key` at time `nowMs`. Returns whether the request may proceed and,
   * when refused, whether it is the first refusal in this second (only that one is audited, so
   * a flood of refused requests cannot turn into a flood of writes).
   */
  take(key: string, nowMs: number): { allowed: true } | { allowed: false; firstInWindow: boolean } {
    const rate = this.ratePerSecond();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.sweep(nowMs, rate);
      b = { tokens: rate, at: nowMs, lastRejectWindow: -1 };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(rate, b.tokens + ((nowMs - b.at) / 1000) * rate);
    b.at = nowMs;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    const window = Math.floor(nowMs / 1000);
    const firstInWindow = b.lastRejectWindow !== window;
    b.lastRejectWindow = window;
    return { allowed: false, firstInWindow };
  }

  /** Drops buckets that have refilled completely: they hold no state worth keeping. */
  private sweep(nowMs: number, rate: number) {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((nowMs - b.at) / 1000) * rate >= rate) this.buckets.delete(k);
    }
  }

  reset() {
    this.buckets.clear();
  }
}

const globalForLimiter = globalThis as unknown as { switchboardApiLimiter?: RateLimiter };
/** One limiter per process (kept across dev hot reloads). */
export const apiRateLimiter: RateLimiter = (globalForLimiter.switchboardApiLimiter ??= new RateLimiter());

export function configuredFailureAllowance(): { max: number; windowSeconds: number } {
  const e = env();
  return { max: e.API_AUTH_MAX_FAILURES, windowSeconds: e.API_AUTH_FAILURE_WINDOW_SECONDS };
}

type FailureBucket = { tokens: number; at: number };

export class AuthFailureLimiter {
  private readonly buckets = new Map<string, FailureBucket>();
  constructor(private readonly allowance: () => { max: number; windowSeconds: number } = configuredFailureAllowance) {}

  // A clock that steps back (an injected one, or NTP) neither drains nor refills.
  private refilled(b: FailureBucket, nowMs: number, max: number, windowSeconds: number): FailureBucket {
    b.tokens = Math.min(max, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * (max / windowSeconds));
    b.at = Math.max(b.at, nowMs);
    return b;
  }

  /**
   * Whether `address` may try to authenticate at `nowMs`: false once its failed attempts have
   * used up the allowance, until enough of it refills for one more. An address that never failed
   * is always allowed; successful calls cost nothing here.
   */
  allows(address: string, nowMs: number): boolean {
    const b = this.buckets.get(address);
    if (!b) return true;
    const { max, windowSeconds } = this.allowance();
    return this.refilled(b, nowMs, max, windowSeconds).tokens >= 1;
  }

  /** Counts one failed authentication from `address` at `nowMs`. */
  fail(address: string, nowMs: number): void {
    const { max, windowSeconds } = this.allowance();
    let b = this.buckets.get(address);
    if (!b) {
      if (this.buckets.size > 10_000) this.sweep(nowMs, max, windowSeconds);
      b = { tokens: max, at: nowMs };
      this.buckets.set(address, b);
    }
    this.refilled(b, nowMs, max, windowSeconds).tokens = Math.max(0, b.tokens - 1);
  }

  /** Drops addresses whose allowance has refilled completely: they hold no state worth keeping. */
  private sweep(nowMs: number, max: number, windowSeconds: number) {
    for (const [k, b] of this.buckets) {
      if (this.refilled(b, nowMs, max, windowSeconds).tokens >= max) this.buckets.delete(k);
    }
  }

  reset() {
    this.buckets.clear();
  }
}

const globalForFailures = globalThis as unknown as { switchboardApiAuthFailures?: AuthFailureLimiter };
/** One per process (kept across dev hot reloads). */
export const apiAuthFailureLimiter: AuthFailureLimiter = (globalForFailures.switchboardApiAuthFailures ??= new AuthFailureLimiter());
