// End-to-end suite: Debian's Chromium against the production build (`next build` first; npm test
// does it), served by `npm start`'s own script on a throwaway database under data/e2e/.
import { mkdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { BASE_URL, E2E_PORT, e2eDatabaseUrl, e2eRunStem, freshE2eDatabaseUrl } from "./e2e/fixtures/env";

// Set in the main process, before workers start, so the server, the workers and the db fixture
// all see the same database. The guard throws for anything but data/e2e/<name>.db or a
// PostgreSQL database named switchboard_e2e_* (the suite runs on either; npm test runs it on
// SQLite, and the two-server suite, playwright.shared.config.ts, on PostgreSQL).
process.env.DATABASE_URL ??= freshE2eDatabaseUrl();
const DATABASE_URL = e2eDatabaseUrl();
mkdirSync("data/e2e", { recursive: true });

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  fullyParallel: true,
  // Generous for a 2-core machine running the server, two workers and their browsers at once.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Never a Playwright-downloaded browser: scripts/ensure-chromium.sh provides this one.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testDir: "e2e/setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, testIgnore: /\.isolated\.spec\.ts$/, dependencies: ["setup"] },
    // Specs that assert on the whole database (e.g. no account created by any malformed signup)
    // run once every other spec is done, so no parallel spec's rows are counted.
    { name: "isolated", testMatch: /.*\.isolated\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL,
      // The driver follows the URL: better-sqlite3 for the file, pg for PostgreSQL.
      DATABASE_ADAPTER: DATABASE_URL.startsWith("file:") ? "better-sqlite3" : "pg",
      SKIP_BUILD: "1",
      PORT: String(E2E_PORT),
      HOSTNAME: "127.0.0.1",
      SEED_DEMO: "true",
      DEMO_CREDENTIALS_PATH: `${e2eRunStem()}-demo-credentials.json`,
      SIGNUP_ENABLED: "true",
      // The seed's 8 hours, whatever the shell says: session-expiry.spec.ts asserts it exactly.
      SESSION_TTL_SECONDS: String(8 * 60 * 60),
      // Every test logs in from 127.0.0.1; the per-IP limiter has its own unit tests, and here it
      // would only turn the suite's deliberate failures (lockout, wrong passwords) into flakes.
      LOGIN_IP_MAX_FAILURES: "100000",
      // webhooks.spec.ts's receiver listens on loopback, which webhooks otherwise never reach.
      WEBHOOKS_ALLOW_PRIVATE: "true",
    },
  },
});
