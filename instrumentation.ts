// Next's instrumentation hook: runs once when an app server starts (next start, scripts/server.mjs,
// next dev). It starts the call scheduler (lib/domains/calls/scheduler.ts) in the Node.js runtime
// only. NEXT_RUNTIME is read here, as Next documents, because Next replaces it at build time to
// drop the Node.js-only import from the edge bundle (lib/core/env.ts is not bundled that way).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCallSchedulerIfEnabled } = await import("./lib/domains/calls/scheduler");
  startCallSchedulerIfEnabled();
}
