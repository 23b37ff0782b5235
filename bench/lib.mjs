// What `npm run bench` and `npm run bench:api` share: a throwaway database, the production
// server on loopback, autocannon runs whose figures only count responses that really worked,
// and the table at the end.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import autocannon from "autocannon";

export const root = path.resolve(import.meta.dirname, "..");
// npx prisma, .next/ and scripts/server.mjs are all found relative to the repository root.
process.chdir(root);

export const HOST = "127.0.0.1";
const benchDir = path.join(root, "data", "bench");

export const step = (msg) => console.log(`\n▸ ${msg}`);

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

let server = null;
const disposable = [];

export function stopServer() {
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM"); // its own process group: npx/node and any children
    } catch {
      /* already gone */
    }
  }
}

// The server goes before its database files, so nothing still has them open.
process.on("exit", () => {
  stopServer();
  for (const f of disposable) rmSync(f, { force: true });
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

/** Whatever hangs (a server that never answers, a stuck request), the run ends by itself. */
export function hardDeadline(ms) {
  setTimeout(() => {
    console.error(`\nThe benchmark did not finish within ${ms / 1000} s: stopping.`);
    process.exit(2);
  }, ms).unref();
}

/**
 * A new SQLite database data/bench/<prefix>-<stamp>.db (the benchmarks are SQLite-only), migrated and seeded with the demo account
 * (bench/seed.ts, which writes the demo service account's credentials to data/bench/<credentials>).
 * Earlier runs' databases with the same prefix go first; with `dispose`, this run's database and
 * credentials are removed when the process exits, and a crashed run's credentials at the next start.
 * Returns the server environment for that database: `extraEnv` is added to it.
 */
export function prepareDatabase({ prefix, credentials, port, extraEnv = {}, dispose = false, contents }) {
  // SQLite-only: the benchmarks build their own throwaway file and bench/run.mjs inserts its
  // 100,000 users straight through better-sqlite3. A DATABASE_URL in the shell is not used.
  if (/^postgres(ql)?:/i.test(process.env.DATABASE_URL ?? "")) {
    console.log("Note: the benchmarks are SQLite-only (a throwaway file under data/bench/); DATABASE_URL is ignored.");
  }
  mkdirSync(benchDir, { recursive: true });
  const stale = new RegExp(`^${prefix}-.*\\.db(-wal|-shm|-journal)?$`);
  for (const f of readdirSync(benchDir)) if (stale.test(f) || (dispose && f === credentials)) rmSync(path.join(benchDir, f));
  const stamp = Date.now();
  const dbFile = path.join(benchDir, `${prefix}-${stamp}.db`);
  const credentialsFile = path.join(benchDir, credentials);
  if (dispose) disposable.push(dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`, credentialsFile);

  const env = {
    ...process.env,
    DATABASE_URL: `file:${dbFile}`,
    DATABASE_ADAPTER: "better-sqlite3",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    SEED_DEMO: "true",
    PORT: String(port),
    HOSTNAME: HOST,
    ...extraEnv,
  };
  // A token meant for a remote libSQL database must not follow the run to a local file.
  delete env.DATABASE_AUTH_TOKEN;

  step(`Throwaway database ${path.relative(root, dbFile)}: ${contents}`);
  run("npx", ["prisma", "migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
  run("npx", ["tsx", "bench/seed.ts", credentialsFile], { env });
  return { dbFile, credentialsFile, stamp, env };
}

/** Builds only when there is no build at all: rebuilding on every run would dwarf the run itself. */
export function ensureBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    step("No production build yet: next build");
    // The build must not see the throwaway database or the bench's secret.
    run("npx", ["next", "build"], { env: { ...process.env } });
  } else {
    console.log(`\n  Using the production build of ${statSync(buildId).mtime.toISOString()} (run \`npx next build\` first to measure newer sources).`);
  }
}

/** scripts/server.mjs, what `npm start` serves, in its own process group; resolves once it answers. */
export async function startServer(env, base) {
  step(`Starting the production server on ${base}`);
  const log = [];
  const tail = () => log.join("").slice(-4000);
  server = spawn(process.execPath, ["scripts/server.mjs"], { env: { ...env, NODE_ENV: "production" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const s of [server.stdout, server.stderr]) s.on("data", (d) => log.push(String(d)));
  server.on("exit", (code) => {
    if (code !== null && code !== 0) console.error(`server exited with ${code}:\n${tail()}`);
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited before it was ready:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`The server did not answer within 90 s:\n${tail()}`);
    try {
      if ((await fetch(`${base}/api/auth/csrf`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * A target: { name, path, method?, headers?, body?, expect? | ok? }. `expect` is a string the
 * first answer must contain; `ok` is a predicate on the body that the first answer and then
 * every measured response must pass (for APIs that answer errors with HTTP 200).
 *
 * The first answer must be a 200 with the expected content, or `failure(target, status, body)`
 * is thrown: a redirect to /login or an error body must never pass for a fast request. Then
 * `warmups` sequential requests, so the measured ones do not pay for cold caches.
 */
export async function checkTarget(base, t, { warmups, failure }) {
  const ok = t.ok ?? ((b) => b.includes(t.expect));
  const call = (extra = {}) => fetch(`${base}${t.path}`, { method: t.method, headers: t.headers, body: t.body, ...extra });
  const res = await call({ redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200 || !ok(body)) throw new Error(failure(t, res.status, body));
  for (let i = 0; i < warmups; i++) await (await call()).arrayBuffer();
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Drives one target with autocannon, recording every response's latency. A response counts as an
 * error when it is not a 200 or, for a target with `ok`, when its body fails `ok`. Targets with
 * only `expect` keep the status-only count and the plain `url` form they were first measured
 * with, so their figures stay comparable with earlier runs.
 */
export async function measure(base, t, { connections, seconds }) {
  const latencies = [];
  let bad = 0;
  const instance = t.ok
    ? autocannon({
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: t.method,
            path: t.path,
            headers: t.headers,
            body: t.body,
            onResponse(status, body) {
              if (status !== 200 || !t.ok(String(body))) bad++;
            },
          },
        ],
      })
    : autocannon({ url: `${base}${t.path}`, connections, duration: seconds, headers: t.headers });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (!t.ok && statusCode !== 200) bad++;
  });
  const r = await instance;
  latencies.sort((a, b) => a - b);
  console.log(`  ${t.name}: done`);
  return {
    target: t.name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: r.requests.average,
    requests: latencies.length,
    errors: bad + r.errors + r.timeouts,
  };
}

export const ms = (v) => `${v.toFixed(1)} ms`;

/** rows[0] is the header; the first column is left-aligned, the figures right-aligned. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${title}:\n`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}
