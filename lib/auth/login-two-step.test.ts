// Threat: a stolen password. With two-step verification on, the right password alone opens no
// session; the code step accepts each authenticator code once and each recovery code once, its
// wrong guesses are throttled on their own key (a known password does not reset them), and its
// challenge dies with a password change or after five minutes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import type { Clock } from "@/lib/core/clock";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH, uniq } from "@/test/factories";
import { loginOwner, loginSubuser, loginWithCode, type LoginContext } from "./login";
import { loadPrincipal } from "./sessions";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode } from "./two-step";

const T0 = Date.parse("2030-01-01T09:00:05Z");
const at = (ms: number): Clock => () => new Date(ms);
const ctx = (ms = T0): LoginContext => ({ ip: `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest", clock: at(ms) });

/** An account whose owner and subuser "bob-1" both have two-step verification on, with recovery codes. */
async function setup() {
  const acct = await createTestAccount();
  const ownerSecret = newTotpSecret();
  const subSecret = newTotpSecret();
  await db.account.update({ where: { id: acct.id }, data: { totpSecret: ownerSecret } });
  const sub = await db.subuser.create({
    data: { accountId: acct.id, name: uniq("bob-"), passwordHash: TEST_PASSWORD_HASH, totpSecret: subSecret, roles: { create: [{ role: "Developer" }] } },
  });
  const codes = newRecoveryCodes();
  await db.recoveryCode.createMany({ data: codes.map((c) => ({ accountId: acct.id, subuserId: sub.id, codeHash: hashRecoveryCode(c), createdAt: new Date(T0) })) });
  return { acct, sub, ownerSecret, subSecret, codes };
}

async function challengeFor(p: Promise<Awaited<ReturnType<typeof loginOwner>>>): Promise<string> {
  const r = await p;
  expect(r).toEqual({ ok: false, challenge: expect.any(String) });
  return (r as { challenge: string }).challenge;
}

const sessions = (accountId: number) => db.session.count({ where: { accountId } });

describe("password step with two-step verification on", () => {
  it("answers a challenge instead of a session, for the owner and a subuser; a wrong password still gets the generic failure", async () => {
    const { acct, sub } = await setup();
    await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    expect(await loginOwner(db, { login: acct.name, password: "Wrong-Passw0rd!" }, ctx())).toEqual({ ok: false });
    expect(await sessions(acct.id)).toBe(0);
  });
});

describe("loginWithCode", () => {
  it("opens the session with the authenticator's code, audited with the method; the same code is refused the second time", async () => {
    const { acct, ownerSecret } = await setup();
    const challenge = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    const code = totpCode(ownerSecret, T0);
    const r = await loginWithCode(db, { challenge, code }, ctx());
    expect(r).toMatchObject({ ok: true, accountId: acct.id });
    if (!r.ok) throw new Error("unreachable");
    expect(await loadPrincipal(db, r.sessionId, at(T0))).toMatchObject({ kind: "owner", accountId: acct.id });
    const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "session.login", outcome: "ok" } });
    expect(JSON.parse(audit.detail)).toEqual({ method: "authenticator" });
    // Replayed (a shoulder-surfed code, within its 30 seconds): refused.
    const again = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    expect(await loginWithCode(db, { challenge: again, code }, ctx())).toEqual({ ok: false, refusal: "wrong_code" });
    // So is the previous step's code, once a later one was accepted.
    expect(await loginWithCode(db, { challenge: again, code: totpCode(ownerSecret, T0 - 30_000) }, ctx())).toMatchObject({ ok: false });
    expect(await loginWithCode(db, { challenge: again, code: totpCode(ownerSecret, T0 + 30_000) }, ctx())).toMatchObject({ ok: true });
    expect(await sessions(acct.id)).toBe(2);
  });

  it("takes a code from one step either side of now, not two", async () => {
    const { acct, sub, subSecret } = await setup();
    const challenge = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    expect(await loginWithCode(db, { challenge, code: totpCode(subSecret, T0 - 60_000) }, ctx())).toMatchObject({ ok: false });
    expect(await loginWithCode(db, { challenge, code: totpCode(subSecret, T0 - 30_000) }, ctx())).toMatchObject({ ok: true });
  });

  it("a recovery code works once, in any case and without hyphens, and is audited as such", async () => {
    const { acct, sub, codes } = await setup();
    const challenge = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    const typed = codes[3]!.toLowerCase().replace(/-/g, " ");
    expect(await loginWithCode(db, { challenge, code: typed }, ctx())).toMatchObject({ ok: true });
    expect(await loginWithCode(db, { challenge, code: codes[3]! }, ctx())).toEqual({ ok: false, refusal: "wrong_recovery_code" });
    expect(await db.recoveryCode.count({ where: { subuserId: sub.id, usedAt: null } })).toBe(9);
    const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "session.login", outcome: "ok" } });
    expect(JSON.parse(audit.detail)).toEqual({ method: "recovery_code" });
  });

  it("another login's recovery code opens nothing", async () => {
    const { acct, codes } = await setup();
    const challenge = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    expect(await loginWithCode(db, { challenge, code: codes[0]! }, ctx())).toMatchObject({ ok: false });
    expect(await db.recoveryCode.count({ where: { accountId: acct.id, usedAt: null } })).toBe(10);
  });

  it("locks after five wrong codes, even for the right one, and the right password does not lift it", async () => {
    const { acct, sub, subSecret } = await setup();
    const challenge = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    for (let i = 0; i < 5; i++) expect(await loginWithCode(db, { challenge, code: String(100000 + i) }, ctx())).toMatchObject({ ok: false });
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "session.login", outcome: "failed" } })).toBe(5);
    const fresh = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    expect(await loginWithCode(db, { challenge: fresh, code: totpCode(subSecret, T0) }, ctx())).toEqual({ ok: false, refusal: "locked" });
    // The lock is temporary (lib/auth/throttle.ts): a minute later the right code works.
    const later = T0 + 61_000;
    const next = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx(later)));
    expect(await loginWithCode(db, { challenge: next, code: totpCode(subSecret, later) }, ctx(later))).toMatchObject({ ok: true });
  });

  it("a challenge is void after five minutes, after a password change, and for a deactivated login", async () => {
    const { acct, sub, subSecret, ownerSecret } = await setup();
    const old = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    const late = T0 + 5 * 60_000 + 1000;
    expect(await loginWithCode(db, { challenge: old, code: totpCode(ownerSecret, late) }, ctx(late))).toEqual({ ok: false, refusal: "expired" });

    const beforeChange = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    await db.account.update({ where: { id: acct.id }, data: { credVersion: { increment: 1 } } });
    expect(await loginWithCode(db, { challenge: beforeChange, code: totpCode(ownerSecret, T0) }, ctx())).toEqual({ ok: false, refusal: "expired" });

    const beforeDeactivation = await challengeFor(loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, ctx()));
    await db.subuser.update({ where: { id: sub.id }, data: { active: false } });
    expect(await loginWithCode(db, { challenge: beforeDeactivation, code: totpCode(subSecret, T0) }, ctx())).toEqual({ ok: false, refusal: "expired" });
    expect(await loginWithCode(db, { challenge: "forged.token.here", code: "123456" }, ctx())).toEqual({ ok: false, refusal: "expired" });
    expect(await sessions(acct.id)).toBe(0);
  });

  it("two requests carrying the same code at once open one session", async () => {
    const { acct, ownerSecret } = await setup();
    const challenge = await challengeFor(loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx()));
    const code = totpCode(ownerSecret, T0);
    const results = await Promise.all(Array.from({ length: 4 }, () => loginWithCode(db, { challenge, code }, ctx())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await sessions(acct.id)).toBe(1);
  });
});
