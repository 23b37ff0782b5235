// Threat: malformed server-action requests answered HTTP 500 with a stack in the log (issue 7 part
// 3; docs/SECURITY.md "Entry points": every entry point answers malformed input with a 4xx, writes
// nothing). Next decodes an action's body before any code of ours runs, so the proof is the real
// production server: malformed bodies and headers posted to every server action id of this
// build (.next/server/server-reference-manifest.json), on its own page and on /login and
// /signup, plus forms posted as a browser without JavaScript would. Never a 500; malformed is a
// 4xx; nothing written; and the server's log stays free of errors and stacks. The log is only
// readable from a server this spec starts itself (scripts/server.mjs, the production server, on
// the run's database, at E2E_PORT + 1).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { apiLogin } from "./fixtures/auth";
import { serverActions } from "./fixtures/server-actions";
import { E2E_PORT, ROOT, e2eDatabaseUrl } from "./fixtures/env";

const PORT = E2E_PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;

const ACTIONS = serverActions();

/** The route of a worker like "app/(panel)/applications/[appId]/users/page". */
function routeOf(worker: string, ids: { appId: number; accountId: number }): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace("[appId]", String(ids.appId))
    .replace("[accountId]", String(ids.accountId));
  return route === "" ? "/" : route;
}

type Case = { name: string; body: string | Buffer; headers?: Record<string, string>; multipart?: [string, string][] };

function multipartBody(fields: [string, string][]): { type: string; body: Buffer } {
  const boundary = "----fuzz" + randomBytes(6).toString("hex");
  const parts = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("");
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`${parts}--${boundary}--\r\n`) };
}

/** Bodies and headers that are malformed: every one must be a 4xx. */
const MALFORMED: Case[] = [
  { name: "{{{{", body: "{{{{" },
  { name: "empty body", body: "" },
  { name: "[null,{login}]", body: '[null,{"login":"x"}]' },
  { name: "a string", body: '"x"' },
  { name: "an object", body: "{}" },
  { name: "no arguments", body: "[]" },
  { name: "three numbers", body: "[1,2,3]" },
  { name: "deep nesting", body: "[" + "[".repeat(5000) + "]".repeat(5000) + "]" },
  { name: "NUL", body: "\u0000" },
  { name: "invalid UTF-8", body: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]) },
  { name: "promise reference", body: '["$@1"]' },
  { name: "server reference", body: '["$h1"]' },
  { name: "map reference", body: '["$Q1"]' },
  { name: "temporary reference", body: '["$T"]' },
  { name: "chunk reference", body: '["$1"]' },
  { name: "prototype key", body: '[{"__proto__":{"polluted":1}}]' },
  { name: "too many arguments", body: "[" + Array(2000).fill("null").join(",") + "]" },
  { name: "Origin http://[", body: "[null]", headers: { origin: "http://[" } },
  { name: "Origin null", body: "[null]", headers: { origin: "null" } },
  { name: "foreign Origin", body: "[null]", headers: { origin: "http://evil.example" } },
  { name: "look-alike Origin", body: "[null]", headers: { origin: `http://127.0.0.1.evil.example:${PORT}` } },
  { name: "JSON content type", body: "[null]", headers: { "content-type": "application/json" } },
  { name: "multipart garbage", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=zzz" } },
  { name: "multipart without root", body: "", multipart: [["_1_login", "x"]] },
  { name: "multipart root {{{{", body: "", multipart: [["0", "{{{{"]] },
  { name: "multipart promise chain", body: "", multipart: [["0", '[null,"$@1"]'], ["1", '{"then":"$1:__proto__:then"}']] },
];

/**
 * Well-formed calls that are simply wrong: they reach the action, which refuses them (never a
 * 500). `empty` ones amount to an empty input, which a few actions accept as a real request.
 */
const ODD: (Case & { empty?: boolean })[] = [
  { name: "[null]", body: "[null]" },
  { name: "[{}] with a foreign key", body: '[{"zzz":"\\u0000"}]', empty: true },
  { name: "empty FormData", body: "", multipart: [["0", '[null,"$K1"]']], empty: true },
  { name: "broken router state", body: "[null]", headers: { "next-router-state-tree": "{{{" } },
];
// Valid on an empty input: logging out, ending the other sessions, creating a key with a
// generated name, running the demo's billing day. Not targets for the `empty` ODD cases.
const VALID_WHEN_EMPTY = new Set(["logoutAction", "endOtherSessionsAction", "createKeyAction", "runBillingDayAction"]);

let server: ChildProcess;
let log = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: e2eDatabaseUrl(),
      DATABASE_ADAPTER: "better-sqlite3",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOGIN_IP_MAX_FAILURES: "100000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!log.includes("ready on")) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the fuzz server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
});

async function post(api: APIRequestContext, route: string, c: Case, actionId?: string) {
  const headers: Record<string, string> = { origin: BASE, "content-type": "text/plain;charset=UTF-8", ...(actionId ? { "next-action": actionId } : {}), ...c.headers };
  let body = c.body;
  if (c.multipart) {
    const m = multipartBody(c.multipart);
    headers["content-type"] = m.type;
    body = m.body;
  }
  const res = await api.post(route, { headers, data: body, maxRedirects: 0, failOnStatusCode: false });
  return res.status();
}

