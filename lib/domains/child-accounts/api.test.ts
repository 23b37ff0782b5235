// Child accounts over the wire, and a parent's key acting on a child through the token's iss.
// Threats: a key reaching an account that is not its own nor a direct child (a grandchild, a
// stranger); a suspended child still reachable; a Developer child creating accounts.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { loginOwner } from "@/lib/auth/login";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callApi, callAs, insertKey, tokenFor, type Params, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { fixtureChild } from "./api-fixtures";

let acct: TestAccount;
let key: TestKey;

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Admin"]);
});

const PASSWORD = "Ch1ld-Passw0rd!";

function addParams(patch: Params = {}): Params {
  const name = `kid-${Math.random().toString(36).slice(2, 10)}`;
  return { account_name: name, account_email: `${name}@Test.Local`, account_password: PASSWORD, ...patch };
}

/** A call with the token's iss set to another account (the child acted on). */
async function callOn(iss: number, method: string, params: Params = {}) {
  return callApi(method, params, { token: await tokenFor(key, { iss }) });
}

const children = () => db.account.findMany({ where: { parentId: acct.id }, orderBy: { id: "asc" } });

describe("AddAccount", () => {
  it("creates an active Administrator child by default, with its own owner login", async () => {
    const params = addParams();
    const { body } = await callAs(key, "AddAccount", params);
    expect(body).toEqual({
      result: 1,
      account_id: expect.any(Number),
      account_name: params.account_name,
      account_email: (params.account_email as string).toLowerCase(),
      active: true,
      child_account_role: "Administrator",
    });
    expect((await children()).map((c) => [c.id, c.childRole])).toEqual([[body.account_id, "Administrator"]]);
    const login = await loginOwner(db, { login: params.account_name as string, password: PASSWORD }, { ip: "", userAgent: "", clock: systemClock });
    expect(login).toMatchObject({ ok: true, accountId: body.account_id });
  });

  it("takes active and child_account_role; legacy parent parameters must name the token's account", async () => {
    const r = (await callAs(key, "AddAccount", addParams({ active: "false", child_account_role: "provisioningagent", parent_account_id: String(acct.id), parent_account_name: acct.name }))).body;
    expect(r).toMatchObject({ active: false, child_account_role: "ProvisioningAgent" });
    const before = await children();
    expect((await callAs(key, "AddAccount", addParams({ parent_account_id: String(acct.id + 1000) }))).body.error?.code).toBe(100);
    expect((await callAs(key, "AddAccount", addParams({ parent_account_email: "someone@else.test" }))).body.error?.code).toBe(100);
    expect(await children()).toEqual(before);
  });

  it("every rule answers with the parameter named and nothing written", async () => {
    const taken = await fixtureChild(acct.id);
    const before = await children();
    const cases: [Params, number, string][] = [
      [addParams({ account_name: "9lives" }), 101, "account_name"],
      [addParams({ account_name: taken.name }), 101, "account_name"],
      [addParams({ account_email: "nope" }), 101, "account_email"],
      [addParams({ account_email: taken.email }), 101, "account_email"],
      [addParams({ account_password: "short" }), 464, "account_password"],
      [addParams({ account_password: "" }), 463, "account_password"],
      [addParams({ child_account_role: "Owner" }), 101, "child_account_role"],
      [addParams({ active: "sometimes" }), 101, "active"],
      [{ account_email: "x@test.local", account_password: PASSWORD }, 485, "account_name"],
    ];
    for (const [params, code, param] of cases) {
      const { body } = await callAs(key, "AddAccount", params);
      expect(body.error?.code, JSON.stringify(params)).toBe(code);
      expect(body.error?.msg).toContain(param);
    }
    expect(await children()).toEqual(before);
  });
});

