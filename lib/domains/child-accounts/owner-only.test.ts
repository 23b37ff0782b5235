// Threat: account takeover through child accounts (issue 7, docs/PRODUCT.md section 5: "child
// accounts are the account owner's alone"). Each finding as it was observed: an Admin subuser's key
// resetting a child's password with SetChildAccountInfo; an Owner subuser's key acting inside a
// child (token iss = the child's id) to create an Admin subuser and an Admin key there; Admin
// subusers' keys listing and creating children. Only keys the account owner created reach child
// accounts; a subuser's key has no reach there at all.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD_HASH, type TestAccount } from "@/test/factories";
import { callApi, callAs, insertKey, snapshot, tokenFor, type TestKey } from "@/test/api-kit";
import { fixtureChild } from "./api-fixtures";

async function family(acct: TestAccount) {
  const children = await db.account.findMany({ where: { parentId: acct.id }, orderBy: { id: "asc" } });
  const inside = await Promise.all(children.map((c) => snapshot(c.id)));
  return { parent: await snapshot(acct.id), children, inside };
}

async function subuserKey(acct: TestAccount, roles: ("Owner" | "Admin")[]): Promise<TestKey> {
  const sub = await db.subuser.create({
    data: { accountId: acct.id, name: `sub-${roles.join("-").toLowerCase()}`, passwordHash: TEST_PASSWORD_HASH, roles: { create: roles.map((role) => ({ role })) } },
  });
  return insertKey(acct.id, roles, sub.id);
}

describe("child accounts are the account owner's alone (issue 7 findings)", () => {
  it("an Admin subuser's key cannot take a child over with SetChildAccountInfo (104, password unchanged)", async () => {
    const acct = await createTestAccount();
    const child = await fixtureChild(acct.id);
    const key = await subuserKey(acct, ["Admin"]);
    const before = await family(acct);
    const { body } = await callAs(key, "SetChildAccountInfo", { child_account_id: String(child.id), new_child_account_password: "Taken-0ver-Now!", new_child_account_email: "attacker@evil.test" });
    expect(body.error?.code).toBe(104);
    expect(await family(acct)).toEqual(before);
    expect((await db.account.findUniqueOrThrow({ where: { id: child.id } })).passwordHash).toBe(child.passwordHash);
  });

  it("an Owner subuser's key with iss = a child creates nothing inside it: no Admin subuser, no Admin key (100)", async () => {
    const acct = await createTestAccount();
    const child = await fixtureChild(acct.id);
    const key = await subuserKey(acct, ["Owner"]);
    const before = await family(acct);
    const token = () => tokenFor(key, { iss: child.id });
    const add = await callApi("AddSubUser", { new_subuser_name: "takeover", new_subuser_password: "Taken-0ver-Now!", role_name: "Admin" }, { token: await token() });
    expect(add.body.error?.code).toBe(100);
    const made = await callApi("CreateKey", { key_name: "backdoor", role_name: "Admin" }, { token: await token() });
    expect(made.body.error?.code).toBe(100);
    for (const m of ["GetAccountInfo", "GetSubUsers", "GetApplications", "GetKeys"]) {
      expect((await callApi(m, {}, { token: await token() })).body.error?.code, m).toBe(100);
    }
    expect(await family(acct)).toEqual(before);
    expect(await db.subuser.count({ where: { accountId: child.id } })).toBe(0);
    expect(await db.apiKey.count({ where: { accountId: child.id } })).toBe(0);
  });

  it("Admin subusers' keys neither list nor create children (104), with nothing written", async () => {
    const acct = await createTestAccount();
    await fixtureChild(acct.id);
    const key = await subuserKey(acct, ["Admin"]);
    const before = await family(acct);
    expect((await callAs(key, "GetChildrenAccounts", {})).body.error?.code).toBe(104);
    const name = `kid-${Date.now().toString(36)}`;
    expect((await callAs(key, "AddAccount", { account_name: name, account_email: `${name}@test.local`, account_password: "Ch1ld-Passw0rd!" })).body.error?.code).toBe(104);
    expect(await family(acct)).toEqual(before);
  });

  it("the owner's Admin key still does all three, and acts inside a child", async () => {
    const acct = await createTestAccount();
    const child = await fixtureChild(acct.id);
    const key = await insertKey(acct.id, ["Admin"]);
    expect((await callAs(key, "GetChildrenAccounts", {})).body).toMatchObject({ total_count: 1 });
    expect((await callAs(key, "SetChildAccountInfo", { child_account_id: String(child.id), child_account_role: "Developer" })).body).toEqual({ result: 1 });
    const inside = await callApi("AddApplication", { application_name: "inside" }, { token: await tokenFor(key, { iss: child.id }) });
    expect(inside.body.error).toBeUndefined();
    expect(await db.application.count({ where: { accountId: child.id } })).toBe(1);
  });
});
