// getActor: the panel's actor from the request's session cookie. It reads the JWT with Auth.js's
// decode rather than auth() (no fresh token encrypted per request; issue 11), so this pins what
// auth() gave: only a token this server sealed, under Auth.js's cookie name, not past its expiry,
// naming a live session row; a revoked row or an inactive principal ends it on the next request.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { createTestAccount } from "@/test/factories";
import { createSession } from "./sessions";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }) }));

const { getActor } = await import("./actor");

const secret = process.env.AUTH_SECRET!;
const COOKIE = "authjs.session-token";
const seal = (sid: string, { salt = COOKIE, key = secret, maxAge = 3600 } = {}) => encode({ token: { sid }, secret: key, salt, maxAge });

async function liveSession(subuser = false) {
  const acct = await createTestAccount();
  const sub = subuser ? await db.subuser.create({ data: { accountId: acct.id, name: "worker", passwordHash: "x", roles: { create: [{ role: "Developer" }] } } }) : null;
  const s = await createSession(db, { accountId: acct.id, subuserId: sub?.id ?? null, credVersion: 1, ip: "127.0.0.1", userAgent: "vitest" }, systemClock);
  return { acct, sub, sid: s.id };
}

describe("getActor", () => {
  beforeEach(() => jar.clear());

  it("is the session row's principal for a cookie this server sealed, under either cookie name", async () => {
    const { acct, sid } = await liveSession();
    jar.set(COOKIE, await seal(sid));
    expect(await getActor()).toMatchObject({ kind: "owner", accountId: acct.id, sessionId: sid });
    jar.clear();
    jar.set(`__Secure-${COOKIE}`, await seal(sid, { salt: `__Secure-${COOKIE}` }));
    expect(await getActor()).toMatchObject({ kind: "owner", accountId: acct.id, sessionId: sid });
  });

  it("is null without a cookie, for another secret's, another cookie name's, a garbled or an expired token", async () => {
    const { sid } = await liveSession();
    expect(await getActor()).toBeNull();
    for (const token of [await seal(sid, { key: `${secret}-other` }), await seal(sid, { salt: `__Secure-${COOKIE}` }), "not-a-token", await seal(sid, { maxAge: -60 })]) {
      jar.set(COOKIE, token);
      expect(await getActor()).toBeNull();
    }
  });

  it("is null once the row is revoked or past its 8 hours, or its subuser deactivated, with the same cookie", async () => {
    const revoked = await liveSession();
    jar.set(COOKIE, await seal(revoked.sid));
    expect(await getActor()).not.toBeNull();
    await db.session.update({ where: { id: revoked.sid }, data: { revokedAt: new Date() } });
    expect(await getActor()).toBeNull();

    const expired = await liveSession();
    jar.set(COOKIE, await seal(expired.sid));
    expect(await getActor()).not.toBeNull();
    await db.session.update({ where: { id: expired.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getActor()).toBeNull();

    const sub = await liveSession(true);
    jar.set(COOKIE, await seal(sub.sid));
    expect(await getActor()).toMatchObject({ kind: "subuser", subuserId: sub.sub!.id });
    await db.subuser.update({ where: { id: sub.sub!.id }, data: { active: false } });
    expect(await getActor()).toBeNull();
  });
});
