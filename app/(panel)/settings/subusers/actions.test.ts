import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { can, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createSession, loadPrincipal } from "@/lib/auth/sessions";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, uniq, type TestAccount, changeRowCount } from "@/test/factories";

// Server actions are public POST endpoints: the wrapper checks the session and the section
// before anything is written, whatever the page rendered. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
const cache = vi.hoisted(() => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));
vi.mock("next/cache", () => ({ refresh: cache.refresh, revalidatePath: cache.revalidatePath, revalidateTag: vi.fn() }));

const { createSubuserAction, deleteSubuserAction, editSubuserAction, resetSubuserPasswordAction, setSubuserActiveAction, turnOffSubuserTwoStepAction } = await import("./actions");

const NEW_PASSWORD = "Str0ng-Pass!x";

/** A real logged-in principal: session row -> loadPrincipal, as the panel builds it. */
async function loginAs(acct: TestAccount, role: Role): Promise<PanelActor> {
  const base = await acct.actor(role);
  const s = await createSession(db, { accountId: acct.id, subuserId: base.subuserId, credVersion: 1, ip: "127.0.0.1", userAgent: "vitest" }, systemClock);
  const actor = await loadPrincipal(db, s.id, systemClock);
  if (!actor) throw new Error("no principal");
  return actor;
}

/** A subuser to act on, with two-step verification on (so turning it off has something to do). */
async function target(accountId: number) {
  return db.subuser.create({
    data: { accountId, name: uniq("t-"), passwordHash: TEST_PASSWORD_HASH, description: "before", totpSecret: "JBSWY3DPEHPK3PXP", roles: { create: [{ role: "Developer" }] } },
  });
}

async function snapshot(accountId: number) {
  const [subusers, sessions, audits] = await Promise.all([
    db.subuser.findMany({ where: { accountId }, orderBy: { id: "asc" }, include: { roles: { orderBy: { role: "asc" } } } }),
    db.session.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    changeRowCount(accountId),
  ]);
  return { subusers, sessions, audits };
}

const CALLS = [
  { name: "createSubuserAction", section: "subusers.create", run: () => createSubuserAction({ name: uniq("new-"), password: NEW_PASSWORD, roles: ["Payer"], description: "", active: true }) },
  { name: "editSubuserAction", section: "subusers.edit", run: (id: number) => editSubuserAction({ subuserId: id, description: "after", roles: ["Support"] }) },
  { name: "resetSubuserPasswordAction", section: "subusers.edit", run: (id: number) => resetSubuserPasswordAction({ subuserId: id, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }) },
  { name: "setSubuserActiveAction", section: "subusers.edit", run: (id: number) => setSubuserActiveAction({ subuserId: id, active: false }) },
  { name: "deleteSubuserAction", section: "subusers.edit", run: (id: number) => deleteSubuserAction({ subuserId: id }) },
  { name: "turnOffSubuserTwoStepAction", section: "subusers.edit", run: (id: number) => turnOffSubuserTwoStepAction({ subuserId: id }) },
] as const;

beforeEach(() => {
  session.actor = null;
  cache.refresh.mockClear();
  cache.revalidatePath.mockClear();
});

describe("subuser server actions: every principal", () => {
  for (const c of CALLS) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        const acct = await createTestAccount();
        session.actor = await loginAs(acct, role);
        const t = await target(acct.id);
        const before = await snapshot(acct.id);
        const r = await c.run(t.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
          expect(cache.refresh).toHaveBeenCalled();
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only the account owner can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
          expect(cache.refresh).not.toHaveBeenCalled();
          expect(cache.revalidatePath).not.toHaveBeenCalled();
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const acct = await createTestAccount();
    const t = await target(acct.id);
    const before = await snapshot(acct.id);
    for (const c of CALLS) {
      expect(await c.run(t.id)).toEqual({ ok: false, formError: expect.stringMatching(/session has ended/) });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });
});

