#!/usr/bin/env node
// `npm run bench`: how the users list behaves with 100,000 users in one application.
//
// 1. A throwaway SQLite database under data/bench/, migrations applied, the demo account seeded.
// 2. 100,000 users inserted into the demo application "sales" in one transaction, straight
//    through better-sqlite3 with one precomputed argon2id hash (hashing each would take hours).
// 3. The production server (scripts/server.mjs, what `npm start` serves) on 127.0.0.1:3200 with
//    that database; `next build` first if there is no build yet.
// 4. The demo owner logs in through the Auth.js credentials endpoint (CSRF token + callback).
// 5. autocannon drives each target for BENCH_SECONDS (10) with BENCH_CONNECTIONS (8), recording
//    every response's latency; each target is checked first (status 200 and the expected
//    content) so a redirect to /login can never pass for a fast page.
// 6. A table of p50 / p95 / p99 latency and requests per second; the server is stopped; exit.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { hash } from "@node-rs/argon2";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const HOST = "127.0.0.1";
const BASE = `http://${HOST}:${PORT}`;
const OWNER = { login: "demo", password: "Demo-Owner-1!" };
const APP_NAME = "sales";

const benchDir = path.join(root, "data", "bench");
mkdirSync(benchDir, { recursive: true });
// Only this script's own throwaway files live here; earlier runs' databases go.
for (const f of readdirSync(benchDir)) if (/^bench-.*\.db(-wal|-shm|-journal)?$/.test(f)) rmSync(path.join(benchDir, f));
const dbFile = path.join(benchDir, `bench-${Date.now()}.db`);

const env = {
  ...process.env,
  DATABASE_URL: `file:${dbFile}`,
  DATABASE_ADAPTER: "better-sqlite3",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  SEED_DEMO: "true",
  PORT: String(PORT),
  HOSTNAME: HOST,
};
delete env.DATABASE_AUTH_TOKEN;

const step = (msg) => console.log(`\n▸ ${msg}`);
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

let server = null;
function stopServer() {
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM"); // its own process group: npx/node and any children
    } catch {
      /* already gone */
    }
  }
}
process.on("exit", stopServer);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

