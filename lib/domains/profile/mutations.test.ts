import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { can, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { isAppError, type AppError } from "@/lib/core/errors";
import { createSession, loadPrincipal } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/passwords";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD, type TestAccount } from "@/test/factories";
import { changeOwnPassword, endOtherSessions, endSession } from "./mutations";
import { getProfile } from "./queries";
import { sessionHandle } from "./session-handle";

const NEW_PASSWORD = "Fresh-Start-42!";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** A logged-in principal with `tabs` live sessions; the first is the acting one. */
async function login(acct: TestAccount, role: Role, tabs = 3) {
  const base = await acct.actor(role);
  const version = role === OWNER_ROLE
    ? (await db.account.findUniqueOrThrow({ where: { id: acct.id } })).credVersion
    : (await db.subuser.findUniqueOrThrow({ where: { id: base.subuserId! } })).credVersion;
  const ids: string[] = [];
  for (let i = 0; i < tabs; i++) {
    const s = await createSession(db, { accountId: acct.id, subuserId: base.subuserId, credVersion: version, ip: `10.0.0.${i}`, userAgent: `tab ${i}` }, systemClock);
    ids.push(s.id);
  }
  const actor = (await loadPrincipal(db, ids[0]!, systemClock)) as PanelActor;
  expect(actor).not.toBeNull();
  return { actor, ids };
}

async function snapshot(accountId: number) {
  const [account, subusers, sessions, audits] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { passwordHash: true, credVersion: true } }),
    db.subuser.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, passwordHash: true, credVersion: true } }),
    db.session.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, credVersion: true } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { account, subusers, sessions, audits };
}

const storedHash = async (actor: PanelActor) =>
  actor.kind === "owner"
    ? (await db.account.findUniqueOrThrow({ where: { id: actor.accountId } })).passwordHash
    : (await db.subuser.findUniqueOrThrow({ where: { id: actor.subuserId! } })).passwordHash;

const change = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

describe("changeOwnPassword: every principal", () => {
  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "profile");
    it(`${role}: ${allowed ? "changes its own password, keeps this session, ends the others" : "FORBIDDEN, nothing written"}`, async () => {
      const acct = await createTestAccount();
      // A bystander principal with its own sessions, to prove only the actor's sessions end.
      const bystander = await login(acct, role === OWNER_ROLE ? "Developer" : OWNER_ROLE, 1);
      const { actor, ids } = await login(acct, role);
      const before = await snapshot(acct.id);
      if (!allowed) {
        expect((await failure(changeOwnPassword(actor, change))).code).toBe("FORBIDDEN");
        expect(await snapshot(acct.id)).toEqual(before);
        return;
      }
      await changeOwnPassword(actor, change);
      expect(await verifyPassword(await storedHash(actor), NEW_PASSWORD)).toBe(true);
      const still = await loadPrincipal(db, ids[0]!, systemClock);
      expect(still).toMatchObject({ kind: actor.kind, subuserId: actor.subuserId, accountId: acct.id });
      expect(await loadPrincipal(db, ids[1]!, systemClock)).toBeNull();
      expect(await loadPrincipal(db, ids[2]!, systemClock)).toBeNull();
      expect(await loadPrincipal(db, bystander.ids[0]!, systemClock)).not.toBeNull();
      const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "profile.password" } });
      expect(row).toMatchObject({ actorType: actor.kind, actorName: actor.name });
      expect(row.detail).not.toContain(NEW_PASSWORD);
      // The owner's bump does not touch subusers and vice versa.
      if (actor.kind === "owner") expect((await db.account.findUniqueOrThrow({ where: { id: acct.id } })).credVersion).toBe(before.account.credVersion + 1);
      else expect((await db.account.findUniqueOrThrow({ where: { id: acct.id } })).credVersion).toBe(before.account.credVersion);
    });
  }
});

