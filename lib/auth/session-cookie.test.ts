// The session id inside a request's session cookie, read even when the session has ended, so the
// login page an ended session is sent to is its holder's (lib/auth/actor.ts loginAfterSessionEnd).
// Only a cookie sealed with this server's secret under Auth.js's cookie name counts.
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionIdInCookie } from "./config";

const secret = process.env.AUTH_SECRET!;
const sealed = (sid: string, salt: string, key = secret) => encode({ token: { sid }, secret: key, salt, maxAge: 3600 });
const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];

describe("sessionIdInCookie", () => {
  it("reads the session id under either of Auth.js's cookie names", async () => {
    expect(await sessionIdInCookie(jar({ "authjs.session-token": await sealed("plain", "authjs.session-token") }))).toBe("plain");
    expect(await sessionIdInCookie(jar({ "__Secure-authjs.session-token": await sealed("secure", "__Secure-authjs.session-token") }))).toBe("secure");
  });

  it("answers '' without a cookie, for another secret's, another cookie name's or a garbled one", async () => {
    expect(await sessionIdInCookie(jar({}))).toBe("");
    expect(await sessionIdInCookie(jar({ "authjs.session-token": await sealed("x", "authjs.session-token", `${secret}-other`) }))).toBe("");
    expect(await sessionIdInCookie(jar({ "authjs.session-token": await sealed("x", "__Secure-authjs.session-token") }))).toBe("");
    expect(await sessionIdInCookie(jar({ "authjs.session-token": "not-a-token" }))).toBe("");
  });
});
