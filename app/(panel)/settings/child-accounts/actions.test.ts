// Threat: a subuser managing child accounts through the page's server actions (public POST
// endpoints, whatever the page rendered), and a suspended child staying in. Child accounts are
// the account owner's alone (docs/PRODUCT.md sections 5 and 9): every subuser role is refused
// with nothing written; the owner creates, re-roles, suspends and reactivates; a suspended child
// cannot log in nor call the API, and its open sessions end on their next request.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createSession, loadPrincipal } from "@/lib/auth/sessions";
import { loginOwner } from "@/lib/auth/login";
import { fixtureChild } from "@/lib/domains/child-accounts/api-fixtures";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount, changeRowCount } from "@/test/factories";
import { callAs, insertKey } from "@/test/api-kit";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createChildAccountAction, setChildAccountActiveAction, setChildAccountRoleAction, transferToChildAccountAction } = await import("./actions");

const PASSWORD = "Ch1ld-Passw0rd!";

async function loginAs(acct: TestAccount, role: Role): Promise<PanelActor> {
  const base = await acct.actor(role);
  const s = await createSession(db, { accountId: acct.id, subuserId: base.subuserId, credVersion: 1, ip: "127.0.0.1", userAgent: "vitest" }, systemClock);
  const actor = await loadPrincipal(db, s.id, systemClock);
  if (!actor) throw new Error("no principal");
  return actor;
}

async function family(parentId: number) {
  const [children, audits] = await Promise.all([
    db.account.findMany({ where: { parentId }, orderBy: { id: "asc" } }),
    changeRowCount(parentId),
  ]);
  return { children, audits };
}

const CALLS = [
  {
    name: "createChildAccountAction",
    run: () => {
      const name = uniq("kid-");
      return createChildAccountAction({ name, email: `${name}@test.local`, password: PASSWORD, role: "Developer" });
    },
  },
  { name: "setChildAccountRoleAction", run: (childId: number) => setChildAccountRoleAction({ childId, role: "ProvisioningAgent" }) },
  { name: "setChildAccountActiveAction", run: (childId: number) => setChildAccountActiveAction({ childId, active: false }) },
  {
    name: "transferToChildAccountAction",
    // The parent is funded first (a ledger entry, no audit row), so only the move is judged.
    run: async (childId: number) => {
      const { parentId } = await db.account.findUniqueOrThrow({ where: { id: childId }, select: { parentId: true } });
      await db.ledgerEntry.create({ data: { accountId: parentId!, amountMinor: 5_00, kind: "topup", memo: "test funds" } });
      return transferToChildAccountAction({ childId, amount: "1.25" });
    },
  },
] as const;

beforeEach(() => {
  session.actor = null;
});

