import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import { canCallApi, type ApiMethod } from "@/lib/access/api-methods";
import type { Actor } from "@/lib/access/actor-types";
import { verifyPassword } from "@/lib/auth/passwords";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD, TEST_PASSWORD_HASH, uniq, type TestAccount } from "@/test/factories";
import { createAppUser, deleteAppUser, setAppUserActive, updateAppUser } from "./mutations";
import { countAppUsers, listAppUsers } from "./queries";
import { reasonFor } from "@/test/reasons";

const GOOD_PASSWORD = "Str0ng-Pass!x";

async function snapshot(accountId: number) {
  const [users, audits] = await Promise.all([
    db.appUser.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { users, audits };
}

async function addApp(accountId: number, name = uniq("app-")) {
  return db.application.create({ data: { accountId, name } });
}

async function addUser(accountId: number, applicationId: number, name = uniq("u"), extra: Partial<{ displayName: string; active: boolean }> = {}) {
  return db.appUser.create({ data: { accountId, applicationId, name, displayName: extra.displayName ?? `User ${name}`, active: extra.active ?? true, passwordHash: TEST_PASSWORD_HASH } });
}

const lastAudit = (accountId: number) => db.auditLog.findFirst({ where: { accountId }, orderBy: { id: "desc" } });

type Case = { name: string; method: ApiMethod; audit: string; run: (a: Actor, appId: number, userId: number) => Promise<unknown> };

const CASES: Case[] = [
  { name: "createAppUser", method: "AddUser", audit: "app_user.create", run: (a, appId) => createAppUser(a, { applicationId: appId, name: uniq("n"), password: GOOD_PASSWORD, displayName: "New One" }) },
  { name: "updateAppUser", method: "SetUserInfo", audit: "app_user.update", run: (a, appId, id) => updateAppUser(a, { applicationId: appId, userId: id, displayName: "Changed" }) },
  { name: "setAppUserActive", method: "SetUserInfo", audit: "app_user.deactivate", run: (a, appId, id) => setAppUserActive(a, { applicationId: appId, userId: id, active: false }) },
  { name: "deleteAppUser", method: "DelUser", audit: "app_user.delete", run: (a, appId, id) => deleteAppUser(a, { applicationId: appId, userId: id }) },
];

describe("application user mutations: the matrix, for every principal", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await addApp(acct.id)).id;
  });

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.users");
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const actor = await acct.actor(role);
        const user = await addUser(acct.id, appId);
        const before = await snapshot(acct.id);
        if (allowed) {
          await c.run(actor, appId, user.id);
          const after = await snapshot(acct.id);
          expect(after.audits).toBe(before.audits + 1);
          const row = await lastAudit(acct.id);
          expect(row).toMatchObject({ action: c.audit, actorType: actor.kind });
          expect(after.users).not.toEqual(before.users);
        } else {
          await expect(c.run(actor, appId, user.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("API keys follow the methods' roles (GetUsers is wider than AddUser)", async () => {
    for (const role of PRINCIPALS.filter((r) => r !== "MainAccount")) {
      const key: Actor = { kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: `k-${role}`, name: "key", roles: [role], ip: "" };
      const user = await addUser(acct.id, appId);
      for (const c of CASES) {
        const before = await snapshot(acct.id);
        if (canCallApi([role], c.method)) {
          await c.run(key, appId, (await addUser(acct.id, appId)).id);
          expect((await lastAudit(acct.id))?.actorId, `${c.name} ${role}`).toBe(`k-${role}`);
        } else {
          await expect(c.run(key, appId, user.id), `${c.name} ${role}`).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      }
      if (canCallApi([role], "GetUsers")) await expect(listAppUsers(key, { applicationId: appId })).resolves.toBeTruthy();
      else await expect(listAppUsers(key, { applicationId: appId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("application user mutations: tenancy", () => {
  it("another account's user or application, or a user of another application, is NOT_FOUND with nothing written", async () => {
    const mine = await createTestAccount();
    const other = await createTestAccount();
    const owner = await mine.actor("MainAccount");
    const myApp = await addApp(mine.id);
    const mySecondApp = await addApp(mine.id);
    const myUserInSecond = await addUser(mine.id, mySecondApp.id, "bob");
    const theirApp = await addApp(other.id);
    const theirUser = await addUser(other.id, theirApp.id, "alice");
    const beforeMine = await snapshot(mine.id);
    const beforeOther = await snapshot(other.id);
    const refs: Array<[number, number, string]> = [
      [theirApp.id, theirUser.id, "applicationId"], // both foreign
      [myApp.id, theirUser.id, "userId"], // my app, their user
      [myApp.id, myUserInSecond.id, "userId"], // my user, but another of my applications
    ];
    for (const [appId, userId, field] of refs) {
      for (const c of CASES.filter((x) => x.name !== "createAppUser")) {
        await expect(c.run(owner, appId, userId), `${c.name} ${appId}/${userId}`).rejects.toMatchObject({ code: "NOT_FOUND", field: field === "applicationId" ? "userId" : field });
      }
    }
    await expect(createAppUser(owner, { applicationId: theirApp.id, name: "mallory", password: GOOD_PASSWORD, displayName: "M" })).rejects.toMatchObject({ code: "NOT_FOUND", field: "applicationId", reason: reasonFor(558) });
    await expect(listAppUsers(owner, { applicationId: theirApp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(mine.id)).toEqual(beforeMine);
    expect(await snapshot(other.id)).toEqual(beforeOther);
  });
});

describe("application user mutations: validation", () => {
  let acct: TestAccount;
  let owner: Actor;
  let appId: number;
  let userId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
    appId = (await addApp(acct.id)).id;
    userId = (await addUser(acct.id, appId, "existing")).id;
  });

  const base = () => ({ applicationId: appId, name: uniq("v"), password: GOOD_PASSWORD, displayName: "Valid Name" });

  const BAD: Array<[string, Record<string, unknown>, string, number?]> = [
    ["empty username", { name: "" }, "name", 134],
    ["too short username", { name: "ab" }, "name"],
    ["too long username", { name: `a${"b".repeat(50)}` }, "name"],
    ["username starting with _", { name: "_abc" }, "name"],
    ["username with a dot", { name: "ab.c" }, "name"],
    ["username with a space", { name: "ab c" }, "name"],
    ["weak password", { password: "password" }, "password", 464],
    ["password with spaces", { password: "Str0ng Pass!x" }, "password", 524],
    ["common password", { password: "Password1!" }, "password"],
    ["empty display name", { displayName: "   " }, "displayName", 157],
    ["display name over 255", { displayName: "x".repeat(256) }, "displayName", 157],
    ["custom data of 8192", { customData: "x".repeat(8192) }, "customData", 212],
    ["non-boolean active", { active: "yes" }, "active"],
    ["garbage application id", { applicationId: "1; drop" }, "applicationId", 116],
  ];

  it.each(BAD)("create: %s is a field error naming %s, nothing written", async (_label, patch, field, apiCode) => {
    const before = await snapshot(acct.id);
    const err = await createAppUser(owner, { ...base(), ...patch } as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INVALID_INPUT", field, ...(apiCode ? { reason: reasonFor(apiCode) } : {}) });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it.each(BAD.filter(([, patch]) => !("applicationId" in patch) && !("name" in patch && patch.name === "")))(
    "update: %s is a field error naming %s, nothing written",
    async (_label, patch, field) => {
      const before = await snapshot(acct.id);
      await expect(updateAppUser(owner, { applicationId: appId, userId, ...patch } as never)).rejects.toMatchObject({ code: "INVALID_INPUT", field });
      expect(await snapshot(acct.id)).toEqual(before);
    },
  );

  it("accepts the edges: 3 and 50 character usernames, 255-character display name, 8191 characters of custom data", async () => {
    const a = await createAppUser(owner, { ...base(), name: "a_1", displayName: "d".repeat(255), customData: "c".repeat(8191) });
    expect(a).toMatchObject({ name: "a_1", active: true, separateBalance: false, parentAccounting: true });
    const b = await createAppUser(owner, { ...base(), name: `9${"z".repeat(49)}` });
    expect(b.name).toHaveLength(50);
  });

  it("a duplicate username in the same application is CONFLICT (118) on the name field; other applications may reuse it", async () => {
    const before = await snapshot(acct.id);
    await expect(createAppUser(owner, { ...base(), name: "existing" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: reasonFor(118) });
    await expect(createAppUser(owner, { ...base(), name: "EXISTING" })).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
    const other = await addUser(acct.id, appId, "other-one");
    const mid = await snapshot(acct.id);
    await expect(updateAppUser(owner, { applicationId: appId, userId: other.id, name: "existing" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: reasonFor(118) });
    expect(await snapshot(acct.id)).toEqual(mid);
    expect(mid.users.length).toBe(before.users.length + 1);
    const secondApp = await addApp(acct.id);
    await expect(createAppUser(owner, { ...base(), applicationId: secondApp.id, name: "existing" })).resolves.toMatchObject({ name: "existing" });
  });
});

describe("application user mutations: effects", () => {
  it("create stores an argon2id hash, the flags and custom data, and audits without secrets", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const app = await addApp(acct.id);
    const u = await createAppUser(owner, { applicationId: app.id, name: "  Carol ", password: GOOD_PASSWORD, displayName: " Carol Chen ", active: false, separateBalance: true, customData: '{"tier":1}' });
    expect(u).toMatchObject({ name: "carol", displayName: "Carol Chen", active: false, separateBalance: true, parentAccounting: false });
    const row = await db.appUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, GOOD_PASSWORD)).toBe(true);
    expect(row.customData).toBe('{"tier":1}');
    const audit = await lastAudit(acct.id);
    expect(audit).toMatchObject({ action: "app_user.create", targetType: "app_user", targetId: String(u.id) });
    expect(audit!.detail).not.toContain(GOOD_PASSWORD);
    expect(audit!.detail).not.toContain("argon2");
  });

  it("update changes only what is given; a blank password keeps the old one; a new one is re-hashed", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const app = await addApp(acct.id);
    const u = await addUser(acct.id, app.id, "dave", { displayName: "Dave" });
    const neighbour = await addUser(acct.id, app.id, "erin");
    await updateAppUser(owner, { applicationId: app.id, userId: u.id, displayName: "Dave Dunn", password: "" });
    let row = await db.appUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ displayName: "Dave Dunn", active: true, parentAccounting: true, passwordHash: TEST_PASSWORD_HASH });
    await updateAppUser(owner, { applicationId: app.id, userId: u.id, password: GOOD_PASSWORD, separateBalance: true, active: false, name: "david", displayName: "Dave Dunn", customData: "" });
    row = await db.appUser.findUniqueOrThrow({ where: { id: u.id } });
    expect(row).toMatchObject({ name: "david", active: false, parentAccounting: false });
    expect(await verifyPassword(row.passwordHash, GOOD_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(false);
    const audit = await lastAudit(acct.id);
    // Only what changed, in the panel's terms; the display name given again unchanged is not listed.
    expect(JSON.parse(audit!.detail)).toMatchObject({ passwordChanged: true, customDataChanged: false, changes: { name: "david", active: false, separateBalance: true } });
    expect(Object.keys(JSON.parse(audit!.detail).changes)).toEqual(["name", "active", "separateBalance"]);
    expect(audit!.detail).not.toContain(GOOD_PASSWORD);
    expect(await db.appUser.findUniqueOrThrow({ where: { id: neighbour.id } })).toMatchObject({ name: "erin", active: true });
  });

  it("activate/deactivate and delete touch one user", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const app = await addApp(acct.id);
    const u = await addUser(acct.id, app.id, "frank");
    const keep = await addUser(acct.id, app.id, "grace");
    await expect(setAppUserActive(owner, { applicationId: app.id, userId: u.id, active: false })).resolves.toMatchObject({ active: false });
    await expect(setAppUserActive(owner, { applicationId: app.id, userId: u.id, active: true })).resolves.toMatchObject({ active: true });
    expect((await lastAudit(acct.id))?.action).toBe("app_user.activate");
    await expect(deleteAppUser(owner, { applicationId: app.id, userId: u.id })).resolves.toEqual({ id: u.id, name: "frank" });
    expect(await db.appUser.findMany({ where: { applicationId: app.id }, select: { id: true } })).toEqual([{ id: keep.id }]);
  });
});

describe("listAppUsers", () => {
  let acct: TestAccount;
  let owner: Actor;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor("MainAccount");
    appId = (await addApp(acct.id)).id;
    const other = await addApp(acct.id);
    const people: Array<[string, string, boolean]> = [
      ["alice", "Zed Alice", true],
      ["alfred", "Alfred Young", false],
      ["bob", "Bob Baker", true],
      ["carol", "carol lower", true],
      ["albert", "Albert Xi", true],
    ];
    for (const [name, displayName, active] of people) await addUser(acct.id, appId, name, { displayName, active });
    await addUser(acct.id, other.id, "alpha-elsewhere");
  });

  const names = (r: { items: { name: string }[] }) => r.items.map((u) => u.name);

  // Display names sort in the index's binary order ("carol lower" after "Zed Alice"): that is
  // what keeps sorting 100,000 users on an index instead of a full sort.
  it("orders by each allowed column in both directions, scoped to the application", async () => {
    expect(names(await listAppUsers(owner, { applicationId: appId }))).toEqual(["albert", "alfred", "alice", "bob", "carol"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, orderBy: "name", dir: "desc" }))).toEqual(["carol", "bob", "alice", "alfred", "albert"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, orderBy: "displayName", dir: "desc" }))).toEqual(["carol", "alice", "bob", "alfred", "albert"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, orderBy: "id" }))).toEqual(["alice", "alfred", "bob", "carol", "albert"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, orderBy: "createdAt", dir: "desc" }))[0]).toBe("albert");
  });

  it("q is a case-insensitive username prefix; total counts all matches across pages", async () => {
    const page1 = await listAppUsers(owner, { applicationId: appId, q: "AL", count: 2 });
    expect(page1.total).toBe(3);
    expect(names(page1)).toEqual(["albert", "alfred"]);
    const page2 = await listAppUsers(owner, { applicationId: appId, q: "al", count: 2, offset: 2 });
    expect(names(page2)).toEqual(["alice"]);
    expect((await listAppUsers(owner, { applicationId: appId, q: "lic" })).total).toBe(0);
  });

  it("supports the API's filters: id, name part, display name part, active", async () => {
    const alice = (await listAppUsers(owner, { applicationId: appId, namePart: "lic" })).items;
    expect(alice.map((u) => u.name)).toEqual(["alice"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, userId: alice[0]!.id }))).toEqual(["alice"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, displayNamePart: "Baker" }))).toEqual(["bob"]);
    expect(names(await listAppUsers(owner, { applicationId: appId, active: false }))).toEqual(["alfred"]);
    const withData = await listAppUsers(owner, { applicationId: appId, withCustomData: true, count: 1 });
    expect(withData.items[0]).toHaveProperty("customData", "");
    expect((await listAppUsers(owner, { applicationId: appId, count: 1 })).items[0]).not.toHaveProperty("customData");
    expect(await countAppUsers(owner, appId)).toBe(5);
  });

  it("is refused to principals without application.users", async () => {
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (can(actor, "application.users")) await expect(listAppUsers(actor, { applicationId: appId })).resolves.toMatchObject({ total: 5 });
      else await expect(listAppUsers(actor, { applicationId: appId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
