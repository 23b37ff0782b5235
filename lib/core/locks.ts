// Serializing the writes that check a count or a sum first ("at most 100 subusers", "at most 100
// keys", and every balance check to come). Under PostgreSQL's READ COMMITTED two transactions
// can both count 99 and both insert; SQLite never lets them (its transactions are serializable:
// one writer at a time, and a transaction that read before another's write cannot write after
// it), so the lock is PostgreSQL's only.
import type { Tx } from "@/lib/core/db";
import { databaseKind, databaseUrl } from "@/lib/core/db-adapter";

/** The first key of Switchboard's advisory locks (pg_advisory_xact_lock(class, id)): "Sb" in ASCII. */
const LOCK_CLASS = 0x5362;
/** Second keys: account ids are positive, so the database-wide locks take the negative ones. */
const SEED_LOCK_ID = -1;

async function advisoryXactLock(tx: Tx, id: number): Promise<void> {
  if (databaseKind(databaseUrl()) !== "postgres") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(CAST(${LOCK_CLASS} AS INTEGER), CAST(${id} AS INTEGER))`;
}

/**
 * Holds the account's write lock until `tx` commits or rolls back: call it first in a
 * transaction that counts or sums the account's rows and then writes, so concurrent ones for the
 * same account (from any app server) run one after another. PostgreSQL: a transaction-scoped
 * advisory lock keyed (LOCK_CLASS, accountId), which touches no row and blocks nothing else;
 * SQLite and libSQL: nothing to do (see above).
 */
export function lockAccount(tx: Tx, accountId: number): Promise<void> {
  return advisoryXactLock(tx, accountId);
}

/** The same for seeding an empty database: app servers started together seed it once. */
export function lockSeed(tx: Tx): Promise<void> {
  return advisoryXactLock(tx, SEED_LOCK_ID);
}
