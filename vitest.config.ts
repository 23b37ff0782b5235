import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Integration tests run against a real SQLite file with the migrations applied, through the
// adapter chosen by DATABASE_ADAPTER (npm test runs the suite once per adapter). The database
// file is throwaway: a new one per run under data/test/.
const adapter = process.env.DATABASE_ADAPTER ?? "better-sqlite3";
mkdirSync("data/test", { recursive: true });
const dbFile = path.resolve("data/test", `vitest-${adapter}-${process.pid}-${Date.now()}.db`);
// Set here, in the main process, so globalSetup (migrations) and the workers see the same file.
Object.assign(process.env, { DATABASE_URL: `file:${dbFile}`, DATABASE_ADAPTER: adapter, AUTH_SECRET: "vitest-secret" });

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // One SQLite file shared by every test file: run files one after another; tests isolate
    // themselves by creating their own accounts.
    fileParallelism: false,
    testTimeout: 30_000,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses:
    // let Vite resolve it (the Auth.js route handlers are tested in-process).
    server: { deps: { inline: ["next-auth"] } },
    hookTimeout: 60_000,
  },
});
