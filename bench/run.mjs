#!/usr/bin/env node
// `npm run bench`: every target of issue 11 in one run, printed as one table with the figure each
// rule compares and PASS/FAIL per line; exits 0 when every line passes, 1 when one fails, 2 when
// the setup itself broke (database, build, server, login).
//
// 1. A throwaway SQLite database under data/bench/ (migrations applied, catalogue and demo account
//    seeded by bench/seed.ts), then bench/data.mjs: BENCH_USERS (100,000) users and BENCH_CALLS
//    (100,000) call sessions on the demo application "sales", BENCH_GROWTH_USERS (1,000,000) and
//    BENCH_GROWTH_CALLS (1,000,000) on a second application "growth" (0 unless the growth group
//    runs), BENCH_NUMBERS (100,000) phone numbers and BENCH_LEDGER (100,000) ledger entries of
//    the demo account.
// 2. The production server (scripts/server.mjs) on 127.0.0.1:BENCH_PORT (3200) with that database,
//    the call scheduler off and the API rate limit lifted; `next build` only when there is no build.
// 3. 16 logins of the demo owner (16 sessions, rotated per request) and one RS256 JWT of the demo
//    service account for the Management API.
// 4. The targets (defineTargets below: one entry per line), group by group; each is checked first
//    (a 200 with the expected content, so a redirect to /login never passes for a fast page),
//    warmed up, then driven by autocannon for BENCH_SECONDS (10) recording every latency. A target
//    whose page or method this build does not have yet is reported "n/a" with the reason.
// 4b. The export: the call history CSV of "sales" downloaded once, rows/s and the server's peak RSS.
// 5. The soak: BENCH_SOAK_SECONDS (600) of every working page and API target in turn on 8
//    connections, sampling the server's RSS every 5 s.
// 6. First-load JavaScript per panel route from the build's manifests (bench/js.mjs).
// 7. The table, the memory line, the JS table, "n of m PASS", load averages; the same as JSON in
//    data/bench/last-run.json. The server is stopped and the database removed (BENCH_KEEP_DB=1 keeps it).
//
// BENCH_ONLY=api,pages,growth,export,soak,js picks groups (default: all). Times are ms, rates req/s.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { importPKCS8, SignJWT } from "jose";
import { HOST, checkTarget, drive, ensureBuild, hardDeadline, loginSessions, measure, ms, prepareDatabase, printTable, root, rssOf, serverPid, startServer, step, stopServer } from "./lib.mjs";
import { HISTORY_DAYS, LAST_DISPLAY_NAME, insertBenchData, showsRemoteNumber } from "./data.mjs";
import { JS_LIMIT_BYTES, firstLoadJs, kb } from "./js.mjs";

const GROUPS = ["api", "pages", "growth", "export", "soak", "js"];
const only = (process.env.BENCH_ONLY ?? GROUPS.join(","))
  .split(",")
  .map((g) => g.trim())
  .filter(Boolean);
const unknown = only.filter((g) => !GROUPS.includes(g));
if (unknown.length) {
  console.error(`BENCH_ONLY: unknown group ${unknown.join(", ")} (groups: ${GROUPS.join(", ")})`);
  process.exit(2);
}
const runs = (g) => only.includes(g);
let lineFilter = null;
try {
  lineFilter = process.env.BENCH_LINES ? new RegExp(process.env.BENCH_LINES, "i") : null;
} catch (e) {
  console.error(`BENCH_LINES: not a regular expression: ${e.message}`);
  process.exit(2);
}
const int = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`${name} must be a whole number ≥ 0`);
    process.exit(2);
  }
  return v;
};
/** Row counts of the data set. The growth application stays empty unless the growth group runs. */
const SIZES = {
  users: int("BENCH_USERS", 100_000),
  growthUsers: int("BENCH_GROWTH_USERS", runs("growth") ? 1_000_000 : 0),
  calls: int("BENCH_CALLS", 100_000),
  growthCalls: int("BENCH_GROWTH_CALLS", runs("growth") ? 1_000_000 : 0),
  numbers: int("BENCH_NUMBERS", 100_000),
  ledger: int("BENCH_LEDGER", 100_000),
};
/** Seconds each target is driven. */
const SECONDS = int("BENCH_SECONDS", 10);
/** Seconds of the memory soak. */
const SOAK_SECONDS = int("BENCH_SOAK_SECONDS", 600);
const PORT = int("BENCH_PORT", 3200);
const BASE = `http://${HOST}:${PORT}`;
const OWNER = { login: "demo", password: "Demo-Owner-1!" };
const APP = "sales";
const GROWTH_APP = "growth";
/** Connections of each kind of line (the issue's targets). */
const CONNS = { api: 32, pages: 16, growth: 8, soak: 8 };
/** The soak's RSS sampling period (ms) and the moment its baseline is taken (s: the first minute, or half a shorter soak). */
const SAMPLE_MS = 5000;
const SOAK_BASELINE_S = Math.min(60, SOAK_SECONDS / 2);
const SESSIONS = 16;

