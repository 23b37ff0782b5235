// Threat: online password guessing (ASVS 6.3.1). Keycloak-style counters per (account, name) and
// per IP; the tests move an injected clock instead of sleeping.
import { describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH } from "@/test/factories";
import { loginOwner, loginSubuser } from "./login";
import { beginAttempt, ipKey, isLocked, loginKey, THROTTLE } from "./throttle";

const MIN = 60_000;
const WRONG = "Wrong-Passw0rd!";

function testClock(start = Date.parse("2030-06-01T12:00:00Z")) {
  let now = start;
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

async function subuserSetup() {
  const acct = await createTestAccount();
  await db.subuser.create({ data: { accountId: acct.id, name: "guessme", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
  const t = testClock();
  // A new IP per attempt keeps the per-IP limiter out of the per-name tests.
  const attempt = (password: string, name = "guessme") => loginSubuser(db, { accountId: acct.id, name, password }, { ip: freshIp(), userAgent: "vitest", clock: t.clock });
  const lockedUntil = async () => Number((await db.loginThrottle.findUnique({ where: { key: loginKey(acct.id, "guessme") } }))?.lockedUntil ?? 0);
  return { acct, t, attempt, lockedUntil };
}

describe("per-name lockout", () => {
  it(`locks after ${THROTTLE.failureFactor} failures, refusing even the right password, then lets it in`, async () => {
    const { t, attempt, lockedUntil } = await subuserSetup();
    for (let i = 1; i < THROTTLE.failureFactor; i++) expect(await attempt(WRONG)).toEqual({ ok: false });
    expect(await lockedUntil()).toBe(0);
    expect(await attempt(WRONG)).toEqual({ ok: false });
    expect(await lockedUntil()).toBe(t.now + 1 * MIN);
    // Locked: the right password fails too, and changes nothing.
    expect(await attempt(TEST_PASSWORD)).toEqual({ ok: false });
    t.advance(MIN - 1);
    expect(await attempt(TEST_PASSWORD)).toEqual({ ok: false });
    expect(await lockedUntil()).toBe(t.now + 1);
    t.advance(1);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("is per account and name, case-insensitively; other names and accounts are not affected", async () => {
    const { acct, t, attempt } = await subuserSetup();
    for (let i = 0; i < THROTTLE.failureFactor; i++) await attempt(WRONG, i % 2 ? "GuessMe" : " guessme ");
    expect(await attempt(TEST_PASSWORD, "GUESSME")).toEqual({ ok: false });
    await db.subuser.create({ data: { accountId: acct.id, name: "neighbour", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    expect(await attempt(TEST_PASSWORD, "neighbour")).toMatchObject({ ok: true });
    expect(await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: "", clock: t.clock })).toMatchObject({ ok: true });
  });

  it("waits grow by one increment per further failure, capped at 15 minutes; never permanent", async () => {
    const { t, attempt, lockedUntil } = await subuserSetup();
    for (let i = 1; i < THROTTLE.failureFactor; i++) await attempt(WRONG);
    const waits: number[] = [];
    for (let i = 0; i < 18; i++) {
      await attempt(WRONG);
      const wait = (await lockedUntil()) - t.now;
      waits.push(wait / MIN);
      t.advance(wait);
    }
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 15, 15]);
    expect(THROTTLE.maxWaitMs).toBe(15 * MIN);
    // After the longest wait, the right password works.
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("the counter resets after 12 hours without failures", async () => {
    const { acct, t, attempt, lockedUntil } = await subuserSetup();
    for (let i = 0; i < THROTTLE.failureFactor; i++) await attempt(WRONG);
    expect(await lockedUntil()).toBeGreaterThan(t.now);
    t.advance(12 * 60 * MIN + 1);
    await attempt(WRONG);
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: loginKey(acct.id, "guessme") } });
    expect(row.failures).toBe(1);
    expect(Number(row.lockedUntil)).toBeLessThan(t.now);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("does not reset within 12 hours", async () => {
    const { acct, t, attempt } = await subuserSetup();
    for (let i = 0; i < THROTTLE.failureFactor - 1; i++) await attempt(WRONG);
    t.advance(12 * 60 * MIN - 1);
    await attempt(WRONG);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: loginKey(acct.id, "guessme") } })).failures).toBe(THROTTLE.failureFactor);
    expect(await attempt(TEST_PASSWORD)).toEqual({ ok: false });
  });

  it("a success resets the counter", async () => {
    const { acct, attempt, lockedUntil } = await subuserSetup();
    for (let i = 0; i < THROTTLE.failureFactor - 1; i++) await attempt(WRONG);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(await db.loginThrottle.findUnique({ where: { key: loginKey(acct.id, "guessme") } })).toBeNull();
    for (let i = 0; i < THROTTLE.failureFactor - 1; i++) await attempt(WRONG);
    expect(await lockedUntil()).toBe(0);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("locks the owner login by name and email alike, and unknown names too", async () => {
    const acct = await createTestAccount();
    const t = testClock();
    const owner = (login: string, password: string) => loginOwner(db, { login, password }, { ip: freshIp(), userAgent: "", clock: t.clock });
    for (let i = 0; i < THROTTLE.failureFactor; i++) await owner(i % 2 ? acct.name : `${acct.name}@test.local`, WRONG);
    expect(await owner(acct.name, TEST_PASSWORD)).toEqual({ ok: false });
    expect(await owner(`${acct.name}@test.local`, TEST_PASSWORD)).toEqual({ ok: false });
    const ghost = `ghost-${acct.id}`;
    for (let i = 0; i < THROTTLE.failureFactor; i++) await owner(ghost, WRONG);
    expect(await isLocked(db, [loginKey("unknown", ghost)], t.clock)).toBe(true);
  });
});

describe("per-IP limiter", () => {
  it(`locks an address after LOGIN_IP_MAX_FAILURES failures across names, for the window`, async () => {
    const acct = await createTestAccount();
    const t = testClock();
    const ip = freshIp();
    const max = env().LOGIN_IP_MAX_FAILURES;
    // Failures spread over many names, so no per-name counter locks.
    for (let i = 0; i < max - 1; i++) expect(await beginAttempt(db, loginKey(acct.id, `spray-${i}`), ipKey(ip), t.clock)).toBe(true);
    const owner = (from: string) => loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip: from, userAgent: "", clock: t.clock });
    expect(await isLocked(db, [ipKey(ip)], t.clock)).toBe(false);
    expect(await loginSubuser(db, { accountId: acct.id, name: "spray-last", password: WRONG }, { ip, userAgent: "", clock: t.clock })).toEqual({ ok: false });
    expect(await isLocked(db, [ipKey(ip)], t.clock)).toBe(true);
    // The right password from that address is refused; from another it works.
    expect(await owner(ip)).toEqual({ ok: false });
    expect(await owner(freshIp())).toMatchObject({ ok: true });
    t.advance(env().LOGIN_IP_WINDOW_SECONDS * 1000);
    expect(await owner(ip)).toMatchObject({ ok: true });
  });

  it("a successful login gives its attempt back to the address, so it does not tip it into a lock", async () => {
    const acct = await createTestAccount();
    const t = testClock();
    const ip = freshIp();
    const max = env().LOGIN_IP_MAX_FAILURES;
    for (let i = 0; i < max - 1; i++) await beginAttempt(db, loginKey(acct.id, `spray-${i}`), ipKey(ip), t.clock);
    expect(await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip, userAgent: "", clock: t.clock })).toMatchObject({ ok: true });
    expect(await isLocked(db, [ipKey(ip)], t.clock)).toBe(false);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: ipKey(ip) } })).failures).toBe(max - 1);
  });

  it("attempts from a locked address count against no name", async () => {
    const acct = await createTestAccount();
    const t = testClock();
    const ip = freshIp();
    for (let i = 0; i < env().LOGIN_IP_MAX_FAILURES; i++) await beginAttempt(db, loginKey(acct.id, `spray-${i}`), ipKey(ip), t.clock);
    expect(await isLocked(db, [ipKey(ip)], t.clock)).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(await loginOwner(db, { login: acct.name, password: WRONG }, { ip, userAgent: "", clock: t.clock })).toEqual({ ok: false });
    }
    expect(await db.loginThrottle.findUnique({ where: { key: loginKey(acct.id, "#owner") } })).toBeNull();
    expect(await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: "", clock: t.clock })).toMatchObject({ ok: true });
  });
});