describe("GetChildrenAccounts and SetChildAccountInfo", () => {
  it("lists own children as AccountInfo with their role; brief and medium outputs; 115 for strangers", async () => {
    const a = await fixtureChild(acct.id, "Developer");
    const b = await fixtureChild(acct.id);
    await fixtureChild(a.id);
    const stranger = await fixtureChild((await createTestAccount()).id);
    const full = (await callAs(key, "GetChildrenAccounts", {})).body;
    expect(full).toMatchObject({ count: 2, total_count: 2 });
    expect((full.result as Record<string, unknown>[])[0]).toEqual({
      account_id: a.id,
      account_name: a.name,
      account_email: a.email,
      created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      active: true,
      frozen: false,
      balance: 0,
      currency: expect.any(String),
      parent_account_id: acct.id,
      child_account_role: "Developer",
    });
    expect((await callAs(key, "GetChildrenAccounts", { brief_output: "true" })).body.result).toEqual([{ account_id: a.id }, { account_id: b.id }]);
    expect((await callAs(key, "GetChildrenAccounts", { medium_output: "1", child_account_id: String(b.id) })).body.result).toEqual([
      { account_id: b.id, account_name: b.name, account_email: b.email },
    ]);
    expect((await callAs(key, "GetChildrenAccounts", { child_account_id: `${a.id};${stranger.id}` })).body.error?.code).toBe(115);
    expect((await callAs(key, "GetChildrenAccounts", { child_account_id: `${a.id};${stranger.id}`, ignore_invalid_accounts: "true" })).body.total_count).toBe(1);
  });

  it("changes children by id, name, email or all; 458/485/115 write nothing", async () => {
    const a = await fixtureChild(acct.id);
    const b = await fixtureChild(acct.id);
    const stranger = await fixtureChild((await createTestAccount()).id);
    expect((await callAs(key, "SetChildAccountInfo", { child_account_name: a.name, child_account_role: "Developer" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SetChildAccountInfo", { child_account_email: b.email, new_child_account_email: "renamed@test.local" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SetChildAccountInfo", { child_account_id: "all", active: "false" })).body).toEqual({ result: 1 });
    expect((await children()).map((c) => [c.childRole, c.email, c.active])).toEqual([
      ["Developer", a.email, false],
      ["Administrator", "renamed@test.local", false],
    ]);
    const before = await children();
    const cases: [Params, number][] = [
      [{ active: "true" }, 485],
      [{ child_account_id: String(a.id), child_account_name: a.name, active: "true" }, 458],
      [{ child_account_name: a.name, child_account_email: a.email, active: "true" }, 458],
      [{ child_account_id: `${a.id};${stranger.id}`, active: "true" }, 115],
      [{ child_account_id: String(acct.id), active: "true" }, 115],
      [{ child_account_id: "all", new_child_account_email: "both@test.local" }, 101],
      [{ child_account_id: String(a.id), new_child_account_password: "weak" }, 464],
    ];
    for (const [params, code] of cases) {
      expect((await callAs(key, "SetChildAccountInfo", params)).body.error?.code, JSON.stringify(params)).toBe(code);
    }
    expect(await children()).toEqual(before);
    expect((await db.account.findUniqueOrThrow({ where: { id: stranger.id } })).active).toBe(true);
  });
});

describe("a parent's key acting on a child (token iss = child id)", () => {
  it("acts on the child's data, not the parent's", async () => {
    const kid = (await callAs(key, "AddAccount", addParams())).body.account_id as number;
    await fixtureApp(acct.id, "parent-app");
    const info = (await callOn(kid, "GetAccountInfo")).body;
    expect(info.result).toMatchObject({ account_id: kid, parent_account_id: acct.id });
    const added = (await callOn(kid, "AddApplication", { application_name: "child-app" })).body;
    expect(added.error).toBeUndefined();
    expect(await db.application.findUniqueOrThrow({ where: { id: added.application_id as number } })).toMatchObject({ accountId: kid });
    const apps = (await callOn(kid, "GetApplications")).body;
    expect((apps.result as { application_id: number }[]).map((a) => a.application_id)).toEqual([added.application_id]);
    const grandchild = (await callOn(kid, "AddAccount", addParams())).body;
    expect((await db.account.findUniqueOrThrow({ where: { id: grandchild.account_id as number } })).parentId).toBe(kid);
  });

  it("refuses a grandchild, a stranger, a suspended child (100), and a Developer child's AddAccount (104)", async () => {
    const kid = await fixtureChild(acct.id);
    const grandchild = await fixtureChild(kid.id);
    const stranger = await createTestAccount();
    expect((await callOn(grandchild.id, "GetAccountInfo")).body.error?.code).toBe(100);
    expect((await callOn(stranger.id, "GetAccountInfo")).body.error?.code).toBe(100);
    const dev = await fixtureChild(acct.id, "Developer");
    const before = await db.account.count({ where: { parentId: dev.id } });
    expect((await callOn(dev.id, "AddAccount", addParams())).body.error?.code).toBe(104);
    expect((await callOn(dev.id, "GetChildrenAccounts")).body.error?.code).toBe(104);
    expect(await db.account.count({ where: { parentId: dev.id } })).toBe(before);
    expect((await callAs(key, "SetChildAccountInfo", { child_account_id: String(kid.id), active: "false" })).body).toEqual({ result: 1 });
    expect((await callOn(kid.id, "GetAccountInfo")).body.error?.code).toBe(100);
  });
});
