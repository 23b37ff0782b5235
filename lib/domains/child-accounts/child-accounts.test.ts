// Child accounts' domain functions: only the account owner (and keys whose roles allow the
// method) manage them; a child's own role decides whether it may have children itself; every
// id outside the actor's own children is NOT_FOUND (115) with nothing written; suspending a
// child or changing its password ends its sessions at once. Threats: a subuser or a
// Developer/ProvisioningAgent child creating accounts; a parent reaching a sibling's or a
// grandchild's account; a suspended child staying logged in.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { canCallApi, type ApiMethod } from "@/lib/access/api-methods";
import { CHILD_ACCOUNT_ROLES, childAccountMay } from "@/lib/access/child-account-roles";
import { ASSIGNABLE_ROLES, OWNER_ROLE } from "@/lib/access/matrix";
import { systemClock } from "@/lib/core/clock";
import { loginOwner } from "@/lib/auth/login";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, uniq, type TestAccount } from "@/test/factories";
import { createChildAccount, setChildAccountActive, setChildAccountRole, updateChildAccounts } from "./mutations";
import { childAccountsAllowed, listChildAccounts } from "./queries";
import { reasonFor } from "@/test/reasons";

const PASSWORD = "Ch1ld-Passw0rd!";

async function child(parentId: number, role: string | null = "Administrator", active = true) {
  const name = uniq("kid-");
  return db.account.create({ data: { name, email: `${name}@test.local`, passwordHash: TEST_PASSWORD_HASH, parentId, childRole: role, active } });
}