describe("child account actions: every principal", () => {
  for (const c of CALLS) {
    for (const role of PRINCIPALS) {
      const allowed = role === OWNER_ROLE;
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused naming the account owner, nothing written"}`, async () => {
        const acct = await createTestAccount();
        session.actor = await loginAs(acct, role);
        const child = await fixtureChild(acct.id);
        const before = await family(acct.id);
        const r = await c.run(child.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await family(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: "Only the account owner can use “Child accounts”." });
          expect(await family(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const acct = await createTestAccount();
    const child = await fixtureChild(acct.id);
    const before = await family(acct.id);
    for (const c of CALLS) expect(await c.run(child.id)).toEqual({ ok: false, formError: expect.stringMatching(/session has ended/) });
    expect(await family(acct.id)).toEqual(before);
  });
});

describe("child account actions: behaviour", () => {
  it("create names every bad field, writing nothing; a good one creates an active child with the chosen role", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const before = await family(acct.id);
    const bad = await createChildAccountAction({ name: "9lives", email: "nope", password: "weak", role: "Root" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), email: expect.any(String), password: expect.any(String), role: expect.any(String) } });
    expect(await family(acct.id)).toEqual(before);
    const name = uniq("kid-");
    expect(await createChildAccountAction({ name, email: `${name}@test.local`, password: PASSWORD, role: "ProvisioningAgent" })).toMatchObject({ ok: true, data: { name } });
    expect(await db.account.findUniqueOrThrow({ where: { name } })).toMatchObject({ parentId: acct.id, childRole: "ProvisioningAgent", active: true });
  });

  it("another account's child, a grandchild or the owner's own account id: not found under childId, nothing written", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const mine = await fixtureChild(acct.id);
    const grandchild = await fixtureChild(mine.id);
    const stranger = await fixtureChild((await createTestAccount()).id);
    for (const id of [grandchild.id, stranger.id, acct.id]) {
      const r = await setChildAccountActiveAction({ childId: id, active: false });
      expect(r).toEqual({ ok: false, fieldErrors: { childId: expect.stringMatching(/not found/) } });
    }
    for (const id of [grandchild.id, stranger.id]) expect((await db.account.findUniqueOrThrow({ where: { id } })).active).toBe(true);
  });

  it("a suspended child cannot log in nor call the API; its open sessions end on their next request; reactivated, it can again", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const name = uniq("kid-");
    const created = await createChildAccountAction({ name, email: `${name}@test.local`, password: PASSWORD, role: "Administrator" });
    if (!created.ok) throw new Error("create failed");
    const childId = created.data.id;
    const ctx = { ip: "127.0.0.1", userAgent: "vitest", clock: systemClock };
    const login = await loginOwner(db, { login: name, password: PASSWORD }, ctx);
    if (!login.ok) throw new Error("the child cannot log in");
    expect(await loadPrincipal(db, login.sessionId, systemClock)).toMatchObject({ kind: "owner", accountId: childId });
    const childKey = await insertKey(childId, ["Owner"]);
    expect((await callAs(childKey, "GetAccountInfo")).body.error).toBeUndefined();

    expect(await setChildAccountActiveAction({ childId, active: false })).toMatchObject({ ok: true, data: { active: false } });
    expect(await loadPrincipal(db, login.sessionId, systemClock)).toBeNull();
    expect(await loginOwner(db, { login: name, password: PASSWORD }, ctx)).toEqual({ ok: false });
    expect((await callAs(childKey, "GetAccountInfo")).body.error?.code).toBe(100);

    expect(await setChildAccountActiveAction({ childId, active: true })).toMatchObject({ ok: true, data: { active: true } });
    expect(await loginOwner(db, { login: name, password: PASSWORD }, ctx)).toMatchObject({ ok: true });
    expect((await callAs(childKey, "GetAccountInfo")).body.error).toBeUndefined();
  });

  it("changes the role, audited in the parent's log", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const child = await fixtureChild(acct.id);
    expect(await setChildAccountRoleAction({ childId: child.id, role: "developer" })).toMatchObject({ ok: true, data: { role: "Developer" } });
    expect((await db.account.findUniqueOrThrow({ where: { id: child.id } })).childRole).toBe("Developer");
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "child_account.update", targetId: String(child.id) } });
    expect(JSON.parse(row.detail)).toMatchObject({ changes: { role: "Developer" } });
  });

  it("moves balance: the amount typed in major units; refusals land under amount, nothing written", async () => {
    const acct = await createTestAccount();
    session.actor = await loginAs(acct, OWNER_ROLE);
    const child = await fixtureChild(acct.id);
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "test funds" } });
    const before = await family(acct.id);
    for (const amount of ["", "abc", "0", "10.01", "1.001"]) {
      const r = await transferToChildAccountAction({ childId: child.id, amount });
      expect(r, amount).toEqual({ ok: false, fieldErrors: { amount: expect.any(String) } });
    }
    expect(await transferToChildAccountAction({ childId: child.id, amount: "10.01" })).toEqual({ ok: false, fieldErrors: { amount: expect.stringMatching(/^Insufficient funds/) } });
    expect(await family(acct.id)).toEqual(before);
    expect(await db.ledgerEntry.count({ where: { kind: "transfer", accountId: { in: [acct.id, child.id] } } })).toBe(0);
    expect(await transferToChildAccountAction({ childId: child.id, amount: "2.50" })).toMatchObject({
      ok: true,
      data: { id: child.id, amountMinor: 2_50, balanceMinor: 2_50, parentBalanceMinor: 7_50, currency: "USD" },
    });
  });
});
