// Per-key rate limit (ours): a token bucket per API key, refilled at API_RATE_LIMIT_PER_SECOND
// (default 50) with a burst of the same size. Deliberately in memory, per app server process
// (README, Shared deployment): with n servers behind a load balancer a key may make up to n times
// the rate. The limit exists to keep one key's flood from starving a server, which a local bucket
// does exactly; kept in the database instead, it would add a write (and, on PostgreSQL, a lock
// on one hot row per key) to every API call, so a flood of refused calls would itself become
// load on the one resource all servers share. Operators who want one account-wide figure set
// API_RATE_LIMIT_PER_SECOND to the total divided by the number of servers, or limit at the
// load balancer. Sessions, lockouts, limits that protect data (subuser and key counts) and the
// audit log are in the database and shared.
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
