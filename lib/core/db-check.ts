// What the app requires of a PostgreSQL database before it migrates or serves it. Sorting
// (lists ordered by name), prefix ranges (`gte: p, lt: p + "\uffff"` in lib/domains/kvs and
// app-users) and SQLite parity all assume byte order, which PostgreSQL gives only under the C
// (or POSIX) collation; under a natural-language collation ("en_US.UTF-8") "B" < "a" no longer
// holds and a prefix range can miss rows. Checked by prisma.config.ts before every CLI command
// on PostgreSQL (so `npm start` refuses before migrating) and by prisma/seed.ts.

/** Collations whose order is byte order. */
export const BYTE_ORDER_COLLATIONS = ["C", "POSIX"] as const;

export const COLLATION_HELP =
  "Create the database with the C collation, e.g. " +
  `createdb --template=template0 --locale=C --encoding=UTF8 switchboard, or in SQL: ` +
  `CREATE DATABASE switchboard TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C' ENCODING 'UTF8'; ` +
  "then migrate into it (README, Shared deployment).";

// Cast: before PostgreSQL 15 these columns are of type `name`, which the app's adapter cannot read.
const QUERY = "SELECT datcollate::text AS datcollate, datctype::text AS datctype FROM pg_database WHERE datname = current_database()";

/**
 * Throws an Error naming the database's collation and how to create a usable one unless the
 * current database's LC_COLLATE is C or POSIX. `query` runs one SQL statement and returns its
 * rows (pg's client.query(...).rows, or Prisma's $queryRawUnsafe).
 */
export async function assertCollation(query: (sql: string) => Promise<unknown[]>): Promise<void> {
  const rows = (await query(QUERY)) as { datcollate?: unknown }[];
  const collation = String(rows[0]?.datcollate ?? "");
  if (!(BYTE_ORDER_COLLATIONS as readonly string[]).includes(collation)) {
    throw new Error(`This PostgreSQL database uses the collation "${collation || "unknown"}"; Switchboard needs "C" (byte order) for sorting and prefix searches. ${COLLATION_HELP}`);
  }
}