describe("changeOwnPassword: bad input gives a field error and writes nothing", () => {
  const BAD: [string, Partial<typeof change>, string][] = [
    ["a wrong current password", { currentPassword: "Not-Mine-123!" }, "currentPassword"],
    ["an empty current password", { currentPassword: "" }, "currentPassword"],
    ["a weak new password", { newPassword: "weak", confirmPassword: "weak" }, "newPassword"],
    ["a common new password", { newPassword: "P@ssw0rd123", confirmPassword: "P@ssw0rd123" }, "newPassword"],
    ["a new password with a space", { newPassword: "Has Space-12!", confirmPassword: "Has Space-12!" }, "newPassword"],
    ["a confirmation that differs", { confirmPassword: "Fresh-Start-43!" }, "confirmPassword"],
    ["the same password again", { newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, "newPassword"],
  ];
  for (const [what, patch, field] of BAD) {
    for (const role of [OWNER_ROLE, "Developer"] as const) {
      it(`${what} (${role})`, async () => {
        const acct = await createTestAccount();
        const { actor, ids } = await login(acct, role);
        const before = await snapshot(acct.id);
        expect(await failure(changeOwnPassword(actor, { ...change, ...patch }))).toMatchObject({ code: "INVALID_INPUT", field });
        // A wrong current password is a guess: its failed check is audited (and throttled), nothing else is written.
        const guessed = what === "a wrong current password" ? 1 : 0;
        expect(await snapshot(acct.id)).toEqual({ ...before, audits: before.audits + guessed });
        expect(await loadPrincipal(db, ids[1]!, systemClock)).not.toBeNull();
      });
    }
  }
});

describe("sessions on the profile page", () => {
  it("lists only the principal's live sessions, this one first, with its absolute 8-hour expiry", async () => {
    const acct = await createTestAccount();
    const { actor, ids } = await login(acct, "Developer");
    const owner = await login(acct, OWNER_ROLE, 1);
    await db.session.update({ where: { id: ids[2]! }, data: { revokedAt: new Date() } });
    const profile = await getProfile(actor);
    expect(profile).toMatchObject({ kind: "subuser", accountName: acct.name, accountEmail: null, roles: ["Developer"] });
    expect(profile.sessionExpiresAt.getTime() - profile.sessionCreatedAt.getTime()).toBe(8 * 3600_000);
    expect(profile.sessions.map((s) => s.handle)).toEqual([sessionHandle(ids[0]!), sessionHandle(ids[1]!)]);
    expect(profile.sessions[0]).toMatchObject({ current: true, ip: "10.0.0.0", userAgent: "tab 0" });
    expect(JSON.stringify(profile)).not.toContain(ids[1]!);
    expect(JSON.stringify(profile)).not.toContain(owner.ids[0]!);
    expect((await getProfile(owner.actor)).accountEmail).toBe(`${acct.name}@test.local`);
  });

  it("ends another of one's own sessions by handle", async () => {
    const acct = await createTestAccount();
    const { actor, ids } = await login(acct, "Support");
    expect(await endSession(actor, { handle: sessionHandle(ids[1]!) })).toEqual({ current: false });
    expect(await loadPrincipal(db, ids[1]!, systemClock)).toBeNull();
    expect(await loadPrincipal(db, ids[0]!, systemClock)).not.toBeNull();
    expect(await loadPrincipal(db, ids[2]!, systemClock)).not.toBeNull();
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "session.revoke" } })).toBe(1);
  });

  it("ending this session logs it out", async () => {
    const acct = await createTestAccount();
    const { actor, ids } = await login(acct, OWNER_ROLE);
    expect(await endSession(actor, { handle: sessionHandle(ids[0]!) })).toEqual({ current: true });
    expect(await loadPrincipal(db, ids[0]!, systemClock)).toBeNull();
  });

  it("another principal's session reads as not found, in the same account or another", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const { actor } = await login(acct, "Developer");
    const owner = await login(acct, OWNER_ROLE, 1);
    const sibling = await login(acct, "Admin", 1);
    const foreign = await login(other, OWNER_ROLE, 1);
    for (const target of [owner.ids[0]!, sibling.ids[0]!, foreign.ids[0]!]) {
      const before = [await snapshot(acct.id), await snapshot(other.id)];
      expect(await failure(endSession(actor, { handle: sessionHandle(target) }))).toMatchObject({ code: "NOT_FOUND", field: "handle" });
      expect([await snapshot(acct.id), await snapshot(other.id)]).toEqual(before);
      expect(await loadPrincipal(db, target, systemClock)).not.toBeNull();
    }
  });

  it("ends all other sessions at once", async () => {
    const acct = await createTestAccount();
    const { actor, ids } = await login(acct, OWNER_ROLE, 4);
    const sub = await login(acct, "Admin", 1);
    expect(await endOtherSessions(actor)).toEqual({ ended: 3 });
    expect(await loadPrincipal(db, ids[0]!, systemClock)).not.toBeNull();
    for (const id of ids.slice(1)) expect(await loadPrincipal(db, id, systemClock)).toBeNull();
    expect(await loadPrincipal(db, sub.ids[0]!, systemClock)).not.toBeNull();
  });

  it("PhoneNumberManager, without the profile section, can do none of it", async () => {
    const acct = await createTestAccount();
    const { actor, ids } = await login(acct, "PhoneNumberManager");
    const before = await snapshot(acct.id);
    expect((await failure(getProfile(actor))).code).toBe("FORBIDDEN");
    expect((await failure(endSession(actor, { handle: sessionHandle(ids[1]!) }))).code).toBe("FORBIDDEN");
    expect((await failure(endOtherSessions(actor))).code).toBe("FORBIDDEN");
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