const needsServer = ["api", "pages", "growth", "export", "soak"].some(runs);
const rows = SIZES.users + SIZES.growthUsers + 2.4 * (SIZES.calls + SIZES.growthCalls) + SIZES.numbers + SIZES.ledger;
// Setup (a row insert is ~5-20 µs; 1M-row pages may be slow to warm) + targets + soak + margin.
hardDeadline((600 + rows / 2000 + 40 * (SECONDS + 40) + (runs("soak") ? SOAK_SECONDS + 120 : 0)) * 1000);

const load = { start: os.loadavg() };
const startedAt = new Date();
console.log(`Benchmark of issue 11: ${only.join(", ")}; Node ${process.version}, ${os.cpus().length} CPUs, load average ${load.start.map((l) => l.toFixed(2)).join(" ")}`);

// --- the targets --------------------------------------------------------------------------
// One entry per line of the table. group: which BENCH_ONLY group measures it. conns: connections.
// rule: { of: <id of the line it is compared with>, rps?: minimum req/s ratio, p: "p95" | "p99",
// max: maximum latency ratio } or "reference" / "baseline" (a line others are compared with: it
// passes when it has no errors) or { of, p, context: true } (a line measured for the reader, with
// its ratio, never judged: "info", not counted). auth: "api" (the JWT) or "session" (the 16 sessions, rotated).
// expect: what the first answer must contain (string or predicate); ok: a predicate every measured
// body must pass; placeholder: text of this build's stand-in page, which makes the line n/a.
const apiList = (b) => b.startsWith('{"result":[') && !b.includes('"error"');
const apiTime = (t) => new Date(t).toISOString().replace("T", " ").slice(0, 19);
const API_RULE = { of: "ref-api", rps: 0.6, p: "p99", max: 2 };
const API_CONTEXT = { of: "ref-api", p: "p99", context: true };
const unknownMethod = (b) => b.includes('"code":103');
const PAGE_RULE = { of: "ref-pages", rps: 0.3, p: "p95", max: 3 };
const PAGE_CONTEXT = { of: "ref-pages", p: "p95", context: true };
const GROWTH_MAX = 1.5;

