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
import Database from "better-sqlite3";
import { hash } from "@node-rs/argon2";
import { HOST, checkTarget, ensureBuild, measure, ms, prepareDatabase, printTable, startServer, step, stopServer } from "./lib.mjs";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://${HOST}:${PORT}`;
const OWNER = { login: "demo", password: "Demo-Owner-1!" };
const APP_NAME = "sales";

// --- 1. database -------------------------------------------------------------------------
const { dbFile, env } = prepareDatabase({ prefix: "bench", credentials: "demo-credentials.json", port: PORT, contents: "migrations and the demo account" });

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
const prismaDate = (time) => new Date(time).toISOString().replace("Z", "+00:00");
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
ensureBuild();
await startServer(env, BASE);

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
const session = { cookie: cookie() };
const users = `/applications/${app.id}/users`;
// A prefix matching a hundred-odd users a little past the middle of the list, whatever BENCH_USERS is.
const probe = `user${String(Math.floor(USERS * 0.42)).padStart(6, "0")}`;
const prefix = probe.slice(0, -2);
const TARGETS = [
  { name: "users list, first page", path: users, headers: session, expect: "user000001" },
  { name: `users list, filtered (?q=${prefix})`, path: `${users}?q=${prefix}`, headers: session, expect: `${prefix}00` },
  { name: "users list, sorted (displayName desc)", path: `${users}?sort=displayName&dir=desc`, headers: session, expect: "Users of" },
  { name: "sidebar page (/dashboard)", path: "/dashboard", headers: session, expect: 'data-section="control_panel"' },
  { name: "bare route (/api/auth/csrf)", path: "/api/auth/csrf", headers: {}, expect: "csrfToken" },
];

for (const t of TARGETS) {
  await checkTarget(BASE, t, {
    warmups: 5,
    failure: (t, status) => `${t.path} answered ${status} without "${t.expect}": not measuring a page that does not work`,
  });
}

step(`Measuring: ${SECONDS} s per target, ${CONNECTIONS} connections, loopback`);
const results = [];
for (const t of TARGETS) results.push(await measure(BASE, t, { connections: CONNECTIONS, seconds: SECONDS }));

// --- 6. report ----------------------------------------------------------------------------
printTable(`Users list with ${inserted.toLocaleString("en-US")} users in one application (${CONNECTIONS} connections, ${SECONDS} s each, Node ${process.version})`, [
  ["target", "p50", "p95", "p99", "req/s", "requests", "non-200/errors"],
  ...results.map((r) => [r.target, ms(r.p50), ms(r.p95), ms(r.p99), r.rps.toFixed(0), String(r.requests), String(r.errors)]),
]);

stopServer();
const failed = results.some((r) => r.errors > 0);
if (failed) console.error("\nSome responses were not 200: the figures above include them.");
process.exit(failed ? 1 : 0);
