// The two-server suite: two production servers (A and B, `npm start`'s own script, the build
// `next build` made) on two ports against ONE PostgreSQL database, as behind a load balancer,
// sharing one AUTH_SECRET. npm test's e2e-shared step creates the throwaway database
// (switchboard_e2e_*) and passes it in DATABASE_URL; nothing else is accepted.
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { SHARED_BASE_URLS, e2eDatabaseUrl, e2eRunStem } from "./e2e/fixtures/env";
import base from "./playwright.config";

const DATABASE_URL = e2eDatabaseUrl();
if (!/^postgres(ql)?:\/\//i.test(DATABASE_URL)) {
  throw new Error("The two-server suite runs on PostgreSQL: set DATABASE_URL to a throwaway postgresql://.../switchboard_e2e_* database (npm test -- e2e-shared makes one)");
}
// One secret for both servers, as a real deployment sets it; evaluated once, in the main process.
process.env.SHARED_AUTH_SECRET ??= randomBytes(32).toString("base64url");

function server(name: "a" | "b", url: string) {
  const port = new URL(url).port;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL,
    AUTH_SECRET: process.env.SHARED_AUTH_SECRET!,
    SKIP_BUILD: "1",
    PORT: port,
    HOSTNAME: "127.0.0.1",
    // Both seed: the one that comes second finds the demo account there (lib/core/locks.ts lockSeed).
    SEED_DEMO: "true",
    DEMO_CREDENTIALS_PATH: `${e2eRunStem()}-demo-credentials-${name}.json`,
    SESSION_TTL_SECONDS: String(8 * 60 * 60),
    LOGIN_IP_MAX_FAILURES: "100000",
    DATABASE_POOL_SIZE: "5",
  };
  delete env.DATABASE_ADAPTER;
  return { command: "node scripts/start.mjs", url: `${url}/login`, reuseExistingServer: false, timeout: 180_000, stdout: "pipe" as const, env };
}

export default defineConfig({
  ...base,
  testDir: "e2e-shared",
  // Beside the main suite's results and report, never over them.
  outputDir: "test-results/shared",
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report/shared" }]] : [["list"]],
  // One worker, tests in order: cheap, and the race test wants the servers to itself.
  workers: 1,
  fullyParallel: false,
  projects: [{ name: "two-servers", testMatch: /.*\.spec\.ts/ }],
  webServer: [server("a", SHARED_BASE_URLS[0]), server("b", SHARED_BASE_URLS[1])],
});
