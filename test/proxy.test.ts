// Threat: script injection (XSS) running because the CSP allowed 'unsafe-inline' scripts (issue 7
// part 4). proxy.ts gives every page a policy with a fresh nonce, Next's documented pattern: the
// nonce travels to Next in the request's CSP header and is on every script Next renders; the
// proxy still decides nothing but "no session cookie -> /login".
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";

const COOKIE = { cookie: "authjs.session-token=x" };
const req = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers });
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";

describe("proxy.ts", () => {
  it("gives every page a script nonce and no 'unsafe-inline' for scripts, fresh per request", () => {
    const seen = new Set<string>();
    for (const [path, headers] of [["/login", {}], ["/signup", {}], ["/login/subuser/7", {}], ["/logout", {}], ["/", COOKIE], ["/dashboard", COOKIE], ["/settings/subusers", COOKIE]] as const) {
      const res = proxy(req(path, headers));
      expect(res.headers.get("location"), path).toBeNull();
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(scriptSrc(csp), path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
      expect(scriptSrc(csp), path).not.toContain("unsafe-inline");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      const nonce = nonceOf(csp)!;
      expect(seen.has(nonce), path).toBe(false);
      seen.add(nonce);
      // Next reads the nonce from the request's CSP header: the proxy hands it on, overwriting
      // whatever the client sent.
      expect(res.headers.get("x-middleware-request-content-security-policy"), path).toBe(csp);
      expect(res.headers.get("x-middleware-request-x-nonce"), path).toBe(nonce);
    }
    const forged = proxy(req("/login", { "content-security-policy": "script-src 'nonce-attacker'", "x-nonce": "attacker" }));
    expect(forged.headers.get("x-middleware-request-x-nonce")).not.toBe("attacker");
    expect(forged.headers.get("x-middleware-request-content-security-policy")).not.toContain("attacker");
  });

  it("still only sends cookieless requests for panel pages to /login, '/' included", () => {
    for (const path of ["/", "/dashboard", "/settings/subusers", "/loginx", "/signup/extra"]) {
      const res = proxy(req(path));
      expect(new URL(res.headers.get("location") ?? "", "http://localhost:3000").pathname, path).toBe("/login");
    }
  });

  it("runs on every page path, not on Auth.js, the Management API, the health checks or assets", () => {
    const matcher = new RegExp(`^${config.matcher[0]!}$`);
    for (const p of ["/", "/login", "/signup", "/logout", "/login/subuser/1", "/dashboard", "/applications/3/users"]) expect(matcher.test(p), p).toBe(true);
    for (const p of ["/api/auth/session", "/platform_api", "/platform_api/GetRoles", "/healthz", "/readyz", "/_next/static/chunks/a.js", "/favicon.svg", "/logo.svg"]) {
      expect(matcher.test(p), p).toBe(false);
    }
    // The verification documents' routes are left out so an oversize upload is refused before
    // Next buffers it; Billing's page and its other routes are not.
    for (const p of ["/billing/verification/documents", "/billing/verification/documents/12"]) expect(matcher.test(p), p).toBe(false);
    for (const p of ["/billing", "/billing/transactions/export", "/billing/receipts/3", "/billing/verification", "/billing/verification/documentsx"]) expect(matcher.test(p), p).toBe(true);
  });
});
