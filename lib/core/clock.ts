// The one source of "now" for security decisions (sessions, throttling, token lifetimes), so
// tests can move time by injecting a clock instead of sleeping.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * `job` gated to run at most once per `intervalMs` (milliseconds) of the `now` each call passes;
 * the first call runs it, a call inside the interval resolves at once without running it. The
 * time is taken before the job runs, so a job that fails (its error is the call's) is tried again
 * an interval later, not at every call. One gate per returned function: a background loop's
 * hourly chores (webhook pruning, the push certificate expiry warning).
 */
export function atMostEvery<A extends unknown[]>(intervalMs: number, job: (now: Date, ...args: A) => Promise<unknown>): (now: Date, ...args: A) => Promise<void> {
  let ranAt = -Infinity;
  return async (now, ...args) => {
    if (now.getTime() - ranAt < intervalMs) return;
    ranAt = now.getTime();
    await job(now, ...args);
  };
}
