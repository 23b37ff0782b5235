#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure. Each step
// prints a banner and its time; a summary closes the run. `npm test -- <step> ...` runs only the
// named steps (e.g. `npm test -- build e2e`), `npm test -- --from <step>` resumes at one.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "./postgres.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

// The PostgreSQL steps share one server: TEST_POSTGRES_URL, or a throwaway cluster started on
// first need (scripts/postgres.mjs) and removed at the end, however the run ends.
let postgres = null;
const databases = [];

async function postgresServer() {
  postgres ??= await startPostgres();
  return postgres.url;
}

async function onServer(sql) {
  const c = new pg.Client({ connectionString: await postgresServer() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A new database with the C collation on the test server, dropped by cleanup(). */
async function throwawayPostgresDatabase(prefix) {
  const name = `${prefix}_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
  await onServer(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  databases.push(name);
  const url = new URL(await postgresServer());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops this run's databases (a server of your own keeps nothing) and stops a throwaway cluster. */
async function cleanup() {
  if (!postgres) return;
  if (!postgres.started) {
    for (const name of databases.splice(0)) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  }
  postgres.stop();
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => cleanup().finally(() => process.exit(130)));

const STEPS = [
  { name: "typecheck", title: "TypeScript (next typegen for typed routes, then tsc --noEmit)", cmd: ["sh", "-c", "npx next typegen >/dev/null && npx tsc --noEmit"] },
  { name: "lint", title: "ESLint (no warnings allowed)", cmd: ["npx", "eslint", "--max-warnings=0", "."] },
  {
    name: "audit",
    title: "Runtime dependency audit (npm audit --omit=dev --audit-level=high, docs/SECURITY.md version floors)",
    cmd: ["node", "scripts/audit.mjs"],
  },
  { name: "roles-guard", title: "No role name outside lib/access/", cmd: ["npx", "vitest", "run", "test/no-role-names.test.ts"] },
  {
    name: "vitest",
    title: "Unit + integration tests on better-sqlite3",
    cmd: ["npx", "vitest", "run"],
    env: { DATABASE_ADAPTER: "better-sqlite3" },
  },
  {
    name: "vitest-libsql",
    title: "Integration tests again on libSQL (file: URL)",
    cmd: ["npx", "vitest", "run"],
    env: { DATABASE_ADAPTER: "libsql" },
  },
  {
    name: "vitest-postgres",
    title: "Integration tests again on PostgreSQL (TEST_POSTGRES_URL, or a throwaway cluster)",
    cmd: ["npx", "vitest", "run"],
    env: async () => ({ DATABASE_ADAPTER: "pg", TEST_POSTGRES_URL: await postgresServer() }),
  },
  { name: "build", title: "Production build (next build)", cmd: ["npx", "next", "build"] },
  { name: "chromium", title: "Chromium for Playwright", cmd: ["bash", "scripts/ensure-chromium.sh"] },
  {
    name: "e2e",
    title: "Playwright against the production build",
    cmd: ["npx", "playwright", "test"],
    // A throwaway database per run; playwright.config.ts refuses anything outside data/e2e/.
    env: () => {
      mkdirSync("data/e2e", { recursive: true });
      return { DATABASE_URL: `file:./data/e2e/${new Date().toISOString().replace(/[:.]/g, "-")}.db`, DATABASE_ADAPTER: "better-sqlite3" };
    },
  },
  {
    name: "e2e-shared",
    title: "Two production servers on one PostgreSQL database (Playwright, e2e-shared/)",
    cmd: ["npx", "playwright", "test", "--config", "playwright.shared.config.ts"],
    // A throwaway database per run; playwright.shared.config.ts refuses any other.
    env: async () => ({ DATABASE_URL: await throwawayPostgresDatabase("switchboard_e2e_shared"), DATABASE_ADAPTER: "" }),
  },
];

function selectSteps(argv) {
  const names = STEPS.map((s) => s.name);
  const unknown = (n) => {
    console.error(`Unknown step "${n}". Steps: ${names.join(", ")}`);
    process.exit(2);
  };
  const from = argv.indexOf("--from");
  if (from >= 0) {
    const start = names.indexOf(argv[from + 1]);
    if (start < 0) unknown(argv[from + 1]);
    return STEPS.slice(start);
  }
  if (argv.length === 0) return STEPS;
  for (const n of argv) if (!names.includes(n)) unknown(n);
  return STEPS.filter((s) => argv.includes(s.name));
}

const fmt = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s` : `${(ms / 1000).toFixed(1)}s`);
const line = "=".repeat(78);

const steps = selectSteps(process.argv.slice(2));
const results = [];
const started = Date.now();
let failed = null;

for (const [i, step] of steps.entries()) {
  console.log(`\n${line}\n[${i + 1}/${steps.length}] ${step.title}\n    $ ${step.cmd.join(" ")}\n${line}`);
  const t0 = Date.now();
  let extra;
  try {
    extra = typeof step.env === "function" ? await step.env() : step.env ?? {};
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    results.push({ step, ms: Date.now() - t0, ok: false });
    console.log(`\n--> ${step.name}: FAILED (could not prepare it) in ${fmt(Date.now() - t0)}`);
    failed = step;
    break;
  }
  for (const [k, v] of Object.entries(extra)) console.log(`    ${k}=${v.replace(/\/\/[^@/]*:[^@/]*@/, "//***@")}`);
  const env = { ...process.env, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === "") delete env[k];
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: "inherit", env });
  const ms = Date.now() - t0;
  const ok = r.status === 0;
  results.push({ step, ms, ok });
  console.log(`\n--> ${step.name}: ${ok ? "passed" : `FAILED (exit ${r.status ?? r.signal ?? r.error?.message})`} in ${fmt(ms)}`);
  if (!ok) {
    failed = step;
    break;
  }
}

console.log(`\n${line}\nSummary\n${line}`);
for (const { step, ms, ok } of results) console.log(`  ${ok ? "ok  " : "FAIL"}  ${step.name.padEnd(16)} ${fmt(ms).padStart(8)}`);
for (const step of steps.slice(results.length)) console.log(`  skip  ${step.name}`);
console.log(`  total ${fmt(Date.now() - started)}`);
const passed = results.filter((r) => r.ok).length;
console.log(`\n${passed} passed, ${failed ? 1 : 0} failed`);
await cleanup();
process.exit(failed ? 1 : 0);