function defineTargets(data) {
  const sales = data.sales.id;
  const growth = data.growth.id;
  const prefix = data.filterPrefix;
  const callsPlaceholder = "No calls yet";
  // The three pages of a list: first, filtered, sorted ({ variant, path, expect, placeholder? }).
  const lists = (app) => [
    { variant: "first page", path: `/applications/${app}/users`, expect: "user0000001" },
    { variant: `filtered (?q=${prefix})`, path: `/applications/${app}/users?q=${prefix}`, expect: `${prefix}00` },
    { variant: "sorted (displayName desc)", path: `/applications/${app}/users?sort=displayName&dir=desc`, expect: SIZES.users >= 400 ? LAST_DISPLAY_NAME : "Users of" },
  ];
  const history = (base) =>
    [
      { variant: "first page", path: base },
      { variant: "filtered (?status=no_answer)", path: `${base}?status=no_answer` },
      { variant: "sorted (duration desc)", path: `${base}?sort=durationSeconds&dir=desc` },
    ].map((v) => ({ ...v, expect: showsRemoteNumber, placeholder: callsPlaceholder }));
  const n = (k) => (k >= 1_000_000 ? `${k / 1_000_000}M` : k >= 1000 ? `${Math.round(k / 1000)}k` : String(k));
  // "sales" holds SIZES.users users and SIZES.calls call sessions: each line names the count it reads.
  const salesTag = `(${APP}, ${n(SIZES.users)})`;
  const salesCallsTag = `(${APP}, ${n(SIZES.calls)})`;

  const page = (t) => ({ group: "pages", conns: CONNS.pages, auth: "session", rule: PAGE_RULE, ...t });
  const api = (t) => ({ group: "api", conns: CONNS.api, auth: "api", method: "POST", expect: apiList, ok: apiList, rule: API_RULE, ...t });
  // [the page on "sales", the same page on "growth", their tags], measured back to back.
  const twins = [
    ...lists(sales).map((v, i) => [v, lists(growth)[i], `${APP} ${n(SIZES.users)}`, `${GROWTH_APP} ${n(SIZES.growthUsers)}`]),
    ...history(`/applications/${sales}/call-history`).map((v, i) => [v, history(`/applications/${growth}/call-history`)[i], `${APP} ${n(SIZES.calls)}`, `${GROWTH_APP} ${n(SIZES.growthCalls)}`]),
  ];
  return [
    { id: "ref-api", group: "api", name: "/healthz (reference of the API lines)", path: "/healthz", conns: CONNS.api, expect: '"status":"ok"', rule: "reference" },
    // Context for the API lines' ratios: one database round trip, and the fixed work of every API
    // call (form body, token, key + actor + roles query, audit row, JSON answer) with no method.
    { group: "api", name: "/readyz (one database round trip)", path: "/readyz", conns: CONNS.api, expect: '"status":"ok"', rule: API_CONTEXT },
    api({ name: "unknown method (an API call's fixed work)", path: "/platform_api/NoSuchMethod", body: "", expect: unknownMethod, ok: unknownMethod, rule: API_CONTEXT }),
    api({ name: "GetSubUsers (with_roles)", path: "/platform_api/GetSubUsers", body: "with_roles=true" }),
    api({ name: `GetUsers, first page ${salesTag}`, path: "/platform_api/GetUsers", body: `application_name=${APP}` }),
    api({ name: "GetPhoneNumbers, first page", path: "/platform_api/GetPhoneNumbers", body: "" }),
    api({
      name: `GetCallHistory, ${HISTORY_DAYS} days, first page ${salesCallsTag}`,
      path: "/platform_api/GetCallHistory",
      body: new URLSearchParams({ from_date: apiTime(Date.now() - HISTORY_DAYS * 86_400_000), to_date: apiTime(Date.now() + 86_400_000), application_name: APP }).toString(),
    }),

    { id: "ref-pages", group: "pages", name: "/healthz (reference of the page lines)", path: "/healthz", conns: CONNS.pages, expect: '"status":"ok"', rule: "reference" },
    // Context for the page lines' ratios: the lightest page Next renders for this app (a form; no
    // session, no database, no data table), the ceiling of any page line on this stack and machine.
    { group: "pages", name: "/signup (the lightest page: no session, no data)", path: "/signup", conns: CONNS.pages, expect: "Create an account", rule: PAGE_CONTEXT },
    page({ name: "dashboard", path: "/dashboard", expect: 'data-section="control_panel"' }),
    ...lists(sales).map((v) => page({ ...v, name: `users list ${salesTag}, ${v.variant}` })),
    page({ name: "subusers", path: "/settings/subusers", expect: data.subuserNames[0] ?? "Subusers" }),
    ...history(`/applications/${sales}/call-history`).map((v) => page({ ...v, name: `call history ${salesCallsTag}, ${v.variant}` })),
    ...history("/calls").map((v) => page({ ...v, name: `calls (whole account), ${v.variant}` })),
    ...[
      { variant: "first page", path: "/numbers" },
      { variant: "filtered (?country=GB)", path: "/numbers?country=GB" },
      { variant: "sorted (monthly price desc)", path: "/numbers?sort=monthlyPriceMinor&dir=desc" },
    ].map((v) =>
      page({
        ...v,
        name: `numbers (${n(data.numbers.length)}), ${v.variant}`,
        expect: (b) => {
          const text = b.replace(/[\s\u00a0()-]|&nbsp;/g, "");
          return data.numbers.some((num) => text.includes(num));
        },
        placeholder: "The account has no phone numbers",
      }),
    ),
    ...[
      { variant: "first page", path: "/billing?tab=transactions" },
      { variant: "filtered (?kind=sms)", path: "/billing?tab=transactions&kind=sms", expect: "bench SMS" },
      { variant: "sorted (amount asc)", path: "/billing?tab=transactions&sort=amountMinor&dir=asc" },
    ].map((v) => page({ expect: "bench ", ...v, name: `transactions (${n(SIZES.ledger)}), ${v.variant}` })),

    ...twins.flatMap(([small, large, smallTag, largeTag]) => {
      const id = `growth-base:${small.path}`;
      const kind = small.path.includes("/users") ? "users list" : "call history";
      return [
        { ...small, id, group: "growth", auth: "session", conns: CONNS.growth, name: `${kind} (${smallTag}), ${small.variant}`, rule: "baseline" },
        { ...large, group: "growth", auth: "session", conns: CONNS.growth, name: `${kind} (${largeTag}), ${large.variant}`, rule: { of: id, p: "p95", max: GROWTH_MAX } },
      ];
    }),
  ];
}

