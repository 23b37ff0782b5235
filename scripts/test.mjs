#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure. Each step
// prints a banner and its time; a summary closes the run. `npm test -- <step> ...` runs only the
// named steps (e.g. `npm test -- build e2e`), `npm test -- --from <step>` resumes at one.
// Neighbouring steps of one `parallel` group run at once (see runTogether).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "./postgres.mjs";
import { removeSqliteFiles } from "./sqlite-files.mjs";

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

/**
 * What an e2e run leaves beside its database under data/e2e/ (e2e/fixtures/env.ts e2eRunStem):
 * the saved logins (`<stem>.auth/`) and the demo credentials (`<stem>-demo-credentials*.json`).
 * Removed with the database when the step passes, as a failed run's are kept for a look.
 */
function removeE2eRunFiles(stem) {
  rmSync(`${stem}.auth`, { recursive: true, force: true });
  const dir = path.dirname(stem);
  const prefix = `${path.basename(stem)}-demo-credentials`;
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.startsWith(prefix) && f.endsWith(".json")) rmSync(path.join(dir, f), { force: true });
}

/** Drops this run's databases (a server of your own keeps nothing) and stops a throwaway cluster. */
async function cleanup() {
  if (!postgres) return;
  if (!postgres.started) {
    for (const name of databases.splice(0)) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  }
  postgres.stop();
}
// Steps of a parallel group run in process groups of their own (see runTogether), which a Ctrl-C
// on this terminal does not reach: stopping the run stops them too.
const running = new Set();
const stopRunning = () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => (stopRunning(), cleanup().finally(() => process.exit(130))));

const STEPS = [
  { name: "typecheck", parallel: "static", title: "TypeScript (next typegen for typed routes, then tsc --noEmit)", cmd: ["sh", "-c", "npx next typegen >/dev/null && npx tsc --noEmit"] },
  { name: "lint", parallel: "static", title: "ESLint (no warnings allowed)", cmd: ["npx", "eslint", "--max-warnings=0", "."] },
  {
    name: "audit",
    parallel: "static",
    title: "Runtime dependency audit (npm audit --omit=dev --audit-level=high, docs/SECURITY.md version floors)",
    cmd: ["node", "scripts/audit.mjs"],
  },
  { name: "roles-guard", parallel: "static", title: "No role name outside lib/access/", cmd: ["npx", "vitest", "run", "test/no-role-names.test.ts"] },
  {
    name: "vitest",
    parallel: "vitest",
    title: "Unit + integration tests on better-sqlite3",
    cmd: ["npx", "vitest", "run"],
    env: { DATABASE_ADAPTER: "better-sqlite3" },
  },
  {
    name: "vitest-libsql",
    parallel: "vitest",
    title: "Integration tests again on libSQL (file: URL)",
    cmd: ["npx", "vitest", "run"],
    env: { DATABASE_ADAPTER: "libsql" },
  },
  {
    name: "vitest-postgres",
    parallel: "vitest",
    title: "Integration tests again on PostgreSQL (TEST_POSTGRES_URL, or a throwaway cluster)",
    cmd: ["npx", "vitest", "run"],
    env: async () => ({ DATABASE_ADAPTER: "pg", TEST_POSTGRES_URL: await postgresServer() }),
  },
  { name: "build", title: "Production build (next build, then the Management API bundle)", cmd: ["npm", "run", "build"] },
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
    // Kept when the step fails, for a look at what the failing test saw; removed when it passes.
    afterPass: (env) => {
      const file = env.DATABASE_URL.slice("file:".length);
      removeSqliteFiles(file);
      removeE2eRunFiles(file.replace(/\.db$/, ""));
    },
  },
  {
    name: "e2e-shared",
    title: "Two production servers on one PostgreSQL database (Playwright, e2e-shared/)",
    cmd: ["npx", "playwright", "test", "--config", "playwright.shared.config.ts"],
    // A throwaway database per run; playwright.shared.config.ts refuses any other.
    env: async () => ({ DATABASE_URL: await throwawayPostgresDatabase("switchboard_e2e_shared"), DATABASE_ADAPTER: "" }),
    // The database itself is dropped at the end of the run (cleanup).
    afterPass: (env) => removeE2eRunFiles(path.join("data/e2e", new URL(env.DATABASE_URL).pathname.slice(1))),
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

/** The step's own variables (some start a server first), or null after printing why it cannot run. */
async function prepare(step) {
  try {
    const extra = typeof step.env === "function" ? await step.env() : step.env ?? {};
    for (const [k, v] of Object.entries(extra)) console.log(`    ${step.name}: ${k}=${v.replace(/\/\/[^@/]*:[^@/]*@/, "//***@")}`);
    const env = { ...process.env, ...extra };
    for (const [k, v] of Object.entries(extra)) if (v === "") delete env[k];
    return env;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return null;
  }
}

/**
 * Repeats why a step of a parallel group failed, since its output was printed before the other
 * steps' output and a log read from its end (as CI shows it) would miss it: vitest's own "Failed
 * Tests" / "Failed Suites" report when there is one, else the log's last lines (at most
 * DIGEST_LINES), before the summary; the failed tests' names (vitest's " FAIL " lines, at most
 * 20) after it, so they are the last thing printed.
 */
function failureDigest(step) {
  const DIGEST_LINES = 150;
  // Vitest colours its output even into a file here, so lines are matched without their colours.
  const lines = readFileSync(step.logPath, "utf8").split("\n");
  const plain = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ""));
  const start = plain.findIndex((l) => /⎯ Failed (Tests|Suites) \d+ ⎯/.test(l));
  const report = start >= 0 ? lines.slice(start, start + DIGEST_LINES) : lines.slice(-DIGEST_LINES);
  const names = [...new Set(plain.slice(Math.max(start, 0)).filter((l) => /^\s*FAIL\s/.test(l)).map((l) => l.trim()))].slice(0, 20);
  return {
    report: `\n${line}\nWhy ${step.name} failed (${step.logPath}, ${start >= 0 ? "vitest's report" : "last lines"})\n${line}\n${report.join("\n")}`,
    names: names.length ? `\n${step.name}: failed\n${names.map((n) => `  ${n}`).join("\n")}` : "",
  };
}