describe("subuser server actions: input", () => {
  it("create reports every bad field at once, writing nothing", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const before = await snapshot(acct.id);
    const r = await createSubuserAction({ name: "9x", password: "weak", roles: [], description: "d".repeat(256), active: true });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        name: "Subuser name must be 5 to 20 characters long",
        password: "Password must be at least 8 characters long",
        roles: "Choose at least one role",
        description: "Description must be at most 255 characters",
      },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("create refuses a taken name (any case) under the name field", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    expect(await createSubuserAction({ name: "Dup-Name", password: NEW_PASSWORD, roles: ["Payer"] })).toMatchObject({ ok: true, data: { name: "dup-name" } });
    const before = await snapshot(acct.id);
    expect(await createSubuserAction({ name: "DUP-NAME", password: NEW_PASSWORD, roles: ["Payer"] })).toEqual({
      ok: false,
      fieldErrors: { name: "A subuser with this name already exists" },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("reset password needs the same password twice", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const t = await target(acct.id);
    const before = await snapshot(acct.id);
    expect(await resetSubuserPasswordAction({ subuserId: t.id, password: NEW_PASSWORD, confirmPassword: "Other-Pass-1!" })).toEqual({
      ok: false,
      fieldErrors: { confirmPassword: "The passwords do not match" },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's subuser reads as not found, nothing written", async () => {
    const mine = await createTestAccount();
    const theirs = await createTestAccount();
    session.actor = await loginAs(mine, OWNER_ROLE);
    const t = await target(theirs.id);
    const before = [await snapshot(mine.id), await snapshot(theirs.id)];
    for (const c of CALLS.slice(1)) {
      expect(await c.run(t.id)).toEqual({ ok: false, fieldErrors: { subuserId: "Subuser not found" } });
    }
    expect([await snapshot(mine.id), await snapshot(theirs.id)]).toEqual(before);
  });

  it("a deactivated subuser has no principal on its very next request", async () => {
    const acct = await createTestAccount();
    const owner = await loginAs(acct, OWNER_ROLE);
    const t = await target(acct.id);
    const s = await createSession(db, { accountId: acct.id, subuserId: t.id, credVersion: t.credVersion, ip: "", userAgent: "" }, systemClock);
    session.actor = owner;
    expect(await setSubuserActiveAction({ subuserId: t.id, active: false })).toMatchObject({ ok: true, data: { active: false } });
    // The panel re-reads the principal per request: the deactivated subuser has none.
    expect(await loadPrincipal(db, s.id, systemClock)).toBeNull();
  });
});

describe("edit: roles one of the subuser's keys holds (439, as the API's force)", () => {
  // Threat: a role taken away in the panel surviving, dormant, in the subuser's keys.
  it("refuses under the confirmation field, writing nothing; confirmed, strips the role from the keys too", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const t = await db.subuser.create({
      data: { accountId: acct.id, name: uniq("t-"), passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Developer" }, { role: "Support" }] } },
    });
    const keyId = crypto.randomUUID();
    await db.apiKey.create({ data: { id: keyId, accountId: acct.id, subuserId: t.id, name: "k", publicKeyPem: "x", roles: { create: [{ role: "Support" }] } } });
    const before = await snapshot(acct.id);
    const refused = await editSubuserAction({ subuserId: t.id, description: "", roles: ["Developer"] });
    expect(refused).toEqual({ ok: false, fieldErrors: { force: expect.stringContaining("Support") } });
    expect(await snapshot(acct.id)).toEqual(before);
    expect((await db.apiKeyRole.findMany({ where: { keyId } })).map((r) => r.role)).toEqual(["Support"]);
    expect(await editSubuserAction({ subuserId: t.id, description: "", roles: ["Developer"], force: true })).toMatchObject({ ok: true });
    expect(await db.apiKeyRole.findMany({ where: { keyId } })).toEqual([]);
    expect((await db.subuserRole.findMany({ where: { subuserId: t.id } })).map((r) => r.role)).toEqual(["Developer"]);
  });
});
