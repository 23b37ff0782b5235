import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, type Role, type SectionId } from "@/lib/access/matrix";
import { canCallApi, type ApiMethod } from "@/lib/access/api-methods";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, uniq, type TestAccount } from "@/test/factories";
import { createApplication, deleteApplication, renameApplication, setApplicationInfo } from "./mutations";
import { getApplication, listApplications, userCountsOf } from "./queries";
import { reasonFor } from "@/test/reasons";

/** Everything an application mutation could touch in an account, for before/after comparison. */
async function snapshot(accountId: number) {
  const [applications, users, kv, audits] = await Promise.all([
    db.application.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, name: true, secureRecordStorage: true } }),
    db.appUser.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { id: true, applicationId: true, name: true } }),
    db.kvItem.count({ where: { accountId } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { applications, users, kv, audits };
}

async function addApp(accountId: number, name = uniq("app-"), users = 0) {
  const app = await db.application.create({ data: { accountId, name } });
  for (let i = 0; i < users; i++) {
    await db.appUser.create({ data: { accountId, applicationId: app.id, name: `user${i}`, displayName: `User ${i}`, passwordHash: TEST_PASSWORD_HASH } });
  }
  return app;
}

const lastAudit = (accountId: number) => db.auditLog.findFirst({ where: { accountId }, orderBy: { id: "desc" } });

type Case = {
  name: string;
  section: SectionId;
  method: ApiMethod;
  /** Runs the mutation against a fresh application of the account. */
  run: (actor: Actor, appId: number) => Promise<unknown>;
  audit: string;
};

const CASES: Case[] = [
  { name: "createApplication", section: "applications", method: "AddApplication", audit: "application.create", run: (a) => createApplication(a, { name: uniq("new-") }) },
  { name: "renameApplication", section: "applications", method: "SetApplicationInfo", audit: "application.rename", run: (a, id) => renameApplication(a, { applicationId: id, name: uniq("ren-") }) },
  { name: "setApplicationInfo", section: "application", method: "SetApplicationInfo", audit: "application.update", run: (a, id) => setApplicationInfo(a, { applicationId: id, secureRecordStorage: true }) },
  { name: "deleteApplication", section: "applications", method: "DelApplication", audit: "application.delete", run: (a, id) => deleteApplication(a, { applicationId: id }) },
];

describe("application mutations: the matrix, for every principal", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, c.section);
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const actor = await acct.actor(role);
        const app = await addApp(acct.id, undefined, 2);
        const before = await snapshot(acct.id);
        if (allowed) {
          await c.run(actor, app.id);
          const after = await snapshot(acct.id);
          expect(after.audits).toBe(before.audits + 1);
          expect((await lastAudit(acct.id))?.action).toBe(c.audit);
          expect(after).not.toEqual(before);
        } else {
          await expect(c.run(actor, app.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("API keys are checked against the method's roles, not the panel section", async () => {
    const app = await addApp(acct.id);
    for (const c of CASES) {
      for (const role of PRINCIPALS.filter((r): r is Exclude<Role, "MainAccount"> => r !== "MainAccount")) {
        const key: Actor = { kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: "k-1", name: "key", roles: [role], ip: "" };
        if (canCallApi([role], c.method)) continue; // the allowed side is covered by the panel cases' bodies
        const before = await snapshot(acct.id);
        await expect(c.run(key, app.id), `${c.name} ${role}`).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    }
    const adminKey: Actor = { kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: "k-2", name: "key", roles: ["Admin"], ip: "" };
    const created = await createApplication(adminKey, { name: uniq("bykey-") });
    expect(created.id).toBeGreaterThan(0);
    const row = await lastAudit(acct.id);
    expect(row).toMatchObject({ action: "application.create", actorType: "key", actorId: "k-2" });
  });
});

describe("application mutations: tenancy", () => {
  it("another account's application id is NOT_FOUND, with nothing written anywhere", async () => {
    const mine = await createTestAccount();
    const other = await createTestAccount();
    const theirs = await addApp(other.id, "theirs", 2);
    await db.kvItem.create({ data: { accountId: other.id, applicationId: theirs.id, key: "k", value: "v" } });
    const owner = await mine.actor("MainAccount");
    const beforeMine = await snapshot(mine.id);
    const beforeOther = await snapshot(other.id);
    for (const c of CASES.filter((x) => x.name !== "createApplication")) {
      await expect(c.run(owner, theirs.id), c.name).rejects.toMatchObject({ code: "NOT_FOUND", field: "applicationId", reason: reasonFor(558) });
    }
    for (const garbage of [0, -1, 1.5, "abc", 2 ** 60]) {
      await expect(deleteApplication(owner, { applicationId: garbage })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "applicationId" });
    }
    expect(await snapshot(mine.id)).toEqual(beforeMine);
    expect(await snapshot(other.id)).toEqual(beforeOther);
    expect(await getApplication(owner, theirs.id)).toBeNull();
    expect((await userCountsOf(owner, [theirs.id])).get(theirs.id)).toBe(0);
    expect((await listApplications(owner)).items).toEqual([]);
  });
});

describe("application mutations: validation and conflicts", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
  });

  const BAD_NAMES = ["", "a", "1abc", "-abc", "Sales", "sales app", "sales_app", "sáles", `a${"b".repeat(65)}`, "sales.app"];

  it.each(BAD_NAMES)("name %j is refused on the name field (107) and nothing is written", async (name) => {
    const app = await addApp(acct.id);
    const before = await snapshot(acct.id);
    await expect(createApplication(owner, { name })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name", reason: reasonFor(107) });
    await expect(renameApplication(owner, { applicationId: app.id, name })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name", reason: reasonFor(107) });
    await expect(setApplicationInfo(owner, { applicationId: app.id, name })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name", reason: reasonFor(107) });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("accepts the edges of the name rule", async () => {
    for (const name of ["ab", `a${"9".repeat(64)}`, "a-1-b"]) {
      const app = await createApplication(owner, { name });
      expect(app.name).toBe(name);
    }
  });

  it("duplicate names are CONFLICT (129) on the name field, per account only", async () => {
    const name = uniq("dup-");
    const first = await createApplication(owner, { name });
    const other = await addApp(acct.id);
    const before = await snapshot(acct.id);
    await expect(createApplication(owner, { name })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: reasonFor(129) });
    await expect(renameApplication(owner, { applicationId: other.id, name })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: reasonFor(129) });
    await expect(setApplicationInfo(owner, { applicationId: other.id, name })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: reasonFor(129) });
    expect(await snapshot(acct.id)).toEqual(before);
    // Renaming to its own name is not a conflict; another account may use the name.
    await expect(renameApplication(owner, { applicationId: first.id, name })).resolves.toMatchObject({ name });
    const elsewhere = await createTestAccount();
    await expect(createApplication(await elsewhere.actor("MainAccount"), { name })).resolves.toMatchObject({ name });
  });
});

