// Threat: links and addresses built from the listener's bind address (http://0.0.0.0:3000) or from
// a client's own X-Forwarded-Host (host-header injection into printed links and redirects). The
// panel's public base URL is PUBLIC_URL, else the request's Host over HTTP, and X-Forwarded-*
// only as far as TRUST_PROXY_HOPS trusted proxies vouch (docs/SECURITY.md, README "Configuration").
import { afterEach, describe, expect, it } from "vitest";
import { publicOrigin } from "./request-info";
import { isValidHost, requestOrigin, trustedEntry } from "./forwarded.mjs";
import { subuserLoginUrl } from "@/lib/routes";

const saved = { PUBLIC_URL: process.env.PUBLIC_URL, TRUST_PROXY_HOPS: process.env.TRUST_PROXY_HOPS };
function setEnv(vars: { PUBLIC_URL?: string; TRUST_PROXY_HOPS?: string }) {
  for (const [k, v] of Object.entries({ PUBLIC_URL: undefined, TRUST_PROXY_HOPS: undefined, ...vars })) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
afterEach(() => setEnv(saved));

const h = (headers: Record<string, string>) => new Headers(headers);

describe("publicOrigin: the one source of the panel's absolute addresses", () => {
  it("is the request's Host over HTTP by default, whatever X-Forwarded-* a client sends", () => {
    setEnv({});
    expect(publicOrigin(h({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(publicOrigin(h({ host: "panel.example.com" }))).toBe("http://panel.example.com");
    expect(publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }))).toBe("http://10.0.0.5:3000");
    expect(publicOrigin(h({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
    expect(subuserLoginUrl(42, publicOrigin(h({ host: "localhost:3000" })))).toBe("http://localhost:3000/login/subuser/42");
  });

  it("takes X-Forwarded-Host and -Proto behind TRUST_PROXY_HOPS trusted proxies, the entry they vouch for", () => {
    setEnv({ TRUST_PROXY_HOPS: "1" });
    expect(publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" }))).toBe("https://sb.example.org");
    expect(subuserLoginUrl(7, publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "sb.example.org", "x-forwarded-proto": "https" })))).toBe(
      "https://sb.example.org/login/subuser/7",
    );
    // A client-sent entry sits left of the one our proxy appended.
    expect(publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, sb.example.org", "x-forwarded-proto": "http, https" }))).toBe(
      "https://sb.example.org",
    );
    // No forwarding headers: the Host the proxy passed on.
    expect(publicOrigin(h({ host: "sb.example.org" }))).toBe("http://sb.example.org");
    setEnv({ TRUST_PROXY_HOPS: "2" });
    expect(publicOrigin(h({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, sb.example.org, inner.local", "x-forwarded-proto": "https, http" }))).toBe(
      "https://sb.example.org",
    );
  });

  it("is PUBLIC_URL whenever it is set", () => {
    setEnv({ PUBLIC_URL: "https://panel.example.com/", TRUST_PROXY_HOPS: "1" });
    expect(publicOrigin(h({ host: "0.0.0.0:3000", "x-forwarded-host": "other.example" }))).toBe("https://panel.example.com");
  });

  it("never pastes a malformed host into a URL", () => {
    setEnv({});
    for (const host of ["evil.example/path", "a b", "user@evil.example", "", "evil.example:99999999", "http://x"]) {
      expect(publicOrigin(h({ host })), host).toBe("http://localhost");
    }
    setEnv({ TRUST_PROXY_HOPS: "1" });
    expect(publicOrigin(h({ host: "ok.example", "x-forwarded-host": "evil.example/x?y", "x-forwarded-proto": "javascript" }))).toBe("http://localhost");
    expect(publicOrigin(h({ host: "ok.example", "x-forwarded-proto": "javascript" }))).toBe("http://ok.example");
  });
});

describe("forwarded.mjs (shared with scripts/server.mjs)", () => {
  it("picks the entry n hops from the right, or the only one", () => {
    expect(trustedEntry("a, b, c", 1)).toBe("c");
    expect(trustedEntry("a, b, c", 2)).toBe("b");
    expect(trustedEntry("c", 3)).toBe("c");
    expect(trustedEntry("", 1)).toBeUndefined();
    expect(trustedEntry(null, 1)).toBeUndefined();
  });

  it("accepts DNS names, IPv4 and bracketed IPv6, with ports; nothing else", () => {
    for (const ok of ["localhost", "localhost:3000", "127.0.0.1:3120", "panel.example.com", "my_service:8080", "[::1]", "[2001:db8::1]:443"]) {
      expect(isValidHost(ok), ok).toBe(true);
    }
    for (const bad of ["", "a/b", "a b", "a@b", "[::1", "::1", "x:", "x:abc"]) expect(isValidHost(bad), bad).toBe(false);
    expect(requestOrigin((n) => (n === "host" ? "Panel.Example.COM" : null), 0)).toEqual({ proto: "http", host: "panel.example.com" });
  });
});
