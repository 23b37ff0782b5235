// Threat: login as an oracle. Every failure (unknown name, wrong password, inactive, locked) must
// look the same from outside: the same result and the same work (one argon2 verification).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import type { Clock } from "@/lib/core/clock";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH, uniq } from "@/test/factories";
import { loginOwner, loginSubuser, GENERIC_LOGIN_FAILURE } from "./login";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { loadPrincipal } from "./sessions";

vi.mock("./passwords", async (importOriginal) => {
  const orig = await importOriginal<typeof import("./passwords")>();
  return { ...orig, verifyPassword: vi.fn(orig.verifyPassword), burnPasswordCheck: vi.fn(orig.burnPasswordCheck) };
});

const T0 = Date.parse("2030-01-01T09:00:00Z");
const fixedClock: Clock = () => new Date(T0);
const ctx = (ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: "vitest", clock: fixedClock });

/** How many argon2 verifications a login did (a real one or the decoy). */
const argonChecks = () => vi.mocked(verifyPassword).mock.calls.length + vi.mocked(burnPasswordCheck).mock.calls.length;

beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(burnPasswordCheck).mockClear();
});

async function setup() {
  const acct = await createTestAccount();
  const sub = await db.subuser.create({ data: { accountId: acct.id, name: "alice-1", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Developer" }] } } });
  const idle = await db.subuser.create({ data: { accountId: acct.id, name: "idle-1", passwordHash: TEST_PASSWORD_HASH, active: false, roles: { create: [{ role: "Developer" }] } } });
  return { acct, sub, idle };
}

describe("loginOwner", () => {
  it("logs in by account name or email, case-insensitively, with a session row and an audit row", async () => {
    const { acct } = await setup();
    for (const login of [acct.name, acct.name.toUpperCase(), ` ${acct.name}@TEST.local `]) {
      const r = await loginOwner(db, { login, password: TEST_PASSWORD }, ctx());
      expect(r).toMatchObject({ ok: true, accountId: acct.id });
      if (!r.ok) throw new Error("unreachable");
      const actor = await loadPrincipal(db, r.sessionId, fixedClock);
      expect(actor).toMatchObject({ kind: "owner", accountId: acct.id, roles: ["MainAccount"], ip: expect.any(String) });
    }
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "session.login", outcome: "ok" } })).toBe(3);
  });

  it("answers wrong password, unknown login and inactive account identically, after one argon2 check each", async () => {
    const { acct } = await setup();
    const inactive = await createTestAccount();
    await db.account.update({ where: { id: inactive.id }, data: { active: false } });
    const attempts = [
      { login: acct.name, password: "Wrong-Passw0rd!" },
      { login: uniq("nobody-"), password: TEST_PASSWORD },
      { login: `${uniq("nobody-")}@test.local`, password: TEST_PASSWORD },
      { login: inactive.name, password: TEST_PASSWORD },
    ];
    for (const a of attempts) {
      const before = argonChecks();
      expect(await loginOwner(db, a, ctx())).toEqual({ ok: false });
      expect(argonChecks() - before).toBe(1);
    }
    expect(await db.session.count({ where: { accountId: { in: [acct.id, inactive.id] } } })).toBe(0);
    expect(GENERIC_LOGIN_FAILURE).toMatch(/wrong login or password/i);
  });
});

describe("loginSubuser", () => {
  it("logs in through the account's link with name (any case) and password", async () => {
    const { acct, sub } = await setup();
    const r = await loginSubuser(db, { accountId: acct.id, name: " ALICE-1 ", password: TEST_PASSWORD }, ctx());
    expect(r).toMatchObject({ ok: true, accountId: acct.id });
    if (!r.ok) throw new Error("unreachable");
    expect(await loadPrincipal(db, r.sessionId, fixedClock)).toMatchObject({ kind: "subuser", subuserId: sub.id, roles: ["Developer"] });
  });

  it("answers wrong password, unknown name, other account, inactive subuser and inactive account identically", async () => {
    const { acct } = await setup();
    const other = await createTestAccount();
    const offline = await setup();
    await db.account.update({ where: { id: offline.acct.id }, data: { active: false } });
    const attempts = [
      { accountId: acct.id, name: "alice-1", password: "Wrong-Passw0rd!" },
      { accountId: acct.id, name: "nobody-1", password: TEST_PASSWORD },
      { accountId: other.id, name: "alice-1", password: TEST_PASSWORD },
      { accountId: 2_000_000_000, name: "alice-1", password: TEST_PASSWORD },
      { accountId: acct.id, name: "idle-1", password: TEST_PASSWORD },
      { accountId: offline.acct.id, name: "alice-1", password: TEST_PASSWORD },
    ];
    for (const a of attempts) {
      const before = argonChecks();
      expect(await loginSubuser(db, a, ctx())).toEqual({ ok: false });
      expect(argonChecks() - before).toBe(1);
    }
    expect(await db.session.count({ where: { accountId: { in: [acct.id, other.id, offline.acct.id] } } })).toBe(0);
  });

  it("a failed attempt on a real subuser is audited, without the password", async () => {
    const { acct, sub } = await setup();
    await loginSubuser(db, { accountId: acct.id, name: "alice-1", password: "Wrong-Passw0rd!" }, ctx("10.9.9.9"));
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "session.login", outcome: "failed" } });
    expect(row).toMatchObject({ actorType: "subuser", actorId: String(sub.id), ip: "10.9.9.9" });
    expect(JSON.stringify(row)).not.toContain("Wrong-Passw0rd!");
  });
});

describe("concurrent guessing", () => {
  // Threat: firing many guesses at once, so they all pass the lock check before any failure is
  // counted. Each attempt must reserve its place in the counter before the password is checked.
  it("checks at most failureFactor real passwords for one name, however many arrive at once", async () => {
    const { acct, sub } = await setup();
    const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const guesses = Array.from({ length: 20 }, (_, i) => `Guess-${i}-Passw0rd!`);
    const results = await Promise.all(guesses.map((password) => loginSubuser(db, { accountId: acct.id, name: "alice-1", password }, ctx(ip()))));
    expect(results.every((r) => !r.ok)).toBe(true);
    const real = vi.mocked(verifyPassword).mock.calls.filter(([hash]) => hash === TEST_PASSWORD_HASH).length;
    expect(real).toBeLessThanOrEqual(5);
    expect(vi.mocked(verifyPassword).mock.calls.length + vi.mocked(burnPasswordCheck).mock.calls.length).toBe(20);
    // And the right password is locked out now too.
    expect(await loginSubuser(db, { accountId: acct.id, name: "alice-1", password: TEST_PASSWORD }, ctx(ip()))).toEqual({ ok: false });
    expect(await db.session.count({ where: { subuserId: sub.id } })).toBe(0);
  });
});
