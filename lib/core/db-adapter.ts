// Chooses the Prisma driver adapter from DATABASE_URL, for the app and the Prisma CLI alike.
// file: URLs use the embedded better-sqlite3 driver; libsql:, http(s):, ws(s): use libSQL (a
// sqld server or Turso, for several app servers). DATABASE_ADAPTER=libsql forces libSQL on a
// file: URL too, which is how the test suite proves the shared-deployment path.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export type AdapterKind = "better-sqlite3" | "libsql";

export function adapterKind(url: string): AdapterKind {
  const forced = process.env.DATABASE_ADAPTER;
  if (forced === "libsql" || forced === "better-sqlite3") return forced;
  if (forced) throw new Error(`DATABASE_ADAPTER must be "libsql" or "better-sqlite3", got "${forced}"`);
  return url.startsWith("file:") ? "better-sqlite3" : "libsql";
}

export function createAdapterFactory(url: string) {
  if (adapterKind(url) === "libsql") {
    return new PrismaLibSQL({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
  }
  return new PrismaBetterSQLite3({ url });
}