/** The rule as text, for the table. */
const ruleText = (t, byId) => {
  if (typeof t.rule === "string") return t.rule;
  const of = byId.get(t.rule.of);
  const ref = of.rule === "reference" ? `/healthz@${of.conns}` : "smaller app";
  if (t.rule.context) return `context (vs ${ref}), not judged`;
  return [t.rule.rps ? `rps ≥ ${t.rule.rps}×` : null, `${t.rule.p} ≤ ${t.rule.max}×`].filter(Boolean).join(", ") + ` ${ref}`;
};

/**
 * A measured line's verdict: { status: "PASS" | "FAIL" | "n/a", ratio (text), note? }. A line
 * with errors fails whatever its figures; a line compared with a line that did not measure
 * cleanly fails (or is n/a when that one is), since its ratio means nothing.
 */
function judge(t, r, results) {
  if (r.na) return { status: "n/a", ratio: "", note: r.na };
  if (r.broken) return { status: "FAIL", ratio: "", note: r.broken };
  if (r.errors > 0) return { status: "FAIL", ratio: "", note: `${r.errors} of ${r.requests} responses were errors` };
  if (typeof t.rule === "string") return { status: "PASS", ratio: "-" };
  const base = results.get(t.rule.of);
  if (!base || base.na) return { status: "n/a", ratio: "", note: `its comparison line is n/a${base?.na ? ` (${base.na})` : ""}` };
  if (base.broken || base.errors > 0 || !(base.requests > 0)) return { status: "FAIL", ratio: "", note: "its comparison line did not measure cleanly" };
  const rps = r.rps / base.rps;
  const lat = r[t.rule.p] / base[t.rule.p];
  if (t.rule.context) return { status: "info", ratio: `rps ${rps.toFixed(2)}× / ${t.rule.p} ${lat.toFixed(2)}×` };
  const pass = (t.rule.rps === undefined || rps >= t.rule.rps) && lat <= t.rule.max;
  const ratio = [t.rule.rps !== undefined ? `rps ${rps.toFixed(2)}×` : null, `${t.rule.p} ${lat.toFixed(2)}×`].filter(Boolean).join(" / ");
  return { status: pass ? "PASS" : "FAIL", ratio };
}

