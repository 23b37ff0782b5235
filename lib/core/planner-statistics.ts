// The SQLite query planner's statistics (sqlite_stat1). Without them SQLite guesses, and for an
// application's call history in a date range (GetCallHistory's usual call, the panel's page with
// dates) it guessed the account's (accountId, startedAt, id) index over the application's
// (applicationId, accountId, startedAt, id): it then walked every session of the account in the
// range and looked each up to find the application's, 13 ms for a page of an application holding
// 30 of an account's 200,000 sessions, 0.8 ms once the statistics exist (issue 11: flat in table
// size). SQLite's own advice for a long-lived connection is PRAGMA optimize when it opens and then
// periodically; it analyzes only the tables that were never analyzed or have grown or shrunk
// a lot since, each within a bounded number of rows. PostgreSQL's autovacuum keeps its
// statistics itself.
import { db, dbKind, type Db } from "./db";
import type { DatabaseKind } from "./db-adapter";

/**
 * PRAGMA optimize's mask (sqlite.org/pragma.html#pragma_optimize): 0x02 analyze the tables that
 * would benefit, 0x10 within a temporary analysis_limit (so a large table costs a bounded sample),
 * 0x10000 check every table, not only those this connection has used.
 */
export const SQLITE_OPTIMIZE_MASK = 0x10012;

/**
 * Brings the planner's statistics up to date where the database does not do it itself: on SQLite
 * (either driver) one PRAGMA optimize (a no-op when nothing changed much; about 0.6 s the first
 * time on 200,000 sessions); on PostgreSQL nothing. Run by the call scheduler when a server starts
 * and hourly after (lib/domains/calls/scheduler.ts).
 */
export async function refreshPlannerStatistics(client: Db = db, kind: DatabaseKind = dbKind()): Promise<void> {
  if (kind !== "sqlite") return;
  await client.$executeRawUnsafe(`PRAGMA optimize=${SQLITE_OPTIMIZE_MASK}`);
}
