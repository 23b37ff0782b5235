// The benchmark's machinery (bench/run.mjs drives it): a throwaway database, the production
// server on loopback, logged-in sessions, autocannon runs whose figures only count responses that
// really worked, and plain-text tables. Times are milliseconds, rates requests per second.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import autocannon from "autocannon";
import { apiBundleProblem } from "../scripts/api-fast-path.mjs";
import { sqliteFiles } from "../scripts/sqlite-files.mjs";

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

/** The server's process id (node running scripts/server.mjs, whose RSS the soak samples), or null. */
export const serverPid = () => (server && server.exitCode === null && server.signalCode === null ? server.pid : null);

let stopping = false;

export function stopServer() {
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
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
  // SQLite-only: the benchmark builds its own throwaway file and bench/data.mjs inserts its rows
  // straight through better-sqlite3. A DATABASE_URL in the shell is not used.
  if (/^postgres(ql)?:/i.test(process.env.DATABASE_URL ?? "")) {
    console.log("Note: the benchmarks are SQLite-only (a throwaway file under data/bench/); DATABASE_URL is ignored.");
  }
  mkdirSync(benchDir, { recursive: true });
  const stale = new RegExp(`^${prefix}-.*\\.db(-wal|-shm|-journal)?$`);
  for (const f of readdirSync(benchDir)) if (stale.test(f) || (dispose && f === credentials)) rmSync(path.join(benchDir, f));
  const stamp = Date.now();
  const dbFile = path.join(benchDir, `${prefix}-${stamp}.db`);
  const credentialsFile = path.join(benchDir, credentials);
  if (dispose) disposable.push(...sqliteFiles(dbFile), credentialsFile);

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
    step("No production build yet: npm run build");
    // The build must not see the throwaway database or the bench's secret.
    run("npm", ["run", "build"], { env: { ...process.env } });
  } else {
    if (apiBundleProblem(".next")) run(process.execPath, ["scripts/build-api.mjs"]);
    console.log(`\n  Using the production build of ${statSync(buildId).mtime.toISOString()} (run \`npm run build\` first to measure newer sources).`);
  }
}

