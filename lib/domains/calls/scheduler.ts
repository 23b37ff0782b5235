import "server-only";
// The call scheduler: one per app server process, started by Next's instrumentation hook
// (instrumentation.ts, register()), ticking advanceCalls about once a second so running sessions
// end when their planned end comes (then advanceCallLists, so call lists go on; and beside them,
// in a loop of its own, webhookLoop, lib/domains/webhooks/mutations.ts: webhook deliveries, and
// hourly their pruning; and hourly, the push certificates' expiry warning and the SQLite planner's
// statistics, lib/core/planner-statistics.ts). Safe with several app
// servers on one database: each tick claims due sessions with an atomic conditional update and
// finalising is exactly-once (./simulator.ts, ./mutations.ts), so servers split the work and never
// double-charge; the expiry warning claims each certificate the same way.
// CALL_SCHEDULER=false turns it off on a server (another one sharing the database must run it).
import { atMostEvery } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { refreshPlannerStatistics } from "@/lib/core/planner-statistics";
import { advanceCallLists } from "@/lib/domains/call-lists/mutations";
import { warnExpiringPushCertificates } from "@/lib/domains/push-credentials/mutations";
import { webhookLoop } from "@/lib/domains/webhooks/mutations";
import { advanceCalls } from "./simulator";

/** How often a tick runs (ours): a session ends at most this late. */
export const TICK_MS = 1_000;
/** How often the hourly jobs run on each server (ours): push certificates' expiry warning, the planner's statistics. */
export const HOURLY_MS = 3_600_000;

type Scheduler = { stop: () => void };
const globalForScheduler = globalThis as unknown as { switchboardCallScheduler?: Scheduler };

/**
 * Starts this process's scheduler (once: a second call returns the first). A tick never overlaps
 * the previous one; a failing tick is logged and the next one tries again; a session that fails
 * to finalise is logged with its id and tried again once its claim lapses (advanceCalls).
 */
export function startCallScheduler(
  opts: {
    intervalMs?: number;
    now?: () => Date;
    log?: (message: string, e: unknown) => void;
    /** Only this account's sessions and lists (tests sharing one database). */
    accountId?: number;
    /** Replaces the webhook loop: deliveries and their pruning (tests). */
    deliver?: (now: Date, o: { accountId?: number }) => Promise<unknown>;
  } = {},
): Scheduler {
  const existing = globalForScheduler.switchboardCallScheduler;
  if (existing) return existing;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((message, e) => console.error(message, e));
  const { accountId } = opts;
  // One loop per scheduler, so per process: it prunes at most hourly however often it ticks.
  const deliver = opts.deliver ?? webhookLoop();
  let busy = false;
  let delivering = false;
  // The hourly jobs run on the first tick, then an hour after the last run began.
  const warnExpiring = atMostEvery(HOURLY_MS, (at: Date) => warnExpiringPushCertificates(at, { accountId }));
  // Not in tests scoped to one account: the statistics are the whole database's.
  const refreshStatistics = atMostEvery(HOURLY_MS, () => (accountId === undefined ? refreshPlannerStatistics() : Promise.resolve()));
  const timer = setInterval(() => {
    warnExpiring(now()).catch((e) => log("Call scheduler: the push certificate expiry warning failed", e));
    refreshStatistics(now()).catch((e) => log("Call scheduler: refreshing the database's planner statistics failed", e));
    // Webhook deliveries run beside the calls, never in their way: a slow receiver (5 s at most
    // per attempt) delays only the deliveries behind it, not the end of anyone's call.
    if (!delivering) {
      delivering = true;
      deliver(now(), { accountId })
        .catch((e) => log("Call scheduler: webhook deliveries or their pruning failed", e))
        .finally(() => {
          delivering = false;
        });
    }
    if (busy) return;
    busy = true;
    // Sessions end first, so call lists see their rows' calls ended and reuse the free slots.
    advanceCalls(now(), { accountId, onError: (sessionId, e) => log(`Call scheduler: session ${sessionId} could not be finalised`, e) })
      .then(() => advanceCallLists(now(), { accountId }))
      .catch((e) => log("Call scheduler: a tick failed", e))
      .finally(() => {
        busy = false;
      });
  }, opts.intervalMs ?? TICK_MS);
  timer.unref();
  const scheduler = {
    stop() {
      clearInterval(timer);
      if (globalForScheduler.switchboardCallScheduler === scheduler) delete globalForScheduler.switchboardCallScheduler;
    },
  };
  globalForScheduler.switchboardCallScheduler = scheduler;
  return scheduler;
}

/** What instrumentation.ts calls at server start: the scheduler, unless CALL_SCHEDULER=false. */
export function startCallSchedulerIfEnabled(): void {
  if (env().CALL_SCHEDULER) startCallScheduler();
}