describe("application mutations: effects", () => {
  it("create returns the full name and writes its audit row in the same transaction", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const app = await createApplication(owner, { name: "  voice-bot  ", secureRecordStorage: true });
    expect(app).toMatchObject({ name: "voice-bot", fullName: `voice-bot.${acct.name}.switchboard.local`, secureRecordStorage: true });
    const row = await lastAudit(acct.id);
    expect(row).toMatchObject({ action: "application.create", targetType: "application", targetId: String(app.id), actorType: "owner" });
    expect(JSON.parse(row!.detail)).toMatchObject({ name: "voice-bot" });
  });

  it("rename and setApplicationInfo change only the named application and log from/to", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const a = await addApp(acct.id, "alpha");
    const b = await addApp(acct.id, "beta");
    await renameApplication(owner, { applicationId: a.id, name: "gamma" });
    expect(JSON.parse((await lastAudit(acct.id))!.detail)).toEqual({ from: "alpha", to: "gamma" });
    const updated = await setApplicationInfo(owner, { applicationId: String(a.id), secureRecordStorage: true });
    expect(updated).toMatchObject({ name: "gamma", secureRecordStorage: true });
    expect(await db.application.findUnique({ where: { id: b.id } })).toMatchObject({ name: "beta", secureRecordStorage: false });
  });

  it("delete removes the application with its users and key-value items, and nothing of others", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const doomed = await addApp(acct.id, "doomed", 3);
    const kept = await addApp(acct.id, "kept", 2);
    await db.kvItem.create({ data: { accountId: acct.id, applicationId: doomed.id, key: "k", value: "v" } });
    const res = await deleteApplication(owner, { applicationId: doomed.id });
    expect(res).toEqual({ id: doomed.id, name: "doomed", deletedUsers: 3 });
    const after = await snapshot(acct.id);
    expect(after.applications.map((x) => x.name)).toEqual(["kept"]);
    expect(after.users.every((u) => u.applicationId === kept.id)).toBe(true);
    expect(after.users).toHaveLength(2);
    expect(after.kv).toBe(0);
    expect(JSON.parse((await lastAudit(acct.id))!.detail)).toEqual({ name: "doomed", deletedUsers: 3 });
  });
});

describe("application queries", () => {
  it("lists the account's applications with user counts, filters by name part and pages", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await addApp(acct.id, "beta", 2);
    await addApp(acct.id, "alpha", 1);
    await addApp(acct.id, "gamma-beta", 0);
    const all = await listApplications(owner);
    expect(all.total).toBe(3);
    expect(all.items.map((a) => [a.name, a.userCount])).toEqual([["alpha", 1], ["beta", 2], ["gamma-beta", 0]]);
    expect(all.items[0]?.fullName).toBe(`alpha.${acct.name}.switchboard.local`);
    const filtered = await listApplications(owner, { namePart: "beta", count: 1, offset: 1 });
    expect(filtered.total).toBe(2);
    expect(filtered.items.map((a) => a.name)).toEqual(["gamma-beta"]);
  });

  it("the list is refused to principals without the Applications section", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (can(actor, "applications")) await expect(listApplications(actor)).resolves.toMatchObject({ total: 0 });
      else await expect(listApplications(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
