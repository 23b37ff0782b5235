// Threat: sessions that outlive their limit or their principal (ASVS 7.3.2, 7.4.x). The row is
// the authority: absolute 8-hour expiry, revocation, inactive principals, stale credentials.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH } from "@/test/factories";
import { loginOwner, loginSubuser } from "./login";
import { createSession, listActiveSessions, loadPrincipal, revokeAllSessions, revokeSession, sessionHolder } from "./sessions";

const HOUR = 3600_000;
const T0 = Date.parse("2030-03-10T08:00:00Z");

function testClock(start = T0) {
  let now = start;
  return { clock: () => new Date(now), set: (t: number) => void (now = t) };
}

async function setup() {
  const acct = await createTestAccount();
  const sub = await db.subuser.create({
    data: { accountId: acct.id, name: "worker", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Developer" }, { role: "Payer" }] } },
  });
  const t = testClock();
  const start = (subuserId: number | null) => createSession(db, { accountId: acct.id, subuserId, credVersion: 1, ip: "10.2.0.1", userAgent: "vitest" }, t.clock);
  return { acct, sub, t, start };
}

describe("session rows", () => {
  it("expire exactly 8 hours after creation, with a random 256-bit id", async () => {
    const { acct, t } = await setup();
    const r = await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip: "10.2.0.2", userAgent: "ua", clock: t.clock });
    if (!r.ok) throw new Error("login failed");
    const row = await db.session.findUniqueOrThrow({ where: { id: r.sessionId } });
    expect(row.createdAt.getTime()).toBe(T0);
    expect(row.expiresAt.getTime()).toBe(row.createdAt.getTime() + 8 * HOUR);
    expect(row).toMatchObject({ accountId: acct.id, subuserId: null, ip: "10.2.0.2", userAgent: "ua", revokedAt: null });
    expect(r.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, { ip: "10.2.0.2", userAgent: "ua", clock: t.clock });
    expect(other.ok && other.sessionId).not.toBe(r.sessionId);
  });

  for (const who of ["owner", "subuser"] as const) {
    it(`${who}: live until 8 h after login, then over, whatever the activity (absolute, not sliding)`, async () => {
      const { sub, t, start } = await setup();
      const s = await start(who === "owner" ? null : sub.id);
      for (const at of [T0, T0 + HOUR, T0 + 4 * HOUR, T0 + 8 * HOUR - 1]) {
        t.set(at);
        expect(await loadPrincipal(db, s.id, t.clock)).toMatchObject({ kind: who, sessionExpiresAt: new Date(T0 + 8 * HOUR) });
      }
      t.set(T0 + 8 * HOUR);
      expect(await loadPrincipal(db, s.id, t.clock)).toBeNull();
      t.set(T0 + 30 * HOUR);
      expect(await loadPrincipal(db, s.id, t.clock)).toBeNull();
      expect((await db.session.findUniqueOrThrow({ where: { id: s.id } })).expiresAt.getTime()).toBe(T0 + 8 * HOUR);
    });
  }

  it("a subuser's principal carries its roles; unknown role strings grant nothing", async () => {
    const { sub, t, start } = await setup();
    await db.subuserRole.create({ data: { subuserId: sub.id, role: "Root" } });
    const s = await start(sub.id);
    expect(await loadPrincipal(db, s.id, t.clock)).toMatchObject({ kind: "subuser", subuserId: sub.id, name: "worker", roles: ["Developer", "Payer"] });
  });

  it("end when revoked (logout), and only that one", async () => {
    const { acct, t, start } = await setup();
    const a = await start(null);
    const b = await start(null);
    const foreign = await createTestAccount();
    // Another account's id in the where: nothing happens.
    await revokeSession(db, { id: a.id, accountId: foreign.id }, t.clock);
    expect(await loadPrincipal(db, a.id, t.clock)).not.toBeNull();
    await revokeSession(db, { id: a.id, accountId: acct.id }, t.clock);
    expect(await loadPrincipal(db, a.id, t.clock)).toBeNull();
    expect(await loadPrincipal(db, b.id, t.clock)).not.toBeNull();
  });

  it("revokeAllSessions ends every session of one principal but the kept one", async () => {
    const { acct, sub, t, start } = await setup();
    const [o1, o2, s1, s2] = [await start(null), await start(null), await start(sub.id), await start(sub.id)];
    await revokeAllSessions(db, { accountId: acct.id, subuserId: sub.id }, t.clock(), s2.id);
    expect(await loadPrincipal(db, s1.id, t.clock)).toBeNull();
    expect(await loadPrincipal(db, s2.id, t.clock)).not.toBeNull();
    expect(await loadPrincipal(db, o1.id, t.clock)).not.toBeNull();
    await revokeAllSessions(db, { accountId: acct.id, subuserId: null }, t.clock());
    expect(await loadPrincipal(db, o1.id, t.clock)).toBeNull();
    expect(await loadPrincipal(db, o2.id, t.clock)).toBeNull();
    expect(await loadPrincipal(db, s2.id, t.clock)).not.toBeNull();
  });

  it("end when the account is deactivated, for the owner and its subusers", async () => {
    const { acct, sub, t, start } = await setup();
    const o = await start(null);
    const s = await start(sub.id);
    await db.account.update({ where: { id: acct.id }, data: { active: false } });
    expect(await loadPrincipal(db, o.id, t.clock)).toBeNull();
    expect(await loadPrincipal(db, s.id, t.clock)).toBeNull();
  });

  it("end when the subuser is deactivated or deleted, or its credentials version moves", async () => {
    const { acct, t, start } = await setup();
    const mk = (name: string) => db.subuser.create({ data: { accountId: acct.id, name, passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    const [a, b, c] = [await mk("sub-a"), await mk("sub-b"), await mk("sub-c")];
    const [sa, sb, sc] = [await start(a.id), await start(b.id), await start(c.id)];
    await db.subuser.update({ where: { id: a.id }, data: { active: false } });
    await db.subuser.delete({ where: { id: b.id } });
    await db.subuser.update({ where: { id: c.id }, data: { credVersion: { increment: 1 } } });
    for (const s of [sa, sb, sc]) expect(await loadPrincipal(db, s.id, t.clock)).toBeNull();
  });

  it("end for the owner when the account's credentials version moves", async () => {
    const { acct, t, start } = await setup();
    const o = await start(null);
    await db.account.update({ where: { id: acct.id }, data: { credVersion: { increment: 1 } } });
    expect(await loadPrincipal(db, o.id, t.clock)).toBeNull();
  });

  it("fail closed on an empty or unknown id", async () => {
    const { t } = await setup();
    expect(await loadPrincipal(db, "", t.clock)).toBeNull();
    expect(await loadPrincipal(db, "no-such-session", t.clock)).toBeNull();
  });

  it("listActiveSessions: the principal's live rows only", async () => {
    const { acct, sub, t, start } = await setup();
    const live = await start(sub.id);
    const revoked = await start(sub.id);
    await revokeSession(db, { id: revoked.id, accountId: acct.id }, t.clock);
    await start(null);
    t.set(T0 + 7 * HOUR);
    const later = await start(sub.id);
    t.set(T0 + 8 * HOUR);
    expect((await listActiveSessions(db, { accountId: acct.id, subuserId: sub.id }, t.clock)).map((s) => s.id)).toEqual([later.id]);
    t.set(T0 + HOUR);
    expect((await listActiveSessions(db, { accountId: acct.id, subuserId: sub.id }, t.clock)).map((s) => s.id).sort()).toEqual([live.id, later.id].sort());
  });

  it("a subuser login through the link creates a subuser session row", async () => {
    const { acct, sub, t } = await setup();
    const r = await loginSubuser(db, { accountId: acct.id, name: "worker", password: TEST_PASSWORD }, { ip: "10.2.0.3", userAgent: "ua", clock: t.clock });
    if (!r.ok) throw new Error("login failed");
    expect(await db.session.findUniqueOrThrow({ where: { id: r.sessionId } })).toMatchObject({ subuserId: sub.id, credVersion: 1, expiresAt: new Date(T0 + 8 * HOUR) });
  });
});

describe("sessionHolder", () => {
  it("names whose session it was, live, revoked or expired; null when the row is gone", async () => {
    const { acct, sub, t, start } = await setup();
    const own = await start(null);
    const theirs = await start(sub.id);
    await revokeSession(db, { id: theirs.id, accountId: acct.id }, t.clock);
    t.set(T0 + 9 * HOUR);
    expect(await sessionHolder(db, own.id)).toEqual({ accountId: acct.id, subuserId: null });
    expect(await sessionHolder(db, theirs.id)).toEqual({ accountId: acct.id, subuserId: sub.id });
    await db.subuser.delete({ where: { id: sub.id } });
    expect(await sessionHolder(db, theirs.id)).toBeNull();
    expect(await sessionHolder(db, "")).toBeNull();
    expect(await sessionHolder(db, "no-such-session")).toBeNull();
  });
});
