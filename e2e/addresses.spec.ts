// Threat: addresses built from the listener's bind address (http://0.0.0.0:3000, which Next puts in
// request.url) or from a client's own X-Forwarded-Host: broken links in GetAccountInfo's
// api_address, the OpenAPI servers, the subuser login link and every Auth.js redirect, and
// host-header injection into them (issue 7 part 3). The real server (scripts/server.mjs) is what
// this checks: the e2e server binds 127.0.0.1, so the requests below name another host.
import { test, expect } from "./fixtures";
import { OWNER } from "./fixtures/matrix";
import { E2E_PORT } from "./fixtures/env";

const HOST = `panel.e2e.test:${E2E_PORT}`;
const ORIGIN = `http://${HOST}`;
// TRUST_PROXY_HOPS is 0 on the e2e server: these must be ignored.
const FORGED = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

test("Auth.js redirects name the request's host", async ({ playwright, factory }) => {
  const acct = await factory.account();
  const ctx = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { host: HOST, ...FORGED } });
  try {
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const ok = await ctx.post("/api/auth/callback/owner", { form: { csrfToken, login: acct.name, password: acct.password }, maxRedirects: 0 });
    expect(ok.status()).toBe(302);
    expect(new URL(ok.headers()["location"] ?? "").origin).toBe(ORIGIN);
    const bad = await ctx.post("/api/auth/callback/owner", { form: { csrfToken, login: acct.name, password: "Wrong-Passw0rd!" }, maxRedirects: 0 });
    expect(bad.status()).toBe(302);
    expect(bad.headers()["location"]).toMatch(new RegExp(`^${ORIGIN.replace(/\./g, "\\.")}/login\\?`));
  } finally {
    await ctx.dispose();
  }
});

test("GetAccountInfo's api_address and the OpenAPI servers name the request's host", async ({ request, factory }) => {
  const acct = await factory.account();
  const key = await factory.apiKey(acct.id, ["Owner"]);
  const res = await request.post("/platform_api/GetAccountInfo", { headers: { host: HOST, authorization: `Bearer ${await key.token()}`, ...FORGED } });
  const body = (await res.json()) as { result?: { account_id: number }; api_address?: string };
  expect(body.result?.account_id).toBe(acct.id);
  expect(body.api_address).toBe(`${ORIGIN}/platform_api`);
  const doc = (await (await request.get("/platform_api/openapi.json", { headers: { host: HOST, ...FORGED } })).json()) as { servers: { url: string }[] };
  expect(doc.servers).toEqual([{ url: ORIGIN }]);
});

test("the subuser login link names the request's host", async ({ apiAs, factory }) => {
  const api = await apiAs(OWNER);
  const demo = await factory.demoAccount();
  const html = await (await api.get("/settings/subusers", { headers: { host: HOST, ...FORGED } })).text();
  expect(html).toContain(`${ORIGIN}/login/subuser/${demo.id}`);
  expect(html).not.toContain("0.0.0.0");
  expect(html).not.toContain("evil.example");
});
