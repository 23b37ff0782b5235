import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { can, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createSession, loadPrincipal } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/passwords";
import { sessionHandle } from "@/lib/domains/profile/session-handle";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD, type TestAccount, changeRowCount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { changeOwnPasswordAction, endOtherSessionsAction, endSessionAction, startTwoStepAction } = await import("./actions");
const { TWO_STEP_DUE_REFUSAL } = await import("@/lib/access/two-step-due");

const NEW_PASSWORD = "Fresh-Start-42!";

async function loginAs(acct: TestAccount, role: Role, tabs = 2) {
  const base = await acct.actor(role);
  const ids: string[] = [];
  for (let i = 0; i < tabs; i++) {
    ids.push((await createSession(db, { accountId: acct.id, subuserId: base.subuserId, credVersion: 1, ip: "127.0.0.1", userAgent: `tab ${i}` }, systemClock)).id);
  }
  const actor = await loadPrincipal(db, ids[0]!, systemClock);
  if (!actor) throw new Error("no principal");
  return { actor, ids };
}

async function snapshot(accountId: number) {
  return {
    account: await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { passwordHash: true, credVersion: true } }),
    subusers: await db.subuser.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { passwordHash: true, credVersion: true } }),
    sessions: await db.session.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, credVersion: true } }),
    audits: await changeRowCount(accountId),
  };
}

beforeEach(() => {
  session.actor = null;
});

describe("profile server actions: every principal", () => {
  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "profile");
    it(`${role}: ${allowed ? "changes its password, stays logged in, other tab ends" : "refused, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const { actor, ids } = await loginAs(acct, role);
      session.actor = actor;
      const before = await snapshot(acct.id);
      const r = await changeOwnPasswordAction({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      if (!allowed) {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await endSessionAction({ handle: sessionHandle(ids[1]!) })).toMatchObject({ ok: false, formError: expect.stringMatching(/^Only/) });
        expect(await endOtherSessionsAction({})).toMatchObject({ ok: false });
        expect(await snapshot(acct.id)).toEqual(before);
        return;
      }
      expect(r).toEqual({ ok: true, data: null });
      expect(await loadPrincipal(db, ids[0]!, systemClock)).not.toBeNull();
      expect(await loadPrincipal(db, ids[1]!, systemClock)).toBeNull();
      const hash =
        actor.kind === "owner"
          ? (await db.account.findUniqueOrThrow({ where: { id: acct.id } })).passwordHash
          : (await db.subuser.findUniqueOrThrow({ where: { id: actor.subuserId! } })).passwordHash;
      expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
    });
  }
});

describe("profile server actions: input and sessions", () => {
  it("reports bad fields without writing", async () => {
    const acct = await createTestAccount();
    const { actor } = await loginAs(acct, OWNER_ROLE);
    session.actor = actor;
    const before = await snapshot(acct.id);
    expect(await changeOwnPasswordAction({ currentPassword: "", newPassword: "Password1!", confirmPassword: "x" })).toEqual({
      ok: false,
      fieldErrors: {
        currentPassword: "Enter your current password",
        newPassword: "Password is too common; choose another one",
        confirmPassword: "The passwords do not match",
      },
    });
    expect(await changeOwnPasswordAction({ currentPassword: "Not-Mine-123!", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "The current password is wrong" },
    });
    expect(await changeOwnPasswordAction({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "Fresh-Start-43!" })).toEqual({
      ok: false,
      fieldErrors: { confirmPassword: "The passwords do not match" },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("ends another tab, or all others; never another principal's", async () => {
    const acct = await createTestAccount();
    const me = await loginAs(acct, "Admin", 3);
    const owner = await loginAs(acct, OWNER_ROLE, 1);
    session.actor = me.actor;
    expect(await endSessionAction({ handle: sessionHandle(owner.ids[0]!) })).toEqual({ ok: false, fieldErrors: { handle: "Session not found" } });
    expect(await loadPrincipal(db, owner.ids[0]!, systemClock)).not.toBeNull();
    expect(await endSessionAction({ handle: sessionHandle(me.ids[1]!) })).toEqual({ ok: true, data: { current: false } });
    expect(await endOtherSessionsAction({})).toEqual({ ok: true, data: { ended: 1 } });
    expect(await loadPrincipal(db, me.ids[0]!, systemClock)).not.toBeNull();
    expect(await loadPrincipal(db, me.ids[2]!, systemClock)).toBeNull();
    expect(await loadPrincipal(db, owner.ids[0]!, systemClock)).not.toBeNull();
  });

  it("without a session nothing happens", async () => {
    const acct = await createTestAccount();
    const before = await snapshot(acct.id);
    expect(await changeOwnPasswordAction({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/session has ended/),
    });
    expect(await endOtherSessionsAction({})).toMatchObject({ ok: false });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});

describe("two-step setup actions", () => {
  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "profile");
    it(`${role}: starting a setup ${allowed ? "answers a QR code" : "is refused, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const { actor } = await loginAs(acct, role, 1);
      session.actor = actor;
      const r = await startTwoStepAction({});
      if (allowed) expect(r).toMatchObject({ ok: true, data: { qr: expect.stringMatching(/^data:image\/svg\+xml;base64,/), secret: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) } });
      else expect(r).toMatchObject({ ok: false, formError: expect.stringMatching(/^Only/) });
      const pending = await db.account.count({ where: { id: acct.id, totpPendingSecret: { not: null } } }) + (await db.subuser.count({ where: { accountId: acct.id, totpPendingSecret: { not: null } } }));
      expect(pending).toBe(allowed ? 1 : 0);
    });
  }

  it("a subuser the account requires it of may set it up, and nothing else, without a Denied row", async () => {
    const acct = await createTestAccount();
    await db.account.update({ where: { id: acct.id }, data: { requireTwoStep: true } });
    const { actor } = await loginAs(acct, "Developer", 1);
    expect(actor).toMatchObject({ roles: [], twoStepDue: true });
    session.actor = actor;
    const rows = await db.auditLog.count({ where: { accountId: acct.id } });
    expect(await changeOwnPasswordAction({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toEqual({ ok: false, formError: TWO_STEP_DUE_REFUSAL });
    expect(await endOtherSessionsAction({})).toEqual({ ok: false, formError: TWO_STEP_DUE_REFUSAL });
    expect(await db.auditLog.count({ where: { accountId: acct.id } })).toBe(rows);
    expect(await startTwoStepAction({})).toMatchObject({ ok: true });
  });
});
