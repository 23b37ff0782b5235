// Chooses the Prisma driver adapter from DATABASE_URL, for the app and the Prisma CLI alike.
// postgres:// and postgresql:// URLs use node-postgres (@prisma/adapter-pg) and the client
// generated from prisma/postgres/schema.prisma; file: URLs use the embedded better-sqlite3 driver;
// libsql:, http(s):, ws(s): use libSQL (a sqld server or Turso). DATABASE_ADAPTER=libsql forces
// libSQL on a file: URL too, which is how the test suite proves that driver.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "./env";
import { LruMap } from "./lru";

export function databaseUrl(): string {
  return env().DATABASE_URL;
}

/** Which SQL dialect (and which generated client) a URL speaks. */
export type DatabaseKind = "sqlite" | "postgres";
export type AdapterKind = "better-sqlite3" | "libsql" | "pg";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function databaseKind(url: string): DatabaseKind {
  return isPostgresUrl(url) ? "postgres" : "sqlite";
}

/**
 * The driver for a URL: DATABASE_ADAPTER when set, else from the scheme. Throws when the forced
 * driver cannot speak the URL's dialect (a SQLite driver on a postgres:// URL or the reverse).
 */
export function adapterKind(url: string): AdapterKind {
  const forced = env().DATABASE_ADAPTER;
  const postgres = isPostgresUrl(url);
  if (forced && (forced === "pg") !== postgres) {
    throw new Error(`DATABASE_ADAPTER=${forced} cannot open ${postgres ? "a PostgreSQL" : "a SQLite/libSQL"} DATABASE_URL: leave DATABASE_ADAPTER unset to choose by the URL`);
  }
  if (forced) return forced;
  if (postgres) return "pg";
  return url.startsWith("file:") ? "better-sqlite3" : "libsql";
}

export type AdapterOptions = {
  /** better-sqlite3: how long to wait for another process's lock, in milliseconds. */
  sqliteTimeoutMs?: number;
  /** node-postgres: the most connections this process opens (pg's default is 10). */
  maxConnections?: number;
};

/** How long a SQLite connection waits for another writer's lock before failing, in milliseconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * The page cache of each SQLite connection, in KiB (64 MiB; SQLite's default is 2 MiB). A panel
 * page reads the session, the chrome's counts, the list, its capped count and the filters'
 * choices: at 100,000 call sessions and 100,000 numbers that is 16 to 32 MiB of pages, so with
 * the default cache every request re-read most of them from the operating system (the call
 * history's capped count took 13 ms instead of 4, the number choices 4.7 ms instead of 1.3;
 * issue 11). The cache grows only as pages are read, up to this bound.
 */
export const SQLITE_CACHE_KIB = 65_536;

/**
 * Set on every connection to a SQLite file, by either driver (issue 11): WAL lets readers run
 * beside the one writer and commits append to the log instead of rewriting pages;
 * synchronous=NORMAL syncs at checkpoints rather than on every commit (in WAL mode a power loss
 * can lose the last commits, never corrupt the file); busy_timeout waits for a lock instead of
 * failing with SQLITE_BUSY; foreign_keys enforces the schema's relations (cascades included);
 * cache_size is SQLITE_CACHE_KIB (negative: KiB rather than pages).
 * A remote libSQL server (sqld, Turso) manages its own storage: nothing is set there.
 */
export function sqlitePragmas(busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): string[] {
  return [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    `PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`,
    "PRAGMA foreign_keys = ON",
    `PRAGMA cache_size = -${SQLITE_CACHE_KIB}`,
  ];
}

type SqliteFactory = PrismaBetterSQLite3 | PrismaLibSQL;

/** Prepared statements kept per better-sqlite3 connection, least recently used dropped first. */
export const STATEMENT_CACHE_ENTRIES = 500;

const statementStats = { hits: 0, misses: 0 };

/** Counts since the process started, over every better-sqlite3 connection: hits, misses (prepared). */
export function statementCacheStats(): Readonly<typeof statementStats> {
  return { ...statementStats };
}

type Statement = {
  reader: boolean;
  run(args?: unknown[]): unknown;
  columns(): unknown[];
  raw(on: boolean): { all(args: unknown[]): unknown[] };
};

/**
 * One prepared statement reused for every query with its SQL. The adapter calls
 * `prepare(sql).bind(args)` and then `run()`, or `columns()` and `raw().all()`: better-sqlite3
 * binds a statement once for good, so the values are kept here and handed to each call instead.
 */
function reusable(stmt: Statement) {
  let columns: unknown[] | undefined;
  return {
    reader: stmt.reader,
    run: () => stmt.run(), // "BEGIN", which takes no values
    bind(args: unknown[]) {
      return {
        reader: stmt.reader,
        run: () => stmt.run(args),
        columns: () => (columns ??= stmt.columns()),
        raw: () => ({ all: () => stmt.raw(true).all(args) }),
      };
    },
  };
}

