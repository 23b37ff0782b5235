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
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { importPKCS8, SignJWT } from "jose";
import { HOST, checkTarget, ensureBuild, hardDeadline, measure, ms, prepareDatabase, printTable, startServer, step } from "./lib.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const USERS = Number(process.env.BENCH_API_USERS ?? 1000);
const PORT = Number(process.env.BENCH_API_PORT ?? 3201);
const BASE = `http://${HOST}:${PORT}`;
const APP_NAME = "sales";
hardDeadline((180 + 4 * SECONDS) * 1000);

// --- 1. database -------------------------------------------------------------------------
const { dbFile, credentialsFile, stamp, env } = prepareDatabase({
  prefix: "api-bench",
  credentials: "api-demo-credentials.json",
  port: PORT,
  extraEnv: { API_RATE_LIMIT_PER_SECOND: "1000000000" },
  dispose: true,
  contents: `migrations, the demo account, ${USERS.toLocaleString("en-US")} users in "${APP_NAME}"`,
});
const credentials = JSON.parse(readFileSync(credentialsFile, "utf8"));

const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
const app = sqlite.prepare(`SELECT id, accountId FROM Application WHERE accountId = ? AND name = ?`).get(credentials.account_id, APP_NAME);
if (!app) throw new Error(`The demo application "${APP_NAME}" is missing after seeding`);
// One hash for every row: these users never log in, and argon2 per row would take minutes.
const { passwordHash } = sqlite.prepare(`SELECT passwordHash FROM AppUser WHERE applicationId = ? LIMIT 1`).get(app.id);
const prismaDate = (time) => new Date(time).toISOString().replace("Z", "+00:00");
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
ensureBuild();
await startServer(env, BASE);

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
  await checkTarget(BASE, t, {
    warmups: 20,
    failure: (t, status, body) => {
      const hint = body.includes('"code":103') ? " (the production build predates this method: run `npx next build`)" : "";
      return `${t.method} ${t.path} answered ${status} ${body.slice(0, 300)}${hint}: not measuring a call that does not work`;
    },
  });
}

step(`Measuring: ${SECONDS} s per target, ${CONNECTIONS} connections, loopback`);
const results = [];
for (const t of TARGETS) results.push(await measure(BASE, t, { connections: CONNECTIONS, seconds: SECONDS }));

// --- 5. report ----------------------------------------------------------------------------
printTable(`Management API on the production server (${CONNECTIONS} connections, ${SECONDS} s each, one key, rate limit lifted, Node ${process.version})`, [
  ["target", "req/s", "p50", "p99", "requests", "errors"],
  ...results.map((r) => [r.target, r.rps.toFixed(0), ms(r.p50), ms(r.p99), String(r.requests), String(r.errors)]),
]);

const failed = results.some((r) => r.errors > 0);
if (failed) console.error("\nSome responses were errors (non-200 or an API error body): the figures above include them.");
process.exit(failed ? 1 : 0);
