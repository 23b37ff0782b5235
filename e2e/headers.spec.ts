// Threat: clickjacking, referrer leaks and shared caches keeping authenticated pages (docs/SECURITY.md
// "Headers and caching"): every page carries the CSP with frame-ancestors 'none' and
// Referrer-Policy same-origin; authenticated responses must never be stored by a cache.
// Threat (issue 7 part 4): injected scripts running because the CSP allowed 'unsafe-inline'
// scripts, "/" served with s-maxage=31536000 to shared caches, and /api/auth/session handing the
// session row's id to any script on the page.
import { test, expect } from "./fixtures";
import { OWNER } from "./fixtures/matrix";
import { uniq } from "./fixtures/db";

const PUBLIC_PAGES = ["/login", "/signup"];
const PANEL_PAGES = ["/dashboard", "/settings/subusers", "/applications", "/profile"];

function expectSecurityHeaders(headers: Record<string, string>, url: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${url} CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${url} CSP`).toContain("default-src 'self'");
  expect(csp, `${url} CSP`).toContain("object-src 'none'");
  expect(scriptSrc(csp), `${url} CSP script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc(csp), `${url} CSP script-src`).not.toContain("'unsafe-inline'");
  expect(headers["referrer-policy"], `${url} Referrer-Policy`).toBe("same-origin");
  expect(headers["x-content-type-options"], `${url} X-Content-Type-Options`).toBe("nosniff");
  expect(headers["x-powered-by"], `${url} X-Powered-By`).toBeUndefined();
}

function scriptSrc(csp: string): string {
  return csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
}

/** Every <script> of a page carries the response's nonce, so the page runs under the CSP. */
function expectScriptsNonced(html: string, headers: Record<string, string>, url: string) {
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `${url} has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${url} ${tag.slice(0, 80)}`).toContain(`nonce="${nonce}"`);
}

test("public pages carry the security headers", async ({ request }) => {
  for (const url of PUBLIC_PAGES) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    expectSecurityHeaders(res.headers(), url);
    expectScriptsNonced(await res.text(), res.headers(), url);
  }
});

test("each response gets its own nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const csp = (await request.get("/login")).headers()["content-security-policy"] ?? "";
    nonces.add(/'nonce-([^']+)'/.exec(csp)?.[1] ?? "");
  }
  expect(nonces.size).toBe(3);
});

test("pages run under the nonce CSP: no violation while logging in and opening a page", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/login");
  await page.getByLabel("Email or account name").fill(uniq("nobody-"));
  await page.getByLabel("Password").fill("Wrong-Passw0rd!");
  await page.getByRole("button", { name: "Log in" }).click();
  // The form's answer shows only if the page's scripts ran (hydration, the server action).
  await expect(page.locator("[data-form-error]")).not.toBeEmpty();
  expect(violations).toEqual([]);
});

test("/ is never stored by shared caches: no s-maxage, private and no-store, with or without a session", async ({ request, apiAs }) => {
  const anonymous = await request.get("/", { maxRedirects: 0 });
  expect(anonymous.status()).toBeGreaterThanOrEqual(300);
  expect(anonymous.headers()["cache-control"] ?? "").not.toContain("s-maxage");
  const api = await apiAs(OWNER);
  const res = await api.get("/", { maxRedirects: 0 });
  const cc = res.headers()["cache-control"] ?? "";
  expect(cc, "/ Cache-Control").not.toContain("s-maxage");
  expect(cc, "/ Cache-Control").toContain("private");
  expect(cc, "/ Cache-Control").toContain("no-store");
});

test("/api/auth/session carries nothing secret and is never stored", async ({ apiAs, factory }) => {
  const api = await apiAs(OWNER);
  const res = await api.get("/api/auth/session");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"] ?? "").toContain("no-store");
  const text = await res.text();
  expect(Object.keys(JSON.parse(text) as object)).toEqual(["expires"]);
  const demo = await factory.demoAccount();
  for (const s of await factory.sessions({ accountId: demo.id, subuserId: null })) expect(text).not.toContain(s.id);
});

test("authenticated pages carry the security headers and are never stored", async ({ apiAs }) => {
  const api = await apiAs(OWNER);
  for (const url of PANEL_PAGES) {
    const res = await api.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    expectSecurityHeaders(res.headers(), url);
    expectScriptsNonced(await res.text(), res.headers(), url);
    expect(res.headers()["cache-control"] ?? "", `${url} Cache-Control`).toContain("no-store");
    expect(res.headers()["cache-control"] ?? "", `${url} Cache-Control`).toContain("private");
    expect(res.headers()["cache-control"] ?? "", `${url} Cache-Control`).not.toContain("s-maxage");
  }
});

test("a 403 page carries them too and is never stored", async ({ apiAs }) => {
  const api = await apiAs("Payer");
  const res = await api.get("/settings/subusers", { maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expectSecurityHeaders(res.headers(), "403 /settings/subusers");
  expect(res.headers()["cache-control"] ?? "").toContain("no-store");
});

test("the Management API answers with the headers /healthz gets, from the server's own API path", async ({ request }) => {
  const api = await request.post("/platform_api/GetRoles");
  expect(await api.json()).toMatchObject({ error: { code: 100 } });
  const health = await request.get("/healthz");
  for (const name of ["content-security-policy", "referrer-policy", "x-content-type-options", "x-frame-options", "permissions-policy"]) {
    expect(api.headers()[name], name).toBe(health.headers()[name]);
  }
  expect(api.headers()["x-powered-by"]).toBeUndefined();
  expect(api.headers()["cache-control"]).toBe("private, no-store");
  // scripts/server.mjs served it with this build's bundle (scripts/api-fast-path.mjs); Next's route
  // handler would add its Vary. Without the bundle (`next build` alone), `npm run build` makes it.
  expect(api.headers()["vary"], "served by Next's route handler: no .next/platform-api bundle of this build").toBeUndefined();
});
