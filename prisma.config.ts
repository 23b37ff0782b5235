// Prisma CLI configuration. The JS schema engine runs through the same driver adapter as the
// app, so `migrate deploy`, `migrate status` and `db push` work without native engine binaries.
// DATABASE_URL picks the side: a postgres:// or postgresql:// URL uses prisma/postgres/
// (schema.prisma generated from prisma/schema.prisma's models, and its own migrations); any
// other URL uses prisma/schema.prisma and prisma/migrations (SQLite, libSQL).
//
// Never run `migrate dev` or `migrate diff --from-migrations` against PostgreSQL: through the
// adapter they use the configured database as their shadow database, creating or dropping tables
// in it. New migrations are diffed datamodel to datamodel: `npm run db:new-migration`.
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { createAdapterFactory, databaseUrl, isPostgresUrl } from "./lib/core/db-adapter";
import { assertCollation } from "./lib/core/db-check";

/**
 * WORKAROUND (CLI only, PostgreSQL only): @prisma/adapter-pg 6.19 cannot read two types the
 * schema engine's catalog queries return, `name` (OID 19) and `"char"` (OID 18), and fails with
 * "Column type 'name' could not be deserialized from the database" (Prisma issue #27403, also #28145; fixed in
 * the 7.x adapters only; Prisma 7's CLI cannot migrate offline, so we stay on 6.19). pg parses
 * both as strings already; this client only relabels their columns as `text` (OID 25) before the
 * adapter maps column types. The app's own queries never select either type, so the app runs
 * the stock adapter. Remove this when the adapter maps OIDs 18 and 19 itself.
 */
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;
function relabelCatalogTypes<R>(result: R): R {
  for (const r of (Array.isArray(result) ? result : [result]) as QueryResultLike[]) {
    for (const f of r?.fields ?? []) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg-pool calls query(text, values, callback); the adapter's transactions call query(config, values).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const cb = typeof args.at(-1) === "function" ? (args.pop() as (err: Error | null, res: unknown) => void) : undefined;
    if (cb) return (super.query as (...a: unknown[]) => unknown)(...args, (err: Error | null, res: unknown) => cb(err, err ? res : relabelCatalogTypes(res)));
    const out = (super.query as (...a: unknown[]) => unknown)(...args) as Promise<unknown> | undefined;
    return out && typeof out.then === "function" ? out.then(relabelCatalogTypes) : out;
  }
}

const url = databaseUrl();
const postgres = isPostgresUrl(url);
// `migrate diff` between two datamodel files (npm run db:new-migration) reads no database.
const datamodelDiff = process.argv.includes("diff") && !process.argv.some((a) => /^--(from|to)-(url|schema-datasource|config-datasource|migrations)/.test(a));

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    if (!postgres || datamodelDiff) return createAdapterFactory(url);
    // Sorting and prefix ranges assume byte order: refuse a database of another collation
    // before migrating it (lib/core/db-check.ts).
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    try {
      await assertCollation(async (sql) => (await probe.query(sql)).rows);
    } finally {
      await probe.end();
    }
    return new PrismaPg({ connectionString: url, Client: CatalogTextClient } as pg.PoolConfig);
  },
});