/** scripts/server.mjs, what `npm start` serves, in its own process group; resolves once it answers. */
export async function startServer(env, base) {
  step(`Starting the production server on ${base}`);
  // Another server on the port (another worktree's run) would be measured instead of this one.
  const taken = await fetch(base, { redirect: "manual" }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`Something already answers on ${base}: stop it or pick another BENCH_PORT`);
  const log = [];
  const tail = () => log.join("").slice(-4000);
  // BENCH_PROFILE=1: a V8 CPU profile of the server, written to data/bench/profiles/ when it stops.
  const profile = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${path.join(benchDir, "profiles")}`] : [];
  server = spawn(process.execPath, [...profile, "scripts/server.mjs"], { env: { ...env, NODE_ENV: "production" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const s of [server.stdout, server.stderr]) s.on("data", (d) => log.push(String(d)));
  server.on("exit", (code, signal) => {
    if (!stopping) console.error(`\nThe server exited (${signal ?? `code ${code}`}) during the run:\n${tail()}`);
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
 * fetch, tried once more when the first attempt fails before any answer ("fetch failed"): the
 * check's keep-alive socket from before the previous line's measurement may have been closed by
 * the server's idle timeout while autocannon ran, and undici reuses it. A second failure throws.
 */
async function fetchRetryingClosedSocket(url, init) {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return fetch(url, init);
  }
}

/**
 * A target: { name, path, method?, headers?, body?, cookies?, expect, ok?, placeholder? }.
 * `expect` (a string the body must contain, or a predicate on the body) is checked on the first
 * answer; `ok`, a predicate on the body, is checked on the first answer and then on every measured
 * response (for APIs that answer errors with HTTP 200). `cookies`: session cookies, one taken per
 * request in turn (the first one for the check).
 *
 * Returns null when the target works, after `warmups` sequential requests so the measured ones do
 * not pay for cold caches; or a reason it is not applicable in this build ("n/a"): the path answers
 * 404, or the body holds the target's `placeholder` (a page not built yet) or the API's
 * unknown-method code. Anything else that is not a 200 with the expected content throws
 * `failure(target, status, body)`: a redirect to /login or an error body never passes for a fast
 * request.
 */
export async function checkTarget(base, t, { warmups, failure }) {
  const expect = typeof t.expect === "function" ? t.expect : (b) => b.includes(t.expect);
  const ok = (b) => expect(b) && (!t.ok || t.ok(b));
  const headers = t.cookies ? { ...t.headers, cookie: t.cookies[0] } : t.headers;
  const call = (extra = {}) => fetchRetryingClosedSocket(`${base}${t.path}`, { method: t.method, headers, body: t.body, ...extra });
  const res = await call({ redirect: "manual" });
  const body = await res.text();
  if (res.status === 404) return `${t.path} answers 404 in this build`;
  if (res.status === 200 && !ok(body)) {
    if (t.placeholder && body.includes(t.placeholder)) return `${t.path} is a placeholder in this build ("${t.placeholder}")`;
    if (t.body !== undefined && body.includes('"code":103')) return `${t.path.split("/").pop()} is not a method of this build (103); or the build is older than the sources`;
  }
  if (res.status !== 200 || !ok(body)) throw new Error(failure(t, res.status, body));
  for (let i = 0; i < warmups; i++) await (await call()).arrayBuffer();
  return null;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** The autocannon request of a target: its cookie rotated per request, its body checked when it has `ok`. */
export function requestOf(t, counters) {
  let turn = 0;
  return {
    method: t.method ?? "GET",
    path: t.path,
    headers: t.headers ?? {},
    body: t.body,
    ...(t.cookies ? { setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: t.cookies[turn++ % t.cookies.length] } }) } : {}),
    ...(t.ok
      ? {
          onResponse(status, body) {
            // A non-200 is counted by drive() already.
            if (status === 200 && !t.ok(String(body))) counters.bad++;
          },
        }
      : {}),
  };
}

/** Latency percentiles (ms) and counts of one autocannon run; `bad` counts non-200s (and failed bodies). */
export function summarize(latencies, result, bad) {
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / (result.duration || 1),
    requests: latencies.length,
    errors: bad + result.errors + result.timeouts,
  };
}

/**
 * Drives `requests` (see requestOf; autocannon walks the list in turn on each connection) with
 * `connections` for `seconds`, recording every response's latency (ms). A response counts as an
 * error when it is not a 200 or its target's `ok` fails; req/s is responses over the run's time.
 * `onTick`, if given, is called every `tickMs` (ms) while it runs (the soak samples RSS from it).
 */
export async function drive(base, targets, { connections, seconds, onTick, tickMs = 1000 }) {
  const latencies = [];
  const counters = { bad: 0 };
  const instance = autocannon({ url: base, connections, duration: seconds, requests: targets.map((t) => requestOf(t, counters)) });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    // Statuses are counted here for every target; bodies in onResponse (targets with `ok`).
    if (statusCode !== 200) counters.bad++;
  });
  const tick = onTick ? setInterval(onTick, tickMs) : null;
  try {
    return summarize(latencies, await instance, counters.bad);
  } finally {
    if (tick) clearInterval(tick);
  }
}

/** One target alone. */
export async function measure(base, t, { connections, seconds }) {
  const r = await drive(base, [t], { connections, seconds });
  console.log(`  ${t.name}: ${r.rps.toFixed(0)} req/s, p95 ${ms(r.p95)}${r.errors ? `, ${r.errors} errors` : ""}`);
  return { target: t.name, ...r };
}

/**
 * Logs the demo owner in `n` times through Auth.js (CSRF token, then the credentials callback):
 * `n` distinct sessions, each a Cookie header value.
 */
export async function loginSessions(base, n, { login, password }) {
  const sessions = [];
  for (let i = 0; i < n; i++) {
    const jar = new Map();
    const keep = (res) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const eq = pair.indexOf("=");
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    keep(csrfRes);
    const { csrfToken } = await csrfRes.json();
    const res = await fetch(`${base}/api/auth/callback/owner`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, login, password }),
    });
    keep(res);
    if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Login ${i + 1} failed (${res.status} ${res.headers.get("location")})`);
    sessions.push(cookie());
  }
  return sessions;
}

/** The resident set size of a process in bytes (VmRSS of /proc/<pid>/status; Linux), or null. */
export function rssOf(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** A latency in ms, as text. */
export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "-");

/** rows[0] is the header; the first column is left-aligned, the figures right-aligned. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${title}:\n`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));
}
