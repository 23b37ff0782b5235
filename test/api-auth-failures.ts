// The Management API's failed-authentication allowance is per client address and per process
// (lib/api/rate-limit.ts), and every in-process test call comes from the same empty address.
/** Gives that address a full allowance again (no-op before the limiter's first use). */
export function resetApiAuthFailures(): void {
  (globalThis as { switchboardApiAuthFailures?: { reset(): void } }).switchboardApiAuthFailures?.reset();
}