const STOPPED = "stopped: another step failed";
const record = (step, ms, ok, why) => {
  const stopped = why === STOPPED;
  results.push({ step, ms, ok, stopped });
  console.log(`\n--> ${step.name}: ${ok ? "passed" : stopped ? "stopped (another step failed)" : `FAILED (${why})`} in ${fmt(ms)}`);
  if (!ok && !stopped) failed ??= step;
};

/** One step with its output on this terminal. */
async function runAlone(step) {
  const t0 = Date.now();
  const env = await prepare(step);
  if (!env) return record(step, Date.now() - t0, false, "could not prepare it");
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: "inherit", env });
  if (r.status === 0) step.afterPass?.(env);
  record(step, Date.now() - t0, r.status === 0, `exit ${r.status ?? r.signal ?? r.error?.message}`);
}

/**
 * Steps of one `parallel` group at once (each mostly uses one core of two, and none shares a
 * database with another), each step's output kept in data/test-logs/<step>.log and printed whole
 * when it ends, so logs never interleave. The first failure stops the others.
 */
async function runTogether(group) {
  mkdirSync("data/test-logs", { recursive: true });
  await Promise.all(
    group.map(async (step) => {
      const t0 = Date.now();
      const env = await prepare(step);
      if (!env) {
        record(step, Date.now() - t0, false, "could not prepare it");
        return stopRunning();
      }
      if (failed) return record(step, Date.now() - t0, false, STOPPED);
      const logPath = `data/test-logs/${step.name}.log`;
      const log = openSync(logPath, "w");
      console.log(`    ${step.name}: started ($ ${step.cmd.join(" ")}), output in ${logPath}`);
      const child = spawn(step.cmd[0], step.cmd.slice(1), { stdio: ["ignore", log, log], env, detached: true });
      running.add(child);
      const why = await new Promise((resolve) => {
        child.on("error", (e) => resolve(e.message));
        child.on("exit", (code, signal) => resolve(code === 0 ? null : `exit ${code ?? signal}`));
      });
      running.delete(child);
      closeSync(log);
      console.log(`\n${"-".repeat(78)}\n${step.name}: output\n${"-".repeat(78)}`);
      process.stdout.write(readFileSync(logPath));
      if (why && !failed) step.logPath = logPath;
      record(step, Date.now() - t0, !why, failed && why ? STOPPED : why);
      if (why) stopRunning();
    }),
  );
}

for (let i = 0; i < steps.length && !failed; ) {
  let end = i + 1;
  while (steps[i].parallel && steps[end]?.parallel === steps[i].parallel) end++;
  const group = steps.slice(i, end);
  const names = group.map((s) => s.name).join(" + ");
  console.log(`\n${line}\n[${i + 1}${group.length > 1 ? `-${i + group.length}` : ""}/${steps.length}] ${group.map((s) => s.title).join("\n    ")}\n${group.length > 1 ? `    (${names}, at once)` : `    $ ${group[0].cmd.join(" ")}`}\n${line}`);
  await (group.length > 1 ? runTogether(group) : runAlone(group[0]));
  i += group.length;
}

const digest = failed?.logPath ? failureDigest(failed) : null;
if (digest) console.log(digest.report);
console.log(`\n${line}\nSummary\n${line}`);
for (const step of steps) {
  const r = results.find((x) => x.step === step);
  console.log(r ? `  ${r.ok ? "ok  " : r.stopped ? "stop" : "FAIL"}  ${step.name.padEnd(16)} ${fmt(r.ms).padStart(8)}` : `  skip  ${step.name}`);
}
console.log(`  total ${fmt(Date.now() - started)}`);
const passed = results.filter((r) => r.ok).length;
if (digest?.names) console.log(digest.names);
console.log(`\n${passed} passed, ${results.filter((r) => !r.ok && !r.stopped).length} failed`);
await cleanup();
process.exit(failed ? 1 : 0);