// --- 1-3. data, server, sessions ----------------------------------------------------------------
let data = null;
let targets = [];
let sessionCookies = [];
const checks = new Map(); // target -> null (works) | "n/a reason" | Error (broken)
if (needsServer) {
  let sessions;
  try {
    const { dbFile, credentialsFile, env } = prepareDatabase({
      // Per port, so runs on different ports (other worktrees, bench:api) never remove each other's files.
      prefix: `bench-${PORT}`,
      credentials: `bench-${PORT}-credentials.json`,
      port: PORT,
      extraEnv: { API_RATE_LIMIT_PER_SECOND: "1000000000", CALL_SCHEDULER: "false" },
      dispose: process.env.BENCH_KEEP_DB !== "1",
      contents: "migrations, the number catalogue and the demo account",
    });
    step(
      `Inserting the data: ${Object.entries(SIZES)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join(", ")}`,
    );
    data = await insertBenchData(dbFile, SIZES, { owner: OWNER.login, appName: APP, growthName: GROWTH_APP });
    console.log(`  data ready in ${data.seconds.toFixed(1)} s`);
    ensureBuild();
    await startServer(env, BASE);

    step(`Logging in as the demo owner ${SESSIONS} times; signing the API token`);
    sessions = await loginSessions(BASE, SESSIONS, OWNER);
    sessionCookies = sessions;
    const credentials = JSON.parse(readFileSync(credentialsFile, "utf8"));
    const iat = Math.floor(Date.now() / 1000);
    // One token for the whole run (the contract's maximum lifetime, 3600 s).
    const token = await new SignJWT({ iss: credentials.account_id, iat, exp: iat + 3600 })
      .setProtectedHeader({ alg: "RS256", kid: credentials.key_id })
      .sign(await importPKCS8(credentials.private_key, "RS256"));
    const apiHeaders = { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" };
    targets = defineTargets(data).map((t) => (t.auth === "api" ? { ...t, headers: apiHeaders } : t.auth === "session" ? { ...t, cookies: sessions } : t));
  } catch (e) {
    console.error(`\nThe benchmark's setup failed: ${e.stack ?? e}`);
    process.exit(2);
  }
}
const byId = new Map(targets.filter((t) => t.id).map((t) => [t.id, t]));

/** Checks a target once (cached): null when it works, else the n/a reason or the failure. */
async function check(t) {
  if (!checks.has(t)) {
    try {
      checks.set(
        t,
        await checkTarget(BASE, t, {
          warmups: t.auth === "api" ? 20 : 5,
          failure: (t, status, body) => `${t.method ?? "GET"} ${t.path} answered ${status} without the expected content: ${body.replace(/\s+/g, " ").slice(0, 200)}`,
        }),
      );
    } catch (e) {
      checks.set(t, e);
    }
  }
  return checks.get(t);
}

/** A server that died mid-run (killed, crashed) breaks the run: its later lines would measure nothing. */
function serverAlive() {
  if (serverPid() === null) {
    console.error("\nThe server is gone: the run cannot go on (exit 2).");
    process.exit(2);
  }
}

// --- 4. the lines -------------------------------------------------------------------------------
const results = new Map(); // target id or name -> figures
const measured = [];
for (const group of ["api", "pages", "growth"].filter(runs)) {
  // BENCH_LINES=<regex>: only the lines whose name matches, plus the references they compare with.
  const lines = targets.filter((t) => t.group === group && (!lineFilter || typeof t.rule === "string" || lineFilter.test(t.name)));
  step(`${group}: ${lines.length} lines, ${SECONDS} s each`);
  for (const t of lines) {
    const c = await check(t);
    let r;
    if (c instanceof Error) r = { broken: `check failed: ${c.message}` };
    else if (c) r = { na: c };
    else r = await measure(BASE, t, { connections: t.conns, seconds: SECONDS });
    if (r.na) console.log(`  ${t.name}: n/a: ${r.na}`);
    if (r.broken) console.log(`  ${t.name}: ${r.broken}`);
    results.set(t.id ?? t.name, r);
    measured.push({ t, r });
    serverAlive();
  }
}

// --- 4b. the CSV export ------------------------------------------------------------------------
/** Export rule: every row arrives, and the server's RSS rises by at most this much meanwhile (a buffered file would not). */
const EXPORT_MAX_RISE = 64 * 1024 * 1024;

/**
 * Downloads `pathname` once as the demo owner, counting rows (lines after the header) and bytes
 * as they stream, sampling the server's RSS every 100 ms: { rows, seconds, rowsPerSecond, bytes,
 * rssBefore, rssPeak } or { broken }.
 */
async function measureExport(pathname) {
  const pid = serverPid();
  const rssBefore = rssOf(pid);
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    const r = rssOf(pid);
    if (r !== null && r > rssPeak) rssPeak = r;
  }, 100);
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const res = await fetch(BASE + pathname, { headers: { cookie: sessionCookies[0] } });
    if (res.status !== 200 || !res.headers.get("content-type")?.includes("text/csv")) return { broken: `GET ${pathname} answered ${res.status} ${res.headers.get("content-type")}` };
    for await (const chunk of res.body) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
  } catch (e) {
    return { broken: `GET ${pathname} failed: ${e.message}` };
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = Math.max(0, lines - 1);
  return { rows, seconds, rowsPerSecond: rows / seconds, bytes, rssBefore, rssPeak };
}

