// Threat: Auth.js's redirects built from the URL Next gives route handlers, which names the
// listener's bind address (http://0.0.0.0:3000) whatever the request's Host, or from a client's
// own X-Forwarded-Host (issue 7 part 3). Every Auth.js redirect names the panel's public base URL:
// PUBLIC_URL when set, else the request's Host (lib/core/request-info.ts publicOrigin).
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { handlers } from "./config";

const saved = process.env.TRUST_PROXY_HOPS;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUST_PROXY_HOPS;
  else process.env.TRUST_PROXY_HOPS = saved;
});

const get = (path: string, headers: Record<string, string>) => handlers.GET(new NextRequest(`http://0.0.0.0:3000${path}`, { headers }));
const post = (path: string, headers: Record<string, string>, body: string) =>
  handlers.POST(new NextRequest(`http://0.0.0.0:3000${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body }));

/** The login page's callbackUrl in a redirect to /login (Auth.js makes that one relative). */
function callbackOf(res: Response): string | null {
  const location = new URL(res.headers.get("location") ?? "", "http://relative.invalid");
  expect(location.pathname).toBe("/login");
  return location.searchParams.get("callbackUrl");
}

describe("Auth.js redirects", () => {
  it("name the request's host, never the bind address nor an untrusted X-Forwarded-Host", async () => {
    // The sign-in page: our /login, with a callback URL back to the same host.
    const signin = await get("/api/auth/signin", { host: "panel.example.com:8443", "x-forwarded-host": "evil.example" });
    expect(signin.status).toBe(302);
    expect(callbackOf(signin)).toBe("http://panel.example.com:8443");
    // A login POST without its CSRF cookie is sent back to the login page, on the same host.
    const failed = await post("/api/auth/callback/owner", { host: "panel.example.com:8443" }, "login=demo&password=x&csrfToken=forged");
    expect(failed.status).toBe(302);
    expect(failed.headers.get("location")).toMatch(/^http:\/\/panel\.example\.com:8443\/login\?/);
  });

  it("follow the trusted proxy's X-Forwarded-Host and -Proto behind TRUST_PROXY_HOPS", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const signin = await get("/api/auth/signin", { host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" });
    expect(callbackOf(signin)).toBe("https://sb.example.org");
    const failed = await post("/api/auth/callback/owner", { host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" }, "login=demo&password=x");
    expect(failed.headers.get("location")).toMatch(/^https:\/\/sb\.example\.org\/login\?/);
  });
});