describe("parallel attempts (every adapter: npm test runs this file on better-sqlite3, libSQL and PostgreSQL)", () => {
  // Threat: lost updates in the counter. Twelve wrong passwords fired at once from one address
  // must count as twelve on the address and lock the name after exactly failureFactor, as the
  // same attempts one after another do; a read-modify-write counter (or an upsert that is not
  // atomic under PostgreSQL's READ COMMITTED) lets some slip through uncounted.
  it("12 parallel failed logins for one name from one address: the address counts 12, the name locks at 5", async () => {
    const { acct, t } = await subuserSetup();
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => loginSubuser(db, { accountId: acct.id, name: "guessme", password: `${WRONG}${i}` }, { ip, userAgent: "vitest", clock: t.clock })),
    );
    expect(results).toEqual(Array.from({ length: 12 }, () => ({ ok: false })));
    const name = await db.loginThrottle.findUniqueOrThrow({ where: { key: loginKey(acct.id, "guessme") } });
    expect(name.failures).toBe(THROTTLE.failureFactor);
    expect(Number(name.lockedUntil)).toBe(t.now + THROTTLE.waitIncrementMs);
    expect(Number(name.lastFailureAt)).toBe(t.now);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: ipKey(ip) } })).failures).toBe(12);
    // Locked: the right password is refused too, from any address, until the wait is over.
    expect(await loginSubuser(db, { accountId: acct.id, name: "guessme", password: TEST_PASSWORD }, { ip: freshIp(), userAgent: "vitest", clock: t.clock })).toEqual({ ok: false });
    t.advance(THROTTLE.waitIncrementMs);
    expect(await loginSubuser(db, { accountId: acct.id, name: "guessme", password: TEST_PASSWORD }, { ip: freshIp(), userAgent: "vitest", clock: t.clock })).toMatchObject({ ok: true });
  });
});