let exportRun = null;
if (runs("export")) {
  const pathname = `/applications/${data.sales.id}/call-history/export`;
  step(`export: the call history CSV of "${APP}" (${data.sales.calls.toLocaleString("en-US")} sessions), server RSS every 100 ms`);
  const r = data.sales.calls > 0 ? await measureExport(pathname) : { na: "this build has no call history" };
  const rise = r.rssPeak - r.rssBefore;
  const pass = !r.broken && !r.na && r.rows === data.sales.calls && Number.isFinite(rise) && rise <= EXPORT_MAX_RISE;
  const note = r.na ?? r.broken ?? (r.rows !== data.sales.calls ? `${r.rows} rows of ${data.sales.calls}` : !Number.isFinite(rise) ? "could not read the server's RSS" : "");
  exportRun = { path: pathname, expectedRows: data.sales.calls, ...r, rise, status: r.na ? "n/a" : pass ? "PASS" : "FAIL", note };
  serverAlive();
}

// --- 5. soak ------------------------------------------------------------------------------------
let soak = null;
if (runs("soak")) {
  const mixed = [];
  for (const t of targets.filter((t) => t.group === "api" || t.group === "pages")) {
    if (t.rule !== "reference" && !t.rule.context && (await check(t)) === null) mixed.push(t);
  }
  step(`soak: ${SOAK_SECONDS} s of ${mixed.length} page and API targets in turn on ${CONNS.soak} connections; server RSS every ${SAMPLE_MS / 1000} s`);
  const pid = serverPid();
  const samples = [];
  const t0 = Date.now();
  const sample = () => {
    const rss = rssOf(pid);
    if (rss !== null) samples.push({ s: (Date.now() - t0) / 1000, rss });
  };
  sample();
  const r = mixed.length ? await drive(BASE, mixed, { connections: CONNS.soak, seconds: SOAK_SECONDS, onTick: sample, tickMs: SAMPLE_MS }) : null;
  sample();
  const baseline = samples.find((x) => x.s >= SOAK_BASELINE_S) ?? samples.at(-1);
  const end = samples.at(-1);
  const ratio = baseline && end ? end.rss / baseline.rss : NaN;
  const pass = r !== null && r.errors === 0 && ratio <= 1.2;
  const note = r === null ? "no working target to drive" : r.errors > 0 ? `${r.errors} of ${r.requests} responses were errors` : !Number.isFinite(ratio) ? "could not read the server's RSS" : "";
  soak = { seconds: SOAK_SECONDS, connections: CONNS.soak, targets: mixed.map((t) => t.name), baselineAt: baseline?.s, baselineRss: baseline?.rss, endRss: end?.rss, ratio, figures: r, samples, status: pass ? "PASS" : "FAIL", note };
  console.log(`  soak done: ${r ? `${r.rps.toFixed(0)} req/s, ${r.errors} errors` : "nothing driven"}`);
  serverAlive();
}
stopServer();

// --- 6. JavaScript ------------------------------------------------------------------------------
let js = null;
let jsError = null;
if (runs("js")) {
  try {
    js = firstLoadJs();
  } catch (e) {
    jsError = e.message;
  }
}

