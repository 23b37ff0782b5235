// The test suite's throwaway databases (imported by vitest.config.ts, the global setup and
// tests). On SQLite, files under data/test/; on PostgreSQL (DATABASE_ADAPTER=pg, npm test's
// vitest-postgres step), databases named switchboard_test_* created with the C collation in the
// server TEST_POSTGRES_URL names, and dropped at the end. Nothing else is ever a test database.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { removeSqliteFiles } from "../scripts/sqlite-files.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const SQLITE_TEST_FILE = /\/data\/test\/[a-z]+-[^/]+\.db$/;
const POSTGRES_TEST_DB = /^switchboard_test_[a-z0-9_]+$/;

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** The database name of a PostgreSQL URL. */
export const postgresDatabaseName = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));

/** `serverUrl` pointed at another database of the same server. */
export function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Whether `url` is one of the suite's throwaway databases (the guards refuse anything else). */
export function isThrowawayTestDatabase(url: string): boolean {
  if (isPostgresUrl(url)) return POSTGRES_TEST_DB.test(postgresDatabaseName(url));
  return url.startsWith("file:") && SQLITE_TEST_FILE.test(url);
}

/** A fresh name for a throwaway database (`tag`: letters only). */
export function throwawayName(tag: string): string {
  return `${tag}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
}

/** SQL for a PostgreSQL database the app accepts: byte-order collation (lib/core/db-check.ts). */
const createSql = (name: string) => `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`;

async function onServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, migrated throwaway database of the suite's kind: a SQLite file under data/test/ or a
 * PostgreSQL database beside the run's (TEST_POSTGRES_URL). `dispose()` removes it.
 */
export async function createThrowawayDatabase(
  kind: "sqlite" | "postgres",
  tag: string,
  opts: { serverUrl?: string; migrate?: boolean } = {},
): Promise<{ url: string; dispose: () => Promise<void> }> {
  const name = throwawayName(tag);
  let url: string;
  let dispose: () => Promise<void>;
  if (kind === "postgres") {
    const serverUrl = opts.serverUrl;
    if (!serverUrl) throw new Error("TEST_POSTGRES_URL is not set: run the PostgreSQL suite through `npm test -- vitest-postgres`");
    const db = `switchboard_test_${name.replace(/-/g, "_")}`;
    await onServer(serverUrl, (c) => c.query(createSql(db)));
    url = withDatabase(serverUrl, db);
    dispose = () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)).then(() => undefined);
  } else {
    mkdirSync(path.join(ROOT, "data/test"), { recursive: true });
    const file = path.join(ROOT, "data/test", `${name}.db`);
    url = `file:${file}`;
    dispose = async () => removeSqliteFiles(file);
  }
  if (opts.migrate !== false) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    if (kind === "postgres") env.DATABASE_ADAPTER = "pg";
    execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, stdio: "ignore", env });
  }
  return { url, dispose };
}
