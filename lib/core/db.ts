// The Prisma client, one per process, on the driver adapter DATABASE_URL selects. Two clients are
// generated from one set of models (prisma/schema.prisma for SQLite and libSQL,
// prisma/postgres/schema.prisma for PostgreSQL): a client generated for one provider refuses an
// adapter of the other. The SQLite one is canonical for types: every caller sees `PrismaClient`
// from @/lib/generated/prisma/client, and the PostgreSQL client, generated from the same models,
// has the same API (plus options such as `mode: "insensitive"`, reached through lib/core/search.ts).
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { createAdapterFactory, databaseKind, databaseUrl, type AdapterOptions, type DatabaseKind } from "@/lib/core/db-adapter";
import { env } from "@/lib/core/env";
import "@/lib/core/prisma-plan-cache"; // before any client compiles a query

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

/**
 * A new client for `url` (default DATABASE_URL): the PostgreSQL client for postgres:// and
 * postgresql:// URLs, the SQLite client otherwise, typed alike. Scripts and tests that open a
 * second database use this; the app uses `db`.
 */
export function createClient(url: string = databaseUrl(), opts: AdapterOptions = {}): PrismaClient {
  if (databaseKind(url) === "postgres") {
    const adapter = createAdapterFactory(url, { maxConnections: env().DATABASE_POOL_SIZE, ...opts });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: createAdapterFactory(url, opts) });
}

/** The SQL dialect of this process's database (DATABASE_URL). */
export function dbKind(): DatabaseKind {
  return databaseKind(databaseUrl());
}

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

/**
 * The process's one client, kept on globalThis: in development it outlives module reloads, and in
 * production the Management API's own bundle (scripts/build-api.mjs, served by scripts/server.mjs
 * beside Next) and Next's bundle evaluate this module once each and must share it. Two clients
 * would be two SQLite connections in one process: a write on one, waiting in the driver for the
 * other's open transaction, blocks the event loop that transaction needs to finish, until
 * busy_timeout fails it. Both bundles load Prisma's runtime from node_modules (next.config.ts'
 * serverExternalPackages), so its error and SQL classes are the same objects for both.
 */
export const db: PrismaClient = (globalForDb.switchboardDb ??= createClient());
