// Chooses the Prisma driver adapter from DATABASE_URL, for the app and the Prisma CLI alike.
// postgres:// and postgresql:// URLs use node-postgres (@prisma/adapter-pg) and the client
// generated from prisma/postgres/schema.prisma; file: URLs use the embedded better-sqlite3 driver;
// libsql:, http(s):, ws(s): use libSQL (a sqld server or Turso). DATABASE_ADAPTER=libsql forces
// libSQL on a file: URL too, which is how the test suite proves that driver.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "./env";

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

export function createAdapterFactory(url: string, opts: AdapterOptions = {}) {
  const kind = adapterKind(url);
  if (kind === "pg") return new PrismaPg({ connectionString: url, ...(opts.maxConnections ? { max: opts.maxConnections } : {}) });
  if (kind === "libsql") return new PrismaLibSQL({ url, authToken: env().DATABASE_AUTH_TOKEN });
  return new PrismaBetterSQLite3({ url, ...(opts.sqliteTimeoutMs ? { timeout: opts.sqliteTimeoutMs } : {}) });
}
