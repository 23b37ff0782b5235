// Threats: (1) a client forging X-Forwarded-For to dodge the per-IP login limiter and to write a
// false address into sessions and the audit log; (2) API clients that do not follow a redirect on
// POST (OkHttp) breaking on /platform_api/<Method>/. Both live in the real server, not in code a
// unit test reaches: scripts/server.mjs and next.config.ts.
import { test, expect } from "./fixtures";

test("the session and audit log record the socket's address, not a forged X-Forwarded-For", async ({ playwright, factory }) => {
  const sub = await factory.subuser({ roles: ["Developer"] });
  const ctx = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66", "x-switchboard-client-ip": "203.0.113.77" },
  });
  const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/subuser", {
    form: { csrfToken: csrf.csrfToken, accountId: String(sub.accountId), name: sub.name, password: sub.password },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const [session] = await factory.sessions({ accountId: sub.accountId, subuserId: sub.id });
  expect(session?.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  await ctx.dispose();
});

test("API paths with a trailing slash are served, not redirected", async ({ request }) => {
  for (const path of ["/platform_api/GetRoles/", "/platform_api/"]) {
    const res = await request.post(path, { form: { cmd: "GetRoles" }, maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    const body = (await res.json()) as { error?: { code: number } };
    // No token: an authorization error in the contract's envelope, not a redirect.
    expect(body.error?.code, path).toBeGreaterThan(0);
  }
});
