// Threat: clickjacking, referrer leaks and shared caches keeping authenticated pages (docs/SECURITY.md
// "Headers and caching"): every page carries the CSP with frame-ancestors 'none' and
// Referrer-Policy same-origin; authenticated responses must never be stored by a cache.
import { test, expect } from "./fixtures";
import { OWNER } from "./fixtures/matrix";

const PUBLIC_PAGES = ["/login", "/signup"];
const PANEL_PAGES = ["/dashboard", "/settings/subusers", "/applications", "/profile"];

function expectSecurityHeaders(headers: Record<string, string>, url: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${url} CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${url} CSP`).toContain("default-src 'self'");
  expect(csp, `${url} CSP`).toContain("object-src 'none'");
  expect(headers["referrer-policy"], `${url} Referrer-Policy`).toBe("same-origin");
  expect(headers["x-content-type-options"], `${url} X-Content-Type-Options`).toBe("nosniff");
  expect(headers["x-powered-by"], `${url} X-Powered-By`).toBeUndefined();
}

test("public pages carry the security headers", async ({ request }) => {
  for (const url of PUBLIC_PAGES) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    expectSecurityHeaders(res.headers(), url);
  }
});

test("authenticated pages carry the security headers and are never stored", async ({ apiAs }) => {
  const api = await apiAs(OWNER);
  for (const url of PANEL_PAGES) {
    const res = await api.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    expectSecurityHeaders(res.headers(), url);
    expect(res.headers()["cache-control"] ?? "", `${url} Cache-Control`).toContain("no-store");
  }
});

test("a 403 page carries them too and is never stored", async ({ apiAs }) => {
  const api = await apiAs("Payer");
  const res = await api.get("/settings/subusers", { maxRedirects: 0 });
  expect(res.status()).toBe(403);
  expectSecurityHeaders(res.headers(), "403 /settings/subusers");
  expect(res.headers()["cache-control"] ?? "").toContain("no-store");
});
