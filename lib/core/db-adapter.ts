// Chooses the Prisma driver adapter from DATABASE_URL, for the app and the Prisma CLI alike.
// file: URLs use the embedded better-sqlite3 driver; libsql:, http(s):, ws(s): use libSQL (a
// sqld server or Turso, for several app servers). DATABASE_ADAPTER=libsql forces libSQL on a
// file: URL too, which is how the test suite proves the shared-deployment path.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "./env";

export function databaseUrl(): string {
  return env().DATABASE_URL;
}

export type AdapterKind = "better-sqlite3" | "libsql";

export function adapterKind(url: string): AdapterKind {
  const forced = env().DATABASE_ADAPTER;
  if (forced) return forced;
  return url.startsWith("file:") ? "better-sqlite3" : "libsql";
}

export function createAdapterFactory(url: string) {
  if (adapterKind(url) === "libsql") {
    return new PrismaLibSQL({ url, authToken: env().DATABASE_AUTH_TOKEN });
  }
  return new PrismaBetterSQLite3({ url });
}