// --- 1. database -------------------------------------------------------------------------
step(`Throwaway database ${path.relative(root, dbFile)}: migrations and the demo account`);
run("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
run("npx", ["tsx", "bench/seed.ts", path.join(benchDir, "demo-credentials.json")]);

// --- 2. 100,000 users ---------------------------------------------------------------------
step(`Inserting ${USERS.toLocaleString("en-US")} users into "${APP_NAME}"`);
const passwordHash = await hash("Bench-User-1!", { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
const app = sqlite
  .prepare(`SELECT a.id, a.accountId FROM Application a JOIN Account c ON c.id = a.accountId WHERE c.name = ? AND a.name = ?`)
  .get(OWNER.login, APP_NAME);
if (!app) throw new Error(`Demo application ${APP_NAME} not found after seeding`);
const FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"];
const LAST = ["Archer", "Baker", "Costa", "Dunn", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones", "Kowalski", "Lopez", "Meyer", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Smith", "Tanaka"];
// Prisma's SQLite DateTime text form, so the app reads these rows like its own.
const prismaDate = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
const insert = sqlite.prepare(
  `INSERT INTO AppUser (accountId, applicationId, name, displayName, passwordHash, active, parentAccounting, balanceMinor, customData, createdAt, updatedAt)
   VALUES (?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?)`,
);
const t0 = performance.now();
const start = Date.now() - USERS * 60_000;
sqlite.transaction(() => {
  for (let i = 1; i <= USERS; i++) {
    // Shuffled so name, display name and creation order all differ.
    const k = (i * 7919) % USERS;
    const display = `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`;
    const at = prismaDate(start + ((i * 104729) % USERS) * 60_000);
    insert.run(app.accountId, app.id, `user${String(i).padStart(6, "0")}`, display, passwordHash, i % 17 === 0 ? 0 : 1, i % 5 === 0 ? 0 : 1, at, at);
  }
})();
const inserted = sqlite.prepare(`SELECT COUNT(*) AS n FROM AppUser WHERE applicationId = ?`).get(app.id).n;
sqlite.close();
console.log(`  ${inserted.toLocaleString("en-US")} users in "${APP_NAME}" (id ${app.id}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// --- 3. production server -----------------------------------------------------------------
const buildId = path.join(".next", "BUILD_ID");
if (!existsSync(buildId)) {
  step("No production build yet: next build");
  run("npx", ["next", "build"], { env: { ...process.env } });
} else {
  const built = statSync(buildId).mtime;
  console.log(`\n  Using the production build of ${built.toISOString()} (run \`npx next build\` first to measure newer sources).`);
}
step(`Starting the production server on ${BASE}`);
const serverLog = [];
server = spawn(process.execPath, ["scripts/server.mjs"], { env: { ...env, NODE_ENV: "production" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
for (const s of [server.stdout, server.stderr]) s.on("data", (d) => serverLog.push(String(d)));
server.on("exit", (code) => {
  if (code !== null && code !== 0) console.error(`server exited with ${code}:\n${serverLog.join("").slice(-4000)}`);
});
await waitForServer();

async function waitForServer() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("The server exited before it was ready");
    try {
      if ((await fetch(`${BASE}/api/auth/csrf`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The server did not answer within 90 s:\n${serverLog.join("").slice(-4000)}`);
}

// --- 4. owner login -----------------------------------------------------------------------
step(`Logging in as the demo owner`);
const jar = new Map();
const keep = (res) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
keep(csrfRes);
const { csrfToken } = await csrfRes.json();
const loginRes = await fetch(`${BASE}/api/auth/callback/owner`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
  body: new URLSearchParams({ csrfToken, login: OWNER.login, password: OWNER.password }),
});
keep(loginRes);
if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Login failed (${loginRes.status} ${loginRes.headers.get("location")})`);

// --- 5. targets ---------------------------------------------------------------------------
const users = `/applications/${app.id}/users`;
const TARGETS = [
  { name: "users list, first page", path: users, expect: "user000001" },
  { name: "users list, filtered (?q=user0420)", path: `${users}?q=user0420`, expect: "user042000" },
  { name: "users list, sorted (displayName desc)", path: `${users}?sort=displayName&dir=desc`, expect: "Users of" },
  { name: "sidebar page (/dashboard)", path: "/dashboard", expect: 'data-section="control_panel"' },
  { name: "bare route (/api/auth/csrf)", path: "/api/auth/csrf", expect: "csrfToken", bare: true },
];

for (const t of TARGETS) {
  const res = await fetch(`${BASE}${t.path}`, { redirect: "manual", headers: t.bare ? {} : { cookie: cookie() } });
  const body = await res.text();
  if (res.status !== 200 || !body.includes(t.expect)) {
    throw new Error(`${t.path} answered ${res.status} without "${t.expect}": not measuring a page that does not work`);
  }
  // A few sequential requests first, so the first measured ones do not pay for cold caches.
  for (let i = 0; i < 5; i++) await (await fetch(`${BASE}${t.path}`, { headers: t.bare ? {} : { cookie: cookie() } })).arrayBuffer();
}

step(`Measuring: ${SECONDS} s per target, ${CONNECTIONS} connections, loopback`);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const results = [];
for (const t of TARGETS) {
  const latencies = [];
  let bad = 0;
  const instance = autocannon({
    url: `${BASE}${t.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: t.bare ? {} : { cookie: cookie() },
  });
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== 200) bad++;
  });
  const r = await instance;
  latencies.sort((a, b) => a - b);
  results.push({
    target: t.name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: r.requests.average,
    requests: latencies.length,
    errors: bad + r.errors + r.timeouts,
  });
  console.log(`  ${t.name}: done`);
}

// --- 6. report ----------------------------------------------------------------------------
const ms = (v) => `${v.toFixed(1)} ms`;
const rows = [
  ["target", "p50", "p95", "p99", "req/s", "requests", "non-200/errors"],
  ...results.map((r) => [r.target, ms(r.p50), ms(r.p95), ms(r.p99), r.rps.toFixed(0), String(r.requests), String(r.errors)]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`\nUsers list with ${inserted.toLocaleString("en-US")} users in one application (${CONNECTIONS} connections, ${SECONDS} s each, Node ${process.version}):\n`);
console.log(line(rows[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows.slice(1)) console.log(line(row));

stopServer();
const failed = results.some((r) => r.errors > 0);
if (failed) console.error("\nSome responses were not 200: the figures above include them.");
process.exit(failed ? 1 : 0);
