// Threat: a secret in a client-visible payload. /api/auth/session is readable by any script on
// the page and by anything that can replay the cookie; it used to answer the session row's id
// (docs/SECURITY.md "What shared chrome may show": no session id in any client payload). It
// answers only the cookie's expiry now; the server reads the row's id from the cookie itself (getActor).
import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { createTestAccount } from "@/test/factories";
import { createSession } from "./sessions";
import { handlers } from "./config";

const COOKIE = "authjs.session-token";

async function cookieFor(sid: string): Promise<string> {
  const jwt = await encode({ token: { sid }, secret: process.env.AUTH_SECRET!, salt: COOKIE, maxAge: 3600 });
  return `${COOKIE}=${jwt}`;
}

describe("/api/auth/session", () => {
  it("answers a live session with its expiry only: no session id, no user, no token claims", async () => {
    const acct = await createTestAccount();
    const s = await createSession(db, { accountId: acct.id, subuserId: null, credVersion: 1, ip: "127.0.0.1", userAgent: "vitest" }, systemClock);
    const res = await handlers.GET(new NextRequest("http://0.0.0.0:3000/api/auth/session", { headers: { host: "localhost:3000", cookie: await cookieFor(s.id) } }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(s.id);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["expires"]);
    expect(typeof body.expires).toBe("string");
  });

  it("answers null without a live session (a revoked row ends it)", async () => {
    const acct = await createTestAccount();
    const s = await createSession(db, { accountId: acct.id, subuserId: null, credVersion: 1, ip: "127.0.0.1", userAgent: "vitest" }, systemClock);
    await db.session.update({ where: { id: s.id }, data: { revokedAt: new Date() } });
    const res = await handlers.GET(new NextRequest("http://0.0.0.0:3000/api/auth/session", { headers: { host: "localhost:3000", cookie: await cookieFor(s.id) } }));
    expect(await res.json()).toBeNull();
    const none = await handlers.GET(new NextRequest("http://0.0.0.0:3000/api/auth/session", { headers: { host: "localhost:3000" } }));
    expect(await none.json()).toBeNull();
  });
});
