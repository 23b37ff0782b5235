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
import { createChildAccount, setChildAccountActive, setChildAccountRole, transferToChildAccount, updateChildAccounts } from "./mutations";
import { childAccountsAllowed, listChildAccounts } from "./queries";
import { reasonFor } from "@/test/reasons";
import { ZTransferToChildForm } from "./schemas";

const PASSWORD = "Ch1ld-Passw0rd!";

async function child(parentId: number, role: string | null = "Administrator", active = true) {
  const name = uniq("kid-");
  return db.account.create({ data: { name, email: `${name}@test.local`, passwordHash: TEST_PASSWORD_HASH, parentId, childRole: role, active } });
}

async function familySnapshot(accountId: number) {
  const [children, audits, ledger] = await Promise.all([
    db.account.findMany({ where: { parentId: accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, email: true, active: true, childRole: true, passwordHash: true } }),
    db.auditLog.count({ where: { accountId } }),
    db.ledgerEntry.count({ where: { account: { OR: [{ id: accountId }, { parentId: accountId }] } } }),
  ]);
  return { children, audits, ledger };
}

/** Credits an account's ledger directly (a top-up without the payment simulator). */
async function fund(accountId: number, amountMinor: number) {
  await db.ledgerEntry.create({ data: { accountId, amountMinor, kind: "topup", memo: "test funds" } });
}

const balanceOf = async (accountId: number) =>
  (await db.ledgerEntry.findFirst({ where: { accountId }, orderBy: { id: "desc" }, select: { balanceAfterMinor: true } }))?.balanceAfterMinor ?? 0;

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
    await fund(acct.id, 1_000_00); // every allowed move below takes 1 cent
  });

  type Case = { name: string; method: ApiMethod; writes: boolean; run: (a: Actor, childId: number) => Promise<unknown> };
  const CASES: Case[] = [
    { name: "createChildAccount", method: "AddAccount", writes: true, run: (a) => createChildAccount(a, newChild()) },
    { name: "listChildAccounts", method: "GetChildrenAccounts", writes: false, run: (a) => listChildAccounts(a, {}) },
    { name: "childAccountsAllowed", method: "GetChildrenAccounts", writes: false, run: (a) => childAccountsAllowed(a) },
    { name: "transferToChildAccount", method: "SetChildAccountInfo", writes: true, run: (a, childId) => transferToChildAccount(a, { childId, amountMinor: 1 }) },
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
        const runs = [
          () => createChildAccount(actor, newChild()),
          () => listChildAccounts(actor),
          () => updateChildAccounts(actor, { target: { ids: "all" }, active: false }),
          () => transferToChildAccount(actor, { childId: kid.id, amountMinor: 1 }),
        ];
        for (const run of runs) {
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

  it("moves balance to a child: a transfer entry on each ledger, audit rows in both logs", async () => {
    const kid = await child(acct.id);
    await fund(acct.id, 100_00);
    const parentBefore = await balanceOf(acct.id);
    const t = await transferToChildAccount(owner, { childId: kid.id, amountMinor: 30_00 });
    expect(t).toMatchObject({ amountMinor: 30_00, currency: "USD", parentBalanceMinor: parentBefore - 30_00, child: { id: kid.id, balanceMinor: 30_00 } });
    expect(await balanceOf(acct.id)).toBe(parentBefore - 30_00);
    expect(await balanceOf(kid.id)).toBe(30_00);
    const entries = await db.ledgerEntry.findMany({ where: { kind: "transfer", accountId: { in: [acct.id, kid.id] }, referenceId: { in: [String(kid.id), String(acct.id)] } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.accountId, e.amountMinor, e.referenceType, e.referenceId, e.memo])).toEqual([
      [acct.id, -30_00, "account", String(kid.id), `Moved to child account ${kid.name}`],
      [kid.id, 30_00, "account", String(acct.id), `Moved from parent account ${acct.name}`],
    ]);
    expect(await db.auditLog.findFirst({ where: { accountId: acct.id, action: "child_account.transfer", targetId: String(kid.id) } })).not.toBeNull();
    expect(await db.auditLog.findFirst({ where: { accountId: kid.id, action: "account.transfer_from_parent" } })).not.toBeNull();
    // The child spends it as its own: its balance is the ledger's.
    await transferToChildAccount(owner, { childId: kid.id, amountMinor: 1 });
    expect(await balanceOf(kid.id)).toBe(30_01);
  });

  it("refuses a move the balance cannot cover (never the credit limit), bad amounts and other accounts' children, writing nothing", async () => {
    const poor = await createTestAccount();
    const poorOwner = await poor.actor(OWNER_ROLE);
    await db.account.update({ where: { id: poor.id }, data: { creditLimitMinor: 1_000_00 } });
    await fund(poor.id, 10_00);
    const kid = await child(poor.id);
    const grandchild = await child(kid.id);
    const stranger = await child(acct.id);
    const before = await familySnapshot(poor.id);
    await expect(transferToChildAccount(poorOwner, { childId: kid.id, amountMinor: 10_01 })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "amountMinor",
      reason: "insufficient_funds",
      message: expect.stringContaining("cannot use the credit limit"),
    });
    for (const amountMinor of [0, -5_00, 1.5, 100_000_01, Number.NaN]) {
      await expect(transferToChildAccount(poorOwner, { childId: kid.id, amountMinor }), String(amountMinor)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "amountMinor" });
    }
    for (const childId of [grandchild.id, stranger.id, poor.id, 999_999_999]) {
      await expect(transferToChildAccount(poorOwner, { childId, amountMinor: 1_00 }), String(childId)).rejects.toMatchObject({ code: "NOT_FOUND", field: "childId" });
    }
    await db.account.update({ where: { id: kid.id }, data: { currency: "EUR" } });
    await expect(transferToChildAccount(poorOwner, { childId: kid.id, amountMinor: 1_00 })).rejects.toMatchObject({ code: "CONFLICT", field: "childId" });
    expect(await familySnapshot(poor.id)).toEqual(before);
    expect(await balanceOf(poor.id)).toBe(10_00);
    // The whole balance may move.
    await db.account.update({ where: { id: kid.id }, data: { currency: "USD" } });
    await transferToChildAccount(poorOwner, { childId: kid.id, amountMinor: 10_00 });
    expect([await balanceOf(poor.id), await balanceOf(kid.id)]).toEqual([0, 10_00]);
  });

  it("the Move balance form reads major units and names the amount field", () => {
    expect(ZTransferToChildForm.parse({ childId: 5, amount: "25.50" })).toEqual({ childId: 5, amount: 25_50 });
    const cases: [string, string][] = [
      ["", "Enter the amount"],
      ["abc", "Enter the amount as a number, like 25 or 25.50"],
      ["0", "Enter an amount above 0"],
      ["100000.01", "The largest move is 100000.00"],
    ];
    for (const [amount, message] of cases) {
      const r = ZTransferToChildForm.safeParse({ childId: 5, amount });
      expect(r.success ? null : r.error.issues.map((i) => [i.path.join("."), i.message]), amount).toEqual([["amount", message]]);
    }
  });
});
