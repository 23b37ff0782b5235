// Threats (docs/SECURITY.md "API tokens", issue 7 part 4): unauthenticated requests (a valid-looking
// token naming a real kid, a bad signature) each wrote an audit row without limit, cost a key
// lookup and an RSA check each, and answered known and unknown kids differently, so anyone could
// flood an account's log, burn CPU and enumerate key ids. Now: failed authentications are limited
// per client address before any lookup (340), valid traffic never spends that allowance, a key's
// repeated failures are one audit row per minute with a count, and every kid gets one answer.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { insertKey, tokenFor, type TestKey } from "@/test/api-kit";
import { handleApiRequest, type HandleOptions } from "./handle";
import { AuthFailureLimiter, RateLimiter } from "./rate-limit";

type Body = { result?: unknown; error?: { code: number; msg: string } };

const FOREIGN_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

function requestFrom(ip: string, token: string | null, method = "GetAccountInfo") {
  return new Request(`http://localhost/platform_api/${method}`, {
    method: "POST",
    headers: { "x-switchboard-client-ip": ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

async function call(ip: string, token: string | null, opts: HandleOptions, method = "GetAccountInfo"): Promise<Body> {
  return (await (await handleApiRequest(requestFrom(ip, token, method), method, opts)).json()) as Body;
}

function setup(max = 3, windowSeconds = 60) {
  let now = Date.now();
  const opts: HandleOptions = {
    clock: () => new Date(now),
    authFailures: new AuthFailureLimiter(() => ({ max, windowSeconds })),
    limiter: new RateLimiter(() => 1_000_000),
  };
  return { opts, advance: (ms: number) => (now += ms) };
}

const forged = (key: TestKey) => tokenFor({ ...key, privateKey: FOREIGN_KEY });

describe("failed API authentications", () => {
  it("are limited per client address: after a burst, 340 before any key lookup, even for a valid token", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const { opts, advance } = setup(3, 60);
    for (let i = 0; i < 3; i++) expect((await call("203.0.113.9", await forged(key), opts)).error?.code).toBe(100);
    const auditsBefore = await db.auditLog.count({ where: { accountId: acct.id } });
    // Blocked: whatever it sends, answered before the key is even looked up, and nothing is written.
    expect(await call("203.0.113.9", await forged(key), opts)).toEqual({ error: { code: 340, msg: "Too many failed authentications from this address: try again later" } });
    expect((await call("203.0.113.9", await tokenFor(key), opts)).error?.code).toBe(340);
    expect((await call("203.0.113.9", null, opts)).error?.code).toBe(340);
    expect(await db.auditLog.count({ where: { accountId: acct.id } })).toBe(auditsBefore);
    // Another address is not affected.
    expect((await call("203.0.113.10", await tokenFor(key), opts)).error).toBeUndefined();
    // The allowance refills: one more attempt after a third of the window.
    advance(20_000);
    expect((await call("203.0.113.9", await tokenFor(key), opts)).error).toBeUndefined();
    expect((await call("203.0.113.9", await forged(key), opts)).error?.code).toBe(100);
    expect((await call("203.0.113.9", await tokenFor(key), opts)).error?.code).toBe(340);
  });

  it("count every kind of failure: no token, malformed, unknown kid, bad signature", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const { opts } = setup(4, 60);
    expect((await call("198.51.100.1", null, opts)).error?.code).toBe(100);
    expect((await call("198.51.100.1", "not-a-jwt", opts)).error?.code).toBe(447);
    expect((await call("198.51.100.1", await tokenFor({ ...key, id: randomUUID() }), opts)).error?.code).toBe(100);
    expect((await call("198.51.100.1", await forged(key), opts)).error?.code).toBe(100);
    expect((await call("198.51.100.1", await tokenFor(key), opts)).error?.code).toBe(340);
  });

  it("never slow valid traffic: authenticated calls spend none of the address's allowance", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const { opts } = setup(2, 3600);
    for (let i = 0; i < 30; i++) expect((await call("192.0.2.7", await tokenFor(key), opts, "GetRoles")).error, `call ${i}`).toBeUndefined();
    // One failure among them leaves the address still in good standing.
    expect((await call("192.0.2.7", await forged(key), opts)).error?.code).toBe(100);
    for (let i = 0; i < 10; i++) expect((await call("192.0.2.7", await tokenFor(key), opts, "GetRoles")).error).toBeUndefined();
  });

  it("answer known and unknown kids alike: same code, same message", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const { opts } = setup(1000, 60);
    const unknownKid = await call("192.0.2.8", await tokenFor({ ...key, id: randomUUID() }), opts);
    const knownKidBadSignature = await call("192.0.2.8", await forged(key), opts);
    expect(unknownKid).toEqual({ error: { code: 100, msg: "Authorization failed" } });
    expect(knownKidBadSignature).toEqual(unknownKid);
    // Other refusals of a known key answer the same too; the reason stays in the audit log.
    const stranger = await createTestAccount();
    expect(await call("192.0.2.8", await tokenFor(key, { iss: stranger.id }), opts)).toEqual(unknownKid);
    await db.account.update({ where: { id: acct.id }, data: { active: false } });
    expect(await call("192.0.2.8", await tokenFor(key), opts)).toEqual(unknownKid);
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id, action: "api.auth_failed" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => JSON.parse(r.detail).msg as string)).toContain("Authorization failed: invalid signature");
  });

  it("are audited once per key per minute, with a count", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const other = await insertKey(acct.id, ["Admin"]);
    const { opts, advance } = setup(1000, 60);
    for (let i = 0; i < 5; i++) {
      await call("192.0.2.9", await forged(key), opts);
      advance(5_000);
    }
    await call("192.0.2.9", await forged(other), opts);
    const rows = async () =>
      (await db.auditLog.findMany({ where: { accountId: acct.id, action: "api.auth_failed" }, orderBy: { id: "asc" } })).map((r) => ({
        key: r.actorId,
        count: (JSON.parse(r.detail) as { count: number }).count,
        outcome: r.outcome,
      }));
    expect(await rows()).toEqual([
      { key: key.id, count: 5, outcome: "denied" },
      { key: other.id, count: 1, outcome: "denied" },
    ]);
    // A minute after the row, the next failure starts a new one.
    advance(60_000);
    await call("192.0.2.9", await forged(key), opts);
    expect(await rows()).toEqual([
      { key: key.id, count: 5, outcome: "denied" },
      { key: other.id, count: 1, outcome: "denied" },
      { key: key.id, count: 1, outcome: "denied" },
    ]);
    // Concurrent failures still make one row between them.
    advance(120_000);
    await Promise.all(Array.from({ length: 8 }, async () => call("192.0.2.9", await forged(other), opts)));
    const last = (await rows()).at(-1);
    expect(last).toEqual({ key: other.id, count: 8, outcome: "denied" });
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "api.auth_failed" } })).toBe(4);
  });

  it("are audited once per key, error code and minute: a lifetime refused does not hide a forged token after it", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    const { opts, advance } = setup(1000, 60);
    const now = () => Math.floor(opts.clock!().getTime() / 1000);
    const tooLong = async () => tokenFor(key, { iat: now(), exp: now() + 7200 });
    for (const token of [tooLong, () => forged(key), tooLong, () => tokenFor(key, { iss: 999 }), () => forged(key)]) {
      expect((await call("192.0.2.10", await token(), opts)).error?.code).toBeGreaterThan(0);
      advance(1_000);
    }
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id, action: "api.auth_failed" }, orderBy: { id: "asc" } });
    const details = rows.map((r) => JSON.parse(r.detail) as { code: number; count: number });
    expect(details.map((d) => [d.code, d.count])).toEqual([
      [454, 2],
      [100, 3],
    ]);
  });
});
