import path from "node:path";
import { mkdirSync, readdirSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";
import { filesReachingDatabase } from "./test/database-reach";
import { FIRST_DRIVER, FIRST_DRIVER_RUN } from "./test/drivers";

// Integration tests run against a real database with the migrations applied, through the adapter
// DATABASE_ADAPTER names (npm test runs the suite once per adapter): better-sqlite3 (default) and
// libsql on a throwaway SQLite file under data/test/, pg on a throwaway PostgreSQL database
// switchboard_test_* created in the server TEST_POSTGRES_URL names (npm test's vitest-postgres
// step starts one; see test/databases.ts), C collation, dropped at the end.
const adapter = process.env.DATABASE_ADAPTER ?? FIRST_DRIVER;
const run = `${process.pid}_${Date.now()}`;
let DATABASE_URL: string;
if (adapter === "pg") {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) throw new Error("DATABASE_ADAPTER=pg needs TEST_POSTGRES_URL (a server whose user may CREATE DATABASE); `npm test -- vitest-postgres` starts a throwaway one");
  const url = new URL(server);
  url.pathname = `/switchboard_test_vitest_${run}`;
  DATABASE_URL = url.toString();
} else {
  mkdirSync("data/test", { recursive: true });
  DATABASE_URL = `file:${path.resolve("data/test", `vitest-${adapter}-${run.replace("_", "-")}.db`)}`;
}
// Two files enumerate the reach of keys (every method x every child role x role sets; every
// key-management method x pairs of keys): what they decide is the same code and the same queries
// for every driver, thousands of times over, so they run on better-sqlite3 only. Every method's
// call with a key of every role still runs on each driver (lib/api/methods.test.ts), and so do the
// random parameters (lib/api/fuzz.test.ts). The saving keeps npm test's three drivers inside CI's
// time (README, "Tests"), as do filesWithoutDatabase() below and test/drivers.ts.
const FIRST_DRIVER_ONLY = ["test/api-child-reach.test.ts", "lib/domains/service-accounts/key-reach.test.ts"];
const INCLUDE_DIRS = ["lib", "app", "components", "test"];

/**
 * The test files that cannot reach the database (test/database-reach.ts): they test the same code
 * on every driver, so only the first driver's run (better-sqlite3) runs them. Relative paths.
 */
async function filesWithoutDatabase(): Promise<string[]> {
  const files = INCLUDE_DIRS.flatMap((dir) =>
    readdirSync(path.join(import.meta.dirname, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".test.ts") && !f.split(path.sep).includes("generated"))
      .map((f) => path.join(dir, f)),
  );
  const reaching = await filesReachingDatabase(import.meta.dirname, files);
  return files.filter((f) => !reaching.has(f));
}

// Set here, in the main process, so globalSetup (database + migrations) and the workers see the same one.
Object.assign(process.env, { DATABASE_URL, DATABASE_ADAPTER: adapter, AUTH_SECRET: "vitest-secret" });

export default defineConfig(async () => ({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: INCLUDE_DIRS.map((dir) => `${dir}/**/*.test.ts`),
    exclude: [...configDefaults.exclude, ...(FIRST_DRIVER_RUN ? [] : [...FIRST_DRIVER_ONLY, ...(await filesWithoutDatabase())])],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // One database shared by every test file: run files one after another; tests isolate
    // themselves by creating their own accounts.
    fileParallelism: false,
    // Each file in a fresh worker thread rather than a fresh child process (vitest's default,
    // "forks"): the same isolation of modules and globals, without starting Node 153 times per
    // driver. A better-sqlite3 run took 459 s instead of 508 s; every native module here
    // (better-sqlite3, argon2, the libSQL and QuickJS engines) loads in worker threads.
    pool: "threads",
    testTimeout: 30_000,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses:
    // let Vite resolve it (the Auth.js route handlers are tested in-process).
    server: { deps: { inline: ["next-auth"] } },
    hookTimeout: 60_000,
  },
}));