test("malformed server-action requests to every action id: a 4xx, never a 500, nothing written, nothing logged", async ({ playwright, factory }) => {
  test.setTimeout(300_000);
  const acct = await factory.account();
  const app = await factory.application(acct.id);
  const api = await playwright.request.newContext({ baseURL: BASE });
  await apiLogin(api, { kind: "owner", login: acct.name, password: acct.password });
  const snapshot = async () => ({
    accounts: await factory.db.account.count(),
    subusers: await factory.db.subuser.count({ where: { accountId: acct.id } }),
    keys: await factory.db.apiKey.count({ where: { accountId: acct.id } }),
    apps: await factory.db.application.findMany({ where: { accountId: acct.id } }),
    users: await factory.db.appUser.count({ where: { accountId: acct.id } }),
    liveSessions: await factory.db.session.count({ where: { accountId: acct.id, revokedAt: null } }),
    // Changes only: a well-formed call of an action the owner does not hold (numbers.reserved is
    // PhoneNumberManager's alone) is refused and leaves its routine "Denied" row, as it should.
    changes: await factory.db.auditLog.count({ where: { accountId: acct.id, routine: false } }),
  });
  const before = await snapshot();
  const logFrom = log.length;
  const failures: string[] = [];
  expect(ACTIONS.length).toBeGreaterThan(10);

  for (const action of ACTIONS) {
    for (const route of new Set([routeOf(action.page, { appId: app.id, accountId: acct.id }), "/login", "/signup"])) {
      for (const c of MALFORMED) {
        const status = await post(api, route, c, action.id);
        if (status < 400 || status >= 500) failures.push(`${action.name} ${route} ${c.name}: ${status}`);
      }
    }
  }
  // Headers alone: a malformed or unknown id, and bodies over the 1 MB limit.
  const first = ACTIONS[0]!;
  for (const [name, id] of [["malformed id", "not-hex"], ["unknown id", "7f" + "00".repeat(20)], ["id with a path", "..%2F7f"]] as const) {
    const status = await post(api, "/login", { name, body: "[null]" }, id);
    if (status < 400 || status >= 500) failures.push(`${name}: ${status}`);
  }
  for (const route of ["/login", "/signup", routeOf(first.page, { appId: app.id, accountId: acct.id })]) {
    const status = await post(api, route, { name: "5 MB", body: Buffer.alloc(5 * 1024 * 1024, "a") }, first.id);
    if (status !== 413) failures.push(`5 MB body to ${route}: ${status}`);
  }
  // Forms posted without JavaScript (no Next-Action) to the public pages.
  const ref = (descriptor: string, bound = "[null]"): [string, string][] => [["$ACTION_REF_1", ""], ["$ACTION_1:0", descriptor], ["$ACTION_1:1", bound], ["$ACTION_KEY", "k1"], ["login", "x"], ["password", "y"]];
  const formCases: Case[] = [
    { name: "garbage", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=zzz" } },
    { name: "no action fields", body: "", multipart: [["login", "x"]] },
    { name: "unknown $ACTION_ID_", body: "", multipart: [[`$ACTION_ID_${"7f" + "00".repeat(20)}`, ""]] },
    { name: "descriptor {{{{", body: "", multipart: ref("{{{{") },
    { name: "unknown descriptor id", body: "", multipart: ref(JSON.stringify({ id: "7f" + "00".repeat(20), bound: null })) },
    { name: "bound {{{{", body: "", multipart: ref(JSON.stringify({ id: first.id, bound: "$@1" }), "{{{{") },
    { name: "bound reference", body: "", multipart: ref(JSON.stringify({ id: first.id, bound: "$@1" }), '["$@2"]') },
    { name: "server reference bound", body: "", multipart: ref(JSON.stringify({ id: first.id, bound: "$h1" })) },
    { name: "foreign Origin", body: "", multipart: [[`$ACTION_ID_${first.id}`, ""]], headers: { origin: "http://evil.example" } },
  ];
  for (const route of ["/login", "/signup"]) {
    for (const c of formCases) {
      const status = await post(api, route, c);
      if (status < 400 || status >= 500) failures.push(`form ${route} ${c.name}: ${status}`);
    }
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toEqual(before);

  // Well-formed but wrong: the gate lets them through and the action refuses them, never a 500.
  for (const action of ACTIONS) {
    for (const c of ODD) {
      if (c.empty && VALID_WHEN_EMPTY.has(action.name)) continue;
      const status = await post(api, routeOf(action.page, { appId: app.id, accountId: acct.id }), c, action.id);
      if (status >= 500) failures.push(`${action.name} ${c.name}: ${status}`);
    }
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toEqual(before);

  const written = log.slice(logFrom);
  expect(written.split("\n").filter((l) => /^\s+at\s|⨯|\bError\b|\[auth\]/.test(l))).toEqual([]);
  await api.dispose();
});

test("the forms still work: logging in with JavaScript and without it", async ({ playwright, browser, factory }) => {
  const acct = await factory.account();
  const api = await playwright.request.newContext({ baseURL: BASE });
  // Without JavaScript: the login form's own hidden fields, posted as multipart form data.
  const html = await (await api.get("/login")).text();
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m): [string, string] => [
    m[1]!,
    (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"),
  ]);
  expect(hidden.map(([k]) => k)).toContain("$ACTION_REF_1");
  const status = await post(api, "/login", { name: "no-JS login", body: "", multipart: [...hidden, ["login", acct.name], ["password", acct.password]] });
  expect(status).toBe(303);
  expect((await api.get("/dashboard", { maxRedirects: 0 })).status()).toBe(200);
  await api.dispose();
  // With JavaScript, through the real form in a browser.
  const context = await browser.newContext({ baseURL: BASE });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email or account name").fill(acct.name);
    await page.getByLabel("Password").fill(acct.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  } finally {
    await context.close();
  }
  expect(log.split("\n").filter((l) => /^\s+at\s|⨯/.test(l))).toEqual([]);
});
