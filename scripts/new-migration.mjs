#!/usr/bin/env node
// npm run db:new-migration -- <name>: writes the SQL that takes the database from the last
// migration to prisma/schema.prisma, twice under one folder name: SQLite into
// prisma/migrations/<stamp>_<name>/ and PostgreSQL into prisma/postgres/migrations/<stamp>_<name>/,
// and rewrites prisma/postgres/schema.prisma from the shared models. `migrate dev` needs native
// engines, and `migrate diff --from-migrations` needs a shadow database (which the JS schema
// engine cannot replay into for SQLite, and through adapter-pg would be the real database), so
// "from" is the schema as of the last commit that touched prisma/migrations: a migration is
// always committed together with its schema change. The PostgreSQL diff needs a server to talk
// to: TEST_POSTGRES_URL, or a throwaway cluster started for the occasion (scripts/postgres.mjs).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startPostgres } from "./postgres.mjs";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SQLITE_SCHEMA, diffDatamodels, isEmptyMigration, toPostgres, writePostgresSchema } from "./prisma-schemas.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();
const base = git("log", "-1", "--format=%H", "--", SQLITE_MIGRATIONS);
const fromSchema = git("show", `${base}:${SQLITE_SCHEMA}`) + "\n";
const toSchema = readFileSync(SQLITE_SCHEMA, "utf8");

const sqlite = diffDatamodels(root, fromSchema, toSchema);
if (isEmptyMigration(sqlite)) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
const server = await startPostgres();
let postgres;
try {
  postgres = diffDatamodels(root, toPostgres(fromSchema), toPostgres(toSchema), { postgresUrl: server.url });
} finally {
  server.stop();
}

const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
for (const [dir, sql] of [
  [SQLITE_MIGRATIONS, sqlite],
  [POSTGRES_MIGRATIONS, isEmptyMigration(postgres) ? "-- No schema change on PostgreSQL.\n" : postgres],
]) {
  mkdirSync(`${dir}/${folder}`, { recursive: true });
  writeFileSync(`${dir}/${folder}/migration.sql`, sql);
  console.log(`Wrote ${dir}/${folder}/migration.sql (from the schema at ${base.slice(0, 8)})`);
}
if (writePostgresSchema(root)) console.log("Wrote prisma/postgres/schema.prisma");
console.log("Commit the schema change and both migrations together.");