// --- 7. report ----------------------------------------------------------------------------------
load.end = os.loadavg();
const mb = (b) => (Number.isFinite(b) ? `${(b / 1024 / 1024).toFixed(0)} MB` : "-");
const lines = measured.map(({ t, r }) => ({ t, r, v: judge(t, r, results) }));
if (lines.length) {
  printTable(`Issue 11 targets (${SECONDS} s per line, loopback, production build)`, [
    ["target", "conns", "req/s", "p50", "p95", "p99", "ratio", "rule", "result"],
    ...lines.map(({ t, r, v }) => [t.name, String(t.conns), r.rps !== undefined ? r.rps.toFixed(0) : "-", ms(r.p50), ms(r.p95), ms(r.p99), v.ratio, ruleText(t, byId), v.status]),
  ]);
  const notes = lines.filter(({ v }) => v.note);
  if (notes.length) {
    console.log("");
    for (const { t, v } of notes) console.log(`  ${v.status}  ${t.name}: ${v.note}`);
  }
}
if (soak) {
  console.log(
    `\nMemory (soak ${soak.seconds} s, ${soak.connections} connections, ${soak.targets.length} targets${soak.figures ? `, ${soak.figures.requests} requests, ${soak.figures.errors} errors` : ""}): ` +
      `RSS ${mb(soak.baselineRss)} after ${soak.baselineAt?.toFixed(0) ?? "-"} s, ${mb(soak.endRss)} at the end, ${Number.isFinite(soak.ratio) ? soak.ratio.toFixed(2) : "-"}× (rule ≤ 1.2×, no errors): ${soak.status}${soak.note ? ` (${soak.note})` : ""}`,
  );
}
if (exportRun) {
  const e = exportRun;
  console.log(
    e.rows !== undefined
      ? `\nCall history CSV export (${e.path}): ${e.rows.toLocaleString("en-US")} rows, ${mb(e.bytes)} in ${e.seconds.toFixed(1)} s = ${Math.round(e.rowsPerSecond).toLocaleString("en-US")} rows/s; ` +
          `server RSS ${mb(e.rssBefore)} before, peak ${mb(e.rssPeak)} (+${mb(e.rise)}; rule: every row, rise ≤ ${mb(EXPORT_MAX_RISE)}): ${e.status}${e.note ? ` (${e.note})` : ""}`
      : `\nCall history CSV export: ${e.status} (${e.note})`,
  );
}
if (js) {
  printTable(`First-load JavaScript per panel route (gzipped, rule ≤ ${kb(JS_LIMIT_BYTES)})`, [["route", "files", "gzipped", "result"], ...js.map((r) => [r.route, String(r.files), kb(r.bytes), r.pass ? "PASS" : "FAIL"])]);
}
if (jsError) console.log(`\nFirst-load JavaScript: FAIL (${jsError})`);

const verdicts = [...lines.map(({ v }) => v.status), ...(exportRun ? [exportRun.status] : []), ...(soak ? [soak.status] : []), ...(js ? js.map((r) => (r.pass ? "PASS" : "FAIL")) : []), ...(jsError ? ["FAIL"] : [])];
const counted = verdicts.filter((s) => s === "PASS" || s === "FAIL");
const passed = counted.filter((s) => s === "PASS").length;
const na = verdicts.filter((s) => s === "n/a").length;
const info = verdicts.filter((s) => s === "info").length;
const uncounted = [na ? `${na} n/a` : null, info ? `${info} context` : null].filter(Boolean).join(", ");
console.log(`\n${passed} of ${counted.length} PASS${uncounted ? ` (${uncounted}, not counted)` : ""}`);
console.log(`Load average (1, 5, 15 min): ${load.start.map((l) => l.toFixed(2)).join(" ")} at the start, ${load.end.map((l) => l.toFixed(2)).join(" ")} at the end; Node ${process.version}`);

const report = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  loadavg: load,
  groups: only,
  sizes: SIZES,
  seconds: SECONDS,
  data: data && { sales: data.sales, growth: data.growth, numbers: data.numbers.length, insertSeconds: data.seconds },
  lines: lines.map(({ t, r, v }) => ({
    target: t.name,
    group: t.group,
    method: t.method ?? "GET",
    path: t.path,
    conns: t.conns,
    rps: r.rps ?? null,
    p50: r.p50 ?? null,
    p95: r.p95 ?? null,
    p99: r.p99 ?? null,
    requests: r.requests ?? 0,
    errors: r.errors ?? 0,
    ratio: v.ratio,
    rule: ruleText(t, byId),
    result: v.status,
    note: v.note ?? null,
  })),
  export: exportRun,
  memory: soak && { ...soak, figures: soak.figures && { ...soak.figures } },
  js: js && js.map((r) => ({ ...r, result: r.pass ? "PASS" : "FAIL" })),
  jsError,
  passed,
  counted: counted.length,
  na,
};
const out = path.join(root, "data", "bench", "last-run.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Written to ${path.relative(root, out)}`);
process.exit(passed === counted.length ? 0 : 1);
