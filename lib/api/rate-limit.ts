// Per-key rate limit (ours): a token bucket per API key, refilled at API_RATE_LIMIT_PER_SECOND
// (default 50) with a burst of the same size. In memory, per server process: with several app
// servers each allows the rate, which bounds abuse without a shared store. Good enough for a
// self-hosted panel; a shared limiter would live in the database or a cache.
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