/**
 * Two changes to how @prisma/adapter-better-sqlite3 6.19 drives its connection (issue 11), made by
 * wrapping the connection's `prepare`, the one method the adapter calls for every query:
 *
 * - Statements are prepared once per SQL text and reused (the adapter prepares every query anew:
 *   5.5% of an API read's CPU under the bench). SQLite re-prepares a statement by itself when the
 *   schema changes under it.
 * - Transactions begin IMMEDIATE. The adapter opens every interactive transaction with a plain
 *   (deferred) BEGIN: it reads under a snapshot and asks for the write lock only at its first
 *   write. When another connection (a second server, a script, the e2e suite's factory) committed
 *   in between, that write fails at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout can wait
 *   out, and the user sees "Something went wrong". BEGIN IMMEDIATE takes the write lock at the
 *   start (waiting up to busy_timeout), so a transaction that reads then writes always writes on
 *   what it read. Transactions in one process are serialized by the adapter anyway.
 *
 * The adapter keeps its driver connection in `client`, calls `client.prepare(sql).bind(args)` and
 * starts a transaction with `client.prepare("BEGIN").run()`; when that shape changes, this does
 * nothing and the db-adapter test fails. libSQL connections: writeLockLibSqlTransactions below.
 */
function tuneBetterSqlite3(adapter: object): void {
  const client = (adapter as { client?: { prepare?: unknown } }).client;
  if (!client || typeof client.prepare !== "function" || !("pragma" in client)) return; // libSQL: not better-sqlite3
  const prepare = (client.prepare as (sql: string) => Statement).bind(client);
  const cache = new LruMap<string, ReturnType<typeof reusable>>(STATEMENT_CACHE_ENTRIES);
  client.prepare = (sql: string) => {
    const hit = cache.get(sql);
    if (hit) {
      statementStats.hits++;
      return hit;
    }
    statementStats.misses++;
    const entry = reusable(prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql));
    cache.set(sql, entry);
    return entry;
  };
}

/**
 * libSQL transactions begin IMMEDIATE too, for the reason above: @prisma/adapter-libsql 6.19 opens
 * every interactive transaction with `client.transaction("deferred")`. The adapter keeps the
 * @libsql/client Client in `client`; its `transaction(mode)` is that client's public API, where
 * "write" is BEGIN IMMEDIATE on a local file and a write transaction on sqld or Turso. When the
 * shape changes, this does nothing and the db-adapter test fails.
 */
function writeLockLibSqlTransactions(adapter: object): void {
  const client = (adapter as { client?: { transaction?: unknown; pragma?: unknown } }).client;
  if (!client || typeof client.transaction !== "function" || "pragma" in client) return; // better-sqlite3
  const transaction = (client.transaction as (mode?: string) => Promise<unknown>).bind(client);
  client.transaction = (mode?: string) => transaction(mode === "deferred" ? "write" : mode);
}

/**
 * A SQLite adapter factory whose every connection (the app's and a shadow one) runs `statements`
 * first, one query each (some PRAGMAs answer a row, which libSQL's script runner refuses), and
 * whose app connections get the changes above.
 */
class WithConnectionPragmas {
  readonly provider: SqliteFactory["provider"];
  readonly adapterName: string;
  constructor(
    private readonly inner: SqliteFactory,
    private readonly statements: readonly string[],
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }
  async connect(): ReturnType<SqliteFactory["connect"]> {
    const adapter = await this.inner.connect();
    for (const sql of this.statements) await adapter.queryRaw({ sql, args: [], argTypes: [] });
    tuneBetterSqlite3(adapter);
    writeLockLibSqlTransactions(adapter);
    return adapter;
  }
  async connectToShadowDb(): ReturnType<SqliteFactory["connectToShadowDb"]> {
    const adapter = await this.inner.connectToShadowDb();
    for (const sql of this.statements) await adapter.queryRaw({ sql, args: [], argTypes: [] });
    return adapter;
  }
}

export function createAdapterFactory(url: string, opts: AdapterOptions = {}) {
  const kind = adapterKind(url);
  if (kind === "pg") return new PrismaPg({ connectionString: url, ...(opts.maxConnections ? { max: opts.maxConnections } : {}) });
  const timeout = opts.sqliteTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
  if (kind === "libsql") {
    // @libsql/client is 0.18 (package.json's override; the adapter asks for 0.8): 0.8 gave each
    // transaction the client's connection and opened a new one, without the PRAGMAs below, for
    // whatever came next (busy_timeout 0: SQLITE_BUSY at once beside another writer). 0.18 keeps
    // a pool and reuses the connection; `timeout` also sets the busy timeout on any connection
    // the pool opens later. A sqld server or Turso keeps its own settings: only the transactions change.
    const factory = new PrismaLibSQL({ url, authToken: env().DATABASE_AUTH_TOKEN, timeout });
    return new WithConnectionPragmas(factory, url.startsWith("file:") ? sqlitePragmas(timeout) : []);
  }
  return new WithConnectionPragmas(new PrismaBetterSQLite3({ url, timeout }), sqlitePragmas(timeout));
}
