import { execFileSync } from "node:child_process";
import pg from "pg";
import { removeSqliteFiles } from "../scripts/sqlite-files.mjs";
import { isPostgresUrl, isThrowawayTestDatabase, postgresDatabaseName } from "./databases";

/**
 * Creates this run's throwaway database (PostgreSQL: a new database with the C collation; SQLite:
 * the file appears on first use), applies the migrations and loads the number catalogue before
 * any test. Returns the teardown, which drops the PostgreSQL database or removes the SQLite file
 * (each run makes a new one: kept, they would pile up under data/test/ run after run).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL ?? "";
  if (!isThrowawayTestDatabase(url)) {
    throw new Error(`Refusing to run tests against a non-throwaway database: ${url}`);
  }
  let teardown = async () => {};
  if (isPostgresUrl(url)) {
    const name = postgresDatabaseName(url);
    const server = process.env.TEST_POSTGRES_URL!;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    teardown = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    const file = url.slice("file:".length);
    teardown = async () => removeSqliteFiles(file);
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_DEMO: "false" } });
  return teardown;
}