async function familySnapshot(accountId: number) {
  const [children, audits] = await Promise.all([
    db.account.findMany({ where: { parentId: accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, email: true, active: true, childRole: true, passwordHash: true } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { children, audits };
}

function ownerActorOf(account: { id: number; name: string }): Actor {
  return { kind: "owner", accountId: account.id, accountName: account.name, subuserId: null, keyId: null, name: account.name, roles: [OWNER_ROLE], ip: "" };
}

const newChild = () => {
  const name = uniq("new-");
  return { name, email: `${name}@test.local`, password: PASSWORD };
};

describe("child accounts: who may manage them", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });

  type Case = { name: string; method: ApiMethod; writes: boolean; run: (a: Actor, childId: number) => Promise<unknown> };
  const CASES: Case[] = [
    { name: "createChildAccount", method: "AddAccount", writes: true, run: (a) => createChildAccount(a, newChild()) },
    { name: "listChildAccounts", method: "GetChildrenAccounts", writes: false, run: (a) => listChildAccounts(a, {}) },
    { name: "childAccountsAllowed", method: "GetChildrenAccounts", writes: false, run: (a) => childAccountsAllowed(a) },
    { name: "updateChildAccounts", method: "SetChildAccountInfo", writes: true, run: (a) => updateChildAccounts(a, { target: { ids: "all" }, role: "Developer" }) },
    {
      name: "setChildAccountRole",
      method: "SetChildAccountInfo",
      writes: true,
      run: (a, childId) => setChildAccountRole(a, { childId, role: "ProvisioningAgent" }),
    },
    {
      name: "setChildAccountActive",
      method: "SetChildAccountInfo",
      writes: true,
      run: (a, childId) => setChildAccountActive(a, { childId, active: false }),
    },
  ];

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = role === OWNER_ROLE;
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const kid = await child(acct.id);
        const actor = await acct.actor(role);
        const before = await familySnapshot(acct.id);
        if (allowed) {
          await c.run(actor, kid.id);
          const after = await familySnapshot(acct.id);
          if (c.writes) expect(after).not.toEqual(before);
          else expect(after).toEqual(before);
        } else {
          await expect(c.run(actor, kid.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await familySnapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("keys by the method's roles: refused ones get 104 and write nothing", async () => {
    for (const c of CASES) {
      for (const role of ASSIGNABLE_ROLES) {
        const key: Actor = { kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: "k", name: "key", roles: [role], ip: "" };
        const kid = await child(acct.id);
        const before = await familySnapshot(acct.id);
        if (canCallApi([role], c.method)) {
          await c.run(key, kid.id);
        } else {
          await expect(c.run(key, kid.id)).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
          expect(await familySnapshot(acct.id)).toEqual(before);
        }
      }
    }
  });

  it("a subuser's key, whatever its roles, gets 104 from every child-account function and writes nothing", async () => {
    const sub = await acct.actor("Admin");
    for (const c of CASES) {
      const key: Actor = { ...sub, kind: "key", keyId: "k", roles: ["Owner", "Admin"] };
      const kid = await child(acct.id);
      const before = await familySnapshot(acct.id);
      await expect(c.run(key, kid.id), c.name).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
      expect(await familySnapshot(acct.id)).toEqual(before);
    }
  });

  it("a child's role decides whether it may manage children of its own (seed 004)", async () => {
    expect(CHILD_ACCOUNT_ROLES.filter((r) => childAccountMay(r, "manage_child_accounts"))).toEqual(["Administrator"]);
    expect(childAccountMay(null, "manage_child_accounts")).toBe(true);
    expect(childAccountMay("Superuser", "manage_child_accounts")).toBe(false);
    expect(await childAccountsAllowed(ownerActorOf(acct))).toBe(true);
    for (const role of CHILD_ACCOUNT_ROLES) {
      const kid = await child(acct.id, role);
      const actor = ownerActorOf(kid);
      const before = await familySnapshot(kid.id);
      // The page asks first, so a child that may not gets a message rather than a server error.
      expect(await childAccountsAllowed(actor)).toBe(role === "Administrator");
      if (role === "Administrator") {
        const grandchild = await createChildAccount(actor, newChild());
        expect(grandchild.parentId).toBe(kid.id);
      } else {
        for (const run of [() => createChildAccount(actor, newChild()), () => listChildAccounts(actor), () => updateChildAccounts(actor, { target: { ids: "all" }, active: false })]) {
          await expect(run()).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
        }
        expect(await familySnapshot(kid.id)).toEqual(before);
      }
    }
  });
});

describe("child accounts: behaviour", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  it("creates an independent account with its own login, role and audit rows in both logs", async () => {
    const input = newChild();
    const kid = await createChildAccount(owner, { ...input, name: input.name.toUpperCase(), role: "provisioningagent" });
    expect(kid).toMatchObject({ name: input.name, email: input.email, active: true, role: "ProvisioningAgent", parentId: acct.id, balanceMinor: 0 });
    const login = await loginOwner(db, { login: input.email, password: PASSWORD }, { ip: "127.0.0.1", userAgent: "test", clock: systemClock });
    expect(login).toMatchObject({ ok: true, accountId: kid.id });
    expect(await db.auditLog.findFirst({ where: { accountId: acct.id, action: "child_account.create", targetId: String(kid.id) } })).not.toBeNull();
    expect(await db.auditLog.findFirst({ where: { accountId: kid.id, action: "account.create_by_parent" } })).not.toBeNull();
    const audits = await db.auditLog.findMany({ where: { targetId: String(kid.id) } });
    expect(audits.every((a) => !a.detail.includes(PASSWORD))).toBe(true);
  });

  it("refuses bad or taken names and emails, weak passwords and unknown roles, writing nothing", async () => {
    const existing = await child(acct.id);
    const before = await familySnapshot(acct.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: "1abc" }, "name", "INVALID_INPUT"],
      [{ name: existing.name }, "name", "CONFLICT"],
      [{ email: "not-an-email" }, "email", "INVALID_INPUT"],
      [{ email: existing.email.toUpperCase() }, "email", "CONFLICT"],
      [{ password: "weak" }, "password", "INVALID_INPUT"],
      [{ role: "Owner" }, "role", "INVALID_INPUT"],
    ];
    for (const [patch, field, code] of cases) {
      await expect(createChildAccount(owner, { ...newChild(), ...patch }), JSON.stringify(patch)).rejects.toMatchObject({ code, field });
    }
    expect(await familySnapshot(acct.id)).toEqual(before);
  });

  it("lists only the actor's own children (no grandchildren, no strangers), filtered and paged", async () => {
    const fresh = await createTestAccount();
    const a = await child(fresh.id, "Administrator");
    const b = await child(fresh.id, "Developer", false);
    await child(a.id);
    await child((await createTestAccount()).id);
    await db.ledgerEntry.create({ data: { accountId: b.id, amountMinor: 250, kind: "credit" } });
    const me = ownerActorOf({ id: fresh.id, name: fresh.name });
    const all = await listChildAccounts(me);
    expect(all.items.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(all.items[1]).toMatchObject({ role: "Developer", active: false, balanceMinor: 250 });
    expect((await listChildAccounts(me, { active: true })).items.map((c) => c.id)).toEqual([a.id]);
    expect((await listChildAccounts(me, { namePart: b.name.slice(-6) })).items.map((c) => c.id)).toEqual([b.id]);
    expect((await listChildAccounts(me, { count: 1, offset: 1 })).items.map((c) => c.id)).toEqual([b.id]);
    expect((await listChildAccounts(me, { ids: [b.id] })).total).toBe(1);
    const grandchild = await db.account.findFirstOrThrow({ where: { parentId: a.id } });
    await expect(listChildAccounts(me, { ids: [a.id, grandchild.id] })).rejects.toMatchObject({ code: "NOT_FOUND", reason: reasonFor(115) });
    expect((await listChildAccounts(me, { ids: [a.id, grandchild.id], ignoreInvalid: true })).items.map((c) => c.id)).toEqual([a.id]);
  });

  it("suspending ends every session of the child; a new password ends its owner's; the role changes", async () => {
    const kid = await child(acct.id, "Administrator");
    const sub = await db.subuser.create({ data: { accountId: kid.id, name: "kid-sub", passwordHash: TEST_PASSWORD_HASH } });
    const far = new Date(Date.now() + 3600_000);
    const mk = (subuserId: number | null) =>
      db.session.create({ data: { id: uniq("s-"), accountId: kid.id, subuserId, credVersion: 1, createdAt: new Date(), expiresAt: far } });
    const [ownerSession, subSession] = [await mk(null), await mk(sub.id)];
    await updateChildAccounts(owner, { target: { emails: [kid.email] }, password: "N3w-Child-Pass!", role: "Developer" });
    const afterPassword = await db.account.findUniqueOrThrow({ where: { id: kid.id } });
    expect(afterPassword).toMatchObject({ credVersion: 2, childRole: "Developer" });
    expect((await db.session.findUniqueOrThrow({ where: { id: ownerSession.id } })).revokedAt).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id: subSession.id } })).revokedAt).toBeNull();
    await updateChildAccounts(owner, { target: { names: [kid.name] }, active: false });
    expect((await db.account.findUniqueOrThrow({ where: { id: kid.id } })).active).toBe(false);
    expect((await db.session.findUniqueOrThrow({ where: { id: subSession.id } })).revokedAt).not.toBeNull();
  });

  it("another account's, a grandchild's or an unknown id is NOT_FOUND (115); a shared email is refused; nothing written", async () => {
    const mine = await child(acct.id);
    const mine2 = await child(acct.id);
    const grandchild = await child(mine.id);
    const stranger = await child((await createTestAccount()).id);
    const before = await familySnapshot(acct.id);
    const strangerBefore = await db.account.findUniqueOrThrow({ where: { id: stranger.id } });
    for (const target of [{ ids: [mine.id, stranger.id] }, { ids: [grandchild.id] }, { ids: [acct.id] }, { names: [mine.name, stranger.name] }, { emails: ["nobody@test.local"] }]) {
      await expect(updateChildAccounts(owner, { target, active: false }), JSON.stringify(target)).rejects.toMatchObject({ code: "NOT_FOUND", reason: reasonFor(115) });
    }
    await expect(updateChildAccounts(owner, { target: { ids: [mine.id, mine2.id] }, email: "one@test.local" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "email" });
    await expect(updateChildAccounts(owner, { target: { ids: [mine.id] }, email: mine2.email })).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    expect(await familySnapshot(acct.id)).toEqual(before);
    expect(await db.account.findUniqueOrThrow({ where: { id: stranger.id } })).toEqual(strangerBefore);
  });
});
