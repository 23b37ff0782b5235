#!/usr/bin/env node
// Management API throughput: GetSubUsers and GetUsers beside a bare route, on the production
// server, through loopback only; it stops by itself.
//
// 1. A throwaway SQLite database under data/bench/ (api-bench-*.db), migrations applied, the
//    demo account seeded (bench/seed.ts: its service account's credentials.json is written
//    beside that database, never over data/demo-credentials.json), plus BENCH_API_USERS (1,000)
//    users in the demo application "sales" so GetUsers pages through a real list.
// 2. The production server (scripts/server.mjs) on 127.0.0.1:BENCH_API_PORT (3201) with that
//    database; `next build` first only if there is no build at all. The per-key rate limit
//    (50/s by default) is lifted for the run: one key is driving all the load.
// 3. One RS256 JWT signed with jose from that credentials.json (kid = key id, iss = account id,
//    lifetime 3600 s, the contract's maximum, which covers the whole run) is reused.
// 4. Each target is checked first (a success body, not an error), warmed up, then driven by
//    autocannon for BENCH_SECONDS (10) with BENCH_CONNECTIONS (32). Every body is inspected, so
//    an API error answered with HTTP 200 counts as an error, never as a fast request.
// 5. A table of req/s and p50 / p99 latency; the server is stopped; the database removed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { importPKCS8, SignJWT } from "jose";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const USERS = Number(process.env.BENCH_API_USERS ?? 1000);
const PORT = Number(process.env.BENCH_API_PORT ?? 3201);
const HOST = "127.0.0.1";
const BASE = `http://${HOST}:${PORT}`;
const APP_NAME = "sales";
// A hard stop for the whole run, whatever hangs.
const DEADLINE_MS = (180 + 4 * SECONDS) * 1000;

const benchDir = path.join(root, "data", "bench");
mkdirSync(benchDir, { recursive: true });
for (const f of readdirSync(benchDir)) if (/^api-bench-.*\.db(-wal|-shm|-journal)?$|^api-demo-credentials\.json$/.test(f)) rmSync(path.join(benchDir, f));
const stamp = Date.now();
const dbFile = path.join(benchDir, `api-bench-${stamp}.db`);
const credentialsFile = path.join(benchDir, "api-demo-credentials.json");

const env = {
  ...process.env,
  DATABASE_URL: `file:${dbFile}`,
  DATABASE_ADAPTER: "better-sqlite3",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  SEED_DEMO: "true",
  PORT: String(PORT),
  HOSTNAME: HOST,
  API_RATE_LIMIT_PER_SECOND: "1000000000",
};
delete env.DATABASE_AUTH_TOKEN;

const step = (msg) => console.log(`\n▸ ${msg}`);
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

let server = null;
function cleanUp() {
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`, credentialsFile]) rmSync(f, { force: true });
}
process.on("exit", cleanUp);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));
setTimeout(() => {
  console.error(`\nThe benchmark did not finish within ${DEADLINE_MS / 1000} s: stopping.`);
  process.exit(2);
}, DEADLINE_MS).unref();

// --- 1. database -------------------------------------------------------------------------
step(`Throwaway database ${path.relative(root, dbFile)}: migrations, the demo account, ${USERS.toLocaleString("en-US")} users in "${APP_NAME}"`);
run("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
run("npx", ["tsx", "bench/seed.ts", credentialsFile]);
const credentials = JSON.parse(readFileSync(credentialsFile, "utf8"));

const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
const app = sqlite.prepare(`SELECT id, accountId FROM Application WHERE accountId = ? AND name = ?`).get(credentials.account_id, APP_NAME);
if (!app) throw new Error(`The demo application "${APP_NAME}" is missing after seeding`);
// One hash for every row: these users never log in, and argon2 per row would take minutes.
const { passwordHash } = sqlite.prepare(`SELECT passwordHash FROM AppUser WHERE applicationId = ? LIMIT 1`).get(app.id);
const prismaDate = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");
const insert = sqlite.prepare(
  `INSERT INTO AppUser (accountId, applicationId, name, displayName, passwordHash, active, parentAccounting, balanceMinor, customData, createdAt, updatedAt)
   VALUES (?, ?, ?, ?, ?, 1, 1, 0, '', ?, ?)`,
);
sqlite.transaction(() => {
  for (let i = 1; i <= USERS; i++) {
    const at = prismaDate(stamp - (USERS - i) * 1000);
    insert.run(app.accountId, app.id, `bench${String(i).padStart(6, "0")}`, `Bench User ${i}`, passwordHash, at, at);
  }
})();
const userCount = sqlite.prepare(`SELECT COUNT(*) AS n FROM AppUser WHERE applicationId = ?`).get(app.id).n;
const subuserCount = sqlite.prepare(`SELECT COUNT(*) AS n FROM Subuser WHERE accountId = ?`).get(app.accountId).n;
sqlite.close();

// --- 2. production server -----------------------------------------------------------------
const buildId = path.join(".next", "BUILD_ID");
if (!existsSync(buildId)) {
  step("No production build yet: next build");
  run("npx", ["next", "build"], { env: { ...process.env } });
} else {
  console.log(`\n  Using the production build of ${statSync(buildId).mtime.toISOString()} (run \`npx next build\` first to measure newer sources).`);
}
step(`Starting the production server on ${BASE}`);
const serverLog = [];
server = spawn(process.execPath, ["scripts/server.mjs"], { env: { ...env, NODE_ENV: "production" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
for (const s of [server.stdout, server.stderr]) s.on("data", (d) => serverLog.push(String(d)));
{
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited before it was ready:\n${serverLog.join("").slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`The server did not answer within 90 s:\n${serverLog.join("").slice(-4000)}`);
    try {
      if ((await fetch(`${BASE}/api/auth/csrf`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

// --- 3. token -----------------------------------------------------------------------------
const iat = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ iss: credentials.account_id, iat, exp: iat + 3600 })
  .setProtectedHeader({ alg: "RS256", kid: credentials.key_id })
  .sign(await importPKCS8(credentials.private_key, "RS256"));
const api = { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" };

// --- 4. targets ---------------------------------------------------------------------------
const TARGETS = [
  { name: "bare route (GET /api/auth/csrf)", method: "GET", path: "/api/auth/csrf", headers: {}, ok: (b) => b.includes("csrfToken") },
  {
    name: `GetSubUsers (with_roles, ${subuserCount} subusers)`,
    method: "POST",
    path: "/platform_api/GetSubUsers",
    headers: api,
    body: "with_roles=true",
    ok: (b) => b.startsWith('{"result":[') && !b.includes('"error"'),
  },
  {
    name: `GetUsers (first 20 of ${userCount.toLocaleString("en-US")})`,
    method: "POST",
    path: "/platform_api/GetUsers",
    headers: api,
    body: `application_name=${APP_NAME}`,
    ok: (b) => b.startsWith('{"result":[') && !b.includes('"error"'),
  },
];

for (const t of TARGETS) {
  const call = () => fetch(`${BASE}${t.path}`, { method: t.method, headers: t.headers, body: t.body });
  const res = await call();
  const body = await res.text();
  if (res.status !== 200 || !t.ok(body)) {
    const hint = body.includes('"code":103') ? " (the production build predates this method: run `npx next build`)" : "";
    throw new Error(`${t.method} ${t.path} answered ${res.status} ${body.slice(0, 300)}${hint}: not measuring a call that does not work`);
  }
  for (let i = 0; i < 20; i++) await (await call()).arrayBuffer();
}

step(`Measuring: ${SECONDS} s per target, ${CONNECTIONS} connections, loopback`);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const results = [];
for (const t of TARGETS) {
  const latencies = [];
  let bad = 0;
  const instance = autocannon({
    url: BASE,
    connections: CONNECTIONS,
    duration: SECONDS,
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
  });
  instance.on("response", (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  const r = await instance;
  latencies.sort((a, b) => a - b);
  results.push({ target: t.name, rps: r.requests.average, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, errors: bad + r.errors + r.timeouts });
  console.log(`  ${t.name}: done`);
}

// --- 5. report ----------------------------------------------------------------------------
const ms = (v) => `${v.toFixed(1)} ms`;
const rows = [
  ["target", "req/s", "p50", "p99", "requests", "errors"],
  ...results.map((r) => [r.target, r.rps.toFixed(0), ms(r.p50), ms(r.p99), String(r.requests), String(r.errors)]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`\nManagement API on the production server (${CONNECTIONS} connections, ${SECONDS} s each, one key, rate limit lifted, Node ${process.version}):\n`);
console.log(line(rows[0]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows.slice(1)) console.log(line(row));

const failed = results.some((r) => r.errors > 0);
if (failed) console.error("\nSome responses were errors (non-200 or an API error body): the figures above include them.");
process.exit(failed ? 1 : 0);
