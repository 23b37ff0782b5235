// Role System methods over HTTP: each validation rule answers the contract's code with a
// message naming the parameter and writes nothing; what a method changes is what the panel's
// domain functions read; other accounts' ids read as not found.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH } from "@/test/factories";
import { listSubusers } from "./queries";
import { METHODS } from "@/lib/api/methods";
import { METHOD_FIXTURES } from "@/test/api-fixtures";
import { callAs, insertKey, snapshot, type Params, type TestKey } from "@/test/api-kit";

async function setup() {
  const acct = await createTestAccount();
  const key = await insertKey(acct.id, ["Owner"]);
  return { acct, key };
}

async function expectError(key: TestKey, method: string, params: Params, code: number, msgPart?: string | RegExp) {
  const before = await snapshot(key.accountId);
  const { body } = await callAs(key, method, params);
  expect(body.error?.code, `${method} ${JSON.stringify(params)} -> ${JSON.stringify(body)}`).toBe(code);
  if (msgPart) expect(body.error?.msg).toMatch(msgPart);
  expect(await snapshot(key.accountId)).toEqual(before);
}

const subuserIn = (accountId: number, name: string, roles: string[] = ["Admin"]) =>
  db.subuser.create({ data: { accountId, name, passwordHash: TEST_PASSWORD_HASH, roles: { create: roles.map((role) => ({ role })) } } });

describe("exactly-one-of pairs, generated from the registry", () => {
  for (const def of METHODS) {
    for (const group of def.oneOf ?? []) {
      const [a, b] = group.params;
      const roles = a === "role_id" && b === "role_name";
      it(`${def.name}: ${a} and ${b} together ${roles ? "449" : "458"}${group.required ? `, neither 485` : ""}`, async () => {
        const { acct, key } = await setup();
        const fixture = await METHOD_FIXTURES[def.name]!({ accountId: acct.id, key, roles: ["Owner"] });
        const fill = (p: string) => fixture.params[p] ?? (p.endsWith("_id") ? "1" : "x");
        // Every other group keeps exactly one of its pair (so it cannot answer first); this one gets both.
        const others = { ...fixture.params };
        for (const g of def.oneOf ?? []) {
          if (g === group) continue;
          if (g.params.some((p) => p === a || p === b)) {
            // Overlapping groups (x/y, x/z, y/z): a or b already stands for this one.
            for (const p of g.params) if (p !== a && p !== b) delete others[p];
            continue;
          }
          const keep = g.params.find((p) => fixture.params[p] !== undefined) ?? (g.required ? g.params[0] : undefined);
          for (const p of g.params) delete others[p];
          if (keep) others[keep] = fill(keep);
        }
        await expectError(key, def.name, { ...others, [a]: fill(a), [b]: fill(b) }, roles ? 449 : 458, new RegExp(`${a}.*${b}`));
        if (group.required) {
          const rest = { ...fixture.params };
          delete rest[a];
          delete rest[b];
          await expectError(key, def.name, rest, 485, new RegExp(`'${a}' or '${b}'`));
        }
      });
    }
  }
});

describe("AddSubUser", () => {
  const valid = { new_subuser_name: "New-Sub1", new_subuser_password: "Gr8-Passw0rd!", role_id: "2;4", description: "made by API" };

  it("creates a subuser the panel sees: lowercase name, roles, description", async () => {
    const { acct, key } = await setup();
    const r = await callAs(key, "AddSubUser", valid);
    const id = (r.body.result as { subuser_id: number }).subuser_id;
    const owner = await acct.actor("MainAccount");
    const { items } = await listSubusers(owner);
    expect(items.map((s) => [s.id, s.name, s.roles, s.description])).toEqual([[id, "new-sub1", ["Admin", "Developer"], "made by API"]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "subuser.create" } });
    expect([audit.actorType, audit.actorId]).toEqual(["key", key.id]);
  });

  it("applies every validation rule with the contract's codes, writing nothing", async () => {
    const { acct, key } = await setup();
    await subuserIn(acct.id, "taken-name");
    const cases: [Params, number, RegExp][] = [
      [{ ...valid, new_subuser_name: "abcd" }, 452, /new_subuser_name/],
      [{ ...valid, new_subuser_name: "a".repeat(21) }, 452, /new_subuser_name/],
      [{ ...valid, new_subuser_name: "1abcde" }, 453, /new_subuser_name/],
      [{ ...valid, new_subuser_name: "abc_def" }, 453, /new_subuser_name/],
      [{ ...valid, new_subuser_name: "Taken-Name" }, 436, /new_subuser_name/],
      [{ ...valid, new_subuser_password: "" }, 463, /new_subuser_password/],
      [{ ...valid, new_subuser_password: "Gr8 Passw0rd!" }, 524, /new_subuser_password/],
      [{ ...valid, new_subuser_password: "G8-p" }, 464, /new_subuser_password/],
      [{ ...valid, new_subuser_password: "greatpassword1!" }, 464, /uppercase/],
      [{ ...valid, role_id: "0" }, 440, /role_id/],
      [{ ...valid, role_id: "12" }, 440, /role_id/],
      [{ ...valid, role_id: "x" }, 440, /role_id/],
      [{ new_subuser_name: "okname1", new_subuser_password: "Gr8-Passw0rd!", role_name: "MainAccount" }, 441, /role_name/],
      [{ new_subuser_name: "okname1", new_subuser_password: "Gr8-Passw0rd!", role_name: "Root" }, 441, /role_name/],
      [{ new_subuser_name: "okname1", new_subuser_password: "Gr8-Passw0rd!" }, 435, /role/],
      [{ ...valid, description: "d".repeat(256) }, 101, /description/],
      [{ new_subuser_password: "Gr8-Passw0rd!", role_id: "2" }, 485, /'new_subuser_name'/],
      [{ new_subuser_name: "okname1", role_id: "2" }, 485, /'new_subuser_password'/],
      [{ ...valid, new_subuser_name: ["okname1", "okname2"] }, 101, /new_subuser_name/],
    ];
    for (const [params, code, msg] of cases) await expectError(key, "AddSubUser", params, code, msg);
  });

  it("refuses a common password (523)", async () => {
    const { key } = await setup();
    await expectError(key, "AddSubUser", { ...valid, new_subuser_password: "Password1!" }, 523, /new_subuser_password/);
  });
});

describe("GetSubUsers", () => {
  it("pages by name with count/offset and total_count, filters by id, 434 for bad ids", async () => {
    const { acct, key } = await setup();
    const subs = [];
    for (const n of ["charlie", "alpha", "bravo"]) subs.push(await subuserIn(acct.id, `${n}-x`, ["Support", "Admin"]));
    const stranger = await createTestAccount();
    const foreign = await subuserIn(stranger.id, "foreign-x");
    const page = await callAs(key, "GetSubUsers", { count: "2", offset: "1", with_roles: "true" });
    expect(page.body).toMatchObject({ count: 2, total_count: 3 });
    expect(page.body.result).toEqual([
      { subuser_id: subs[2]!.id, subuser_name: "bravo-x", description: "", roles: [{ role_id: 2, role_name: "Admin", gui_only: false }, { role_id: 3, role_name: "Support", gui_only: false }] },
      { subuser_id: subs[0]!.id, subuser_name: "charlie-x", description: "", roles: [{ role_id: 2, role_name: "Admin", gui_only: false }, { role_id: 3, role_name: "Support", gui_only: false }] },
    ]);
    expect((await callAs(key, "GetSubUsers", { subuser_id: String(subs[1]!.id) })).body).toEqual({
      result: [{ subuser_id: subs[1]!.id, subuser_name: "alpha-x", description: "" }],
      count: 1,
      total_count: 1,
    });
    expect((await callAs(key, "GetSubUsers", { subuser_id: String(foreign.id) })).body).toMatchObject({ result: [], total_count: 0 });
    await expectError(key, "GetSubUsers", { subuser_id: "abc" }, 434, /subuser_id/);
    await expectError(key, "GetSubUsers", { count: "0" }, 101, /count/);
    await expectError(key, "GetSubUsers", { count: "1001" }, 101, /count/);
    await expectError(key, "GetSubUsers", { offset: "-1" }, 101, /offset/);
  });
});

describe("SetSubUserInfo", () => {
  it("changes the description, and the password only with the current one (448)", async () => {
    const { acct, key } = await setup();
    const sub = await subuserIn(acct.id, "info-sub");
    const id = String(sub.id);
    expect((await callAs(key, "SetSubUserInfo", { subuser_id: id, description: "new words" })).body).toEqual({ result: 1 });
    expect((await db.subuser.findUniqueOrThrow({ where: { id: sub.id } })).description).toBe("new words");
    await expectError(key, "SetSubUserInfo", { subuser_id: id, new_subuser_password: "N3w-Passw0rd!" }, 448, /old_subuser_password/);
    await expectError(key, "SetSubUserInfo", { subuser_id: id, old_subuser_password: "Wrong-Passw0rd!", new_subuser_password: "N3w-Passw0rd!", description: "x" }, 101, /old_subuser_password/);
    await expectError(key, "SetSubUserInfo", { subuser_id: id, old_subuser_password: TEST_PASSWORD }, 485, /new_subuser_password/);
    await expectError(key, "SetSubUserInfo", { subuser_id: id, old_subuser_password: TEST_PASSWORD, new_subuser_password: "weak" }, 464, /new_subuser_password/);
    const ok = await callAs(key, "SetSubUserInfo", { subuser_id: id, old_subuser_password: TEST_PASSWORD, new_subuser_password: "N3w-Passw0rd!" });
    expect(ok.body).toEqual({ result: 1 });
    expect((await db.subuser.findUniqueOrThrow({ where: { id: sub.id } })).passwordHash).not.toBe(TEST_PASSWORD_HASH);
  });

  it("reads another account's subuser as not found (434)", async () => {
    const { key } = await setup();
    const stranger = await createTestAccount();
    const foreign = await subuserIn(stranger.id, "foreign-y");
    await expectError(key, "SetSubUserInfo", { subuser_id: String(foreign.id), description: "x" }, 434, /subuser/i);
    await expectError(key, "SetSubUserInfo", { subuser_id: String(foreign.id) }, 434);
    await expectError(key, "DelSubUser", { subuser_id: String(foreign.id) }, 434);
    await expectError(key, "GetSubUserRoles", { subuser_id: String(foreign.id) }, 434);
    await expectError(key, "SetSubUserRoles", { subuser_id: String(foreign.id), role_id: "2" }, 434);
    await expectError(key, "RemoveSubUserRoles", { subuser_id: String(foreign.id), role_id: "2" }, 434);
    expect((await db.subuser.findUniqueOrThrow({ where: { id: foreign.id } })).description).toBe("");
  });
});

describe("subuser roles", () => {
  it("SetSubUserRoles adds; GetSubUserRoles expands implied roles; RemoveSubUserRoles removes", async () => {
    const { acct, key } = await setup();
    const sub = await subuserIn(acct.id, "roles-sub", ["Developer"]);
    const id = String(sub.id);
    expect((await callAs(key, "SetSubUserRoles", { subuser_id: id, role_name: "Admin" })).body).toEqual({ result: 1 });
    const plain = await callAs(key, "GetSubUserRoles", { subuser_id: id });
    expect(plain.body.result).toEqual([
      { role_id: 2, role_name: "Admin", gui_only: false },
      { role_id: 4, role_name: "Developer", gui_only: false },
    ]);
    const expanded = (await callAs(key, "GetSubUserRoles", { subuser_id: id, with_expanded_roles: "true" })).body.result as {
      role_id: number;
      inherited: boolean;
      parent_role_id?: number[];
    }[];
    expect(expanded.filter((r) => !r.inherited).map((r) => r.role_id)).toEqual([2, 4]);
    expect(expanded.find((r) => r.role_id === 3)).toMatchObject({ inherited: true, parent_role_id: [2] });
    expect(expanded.find((r) => r.role_id === 6)).toMatchObject({ inherited: true, parent_role_id: [2, 4] });
    expect((await callAs(key, "RemoveSubUserRoles", { subuser_id: id, role_id: "4" })).body).toEqual({ result: 1 });
    expect((await db.subuserRole.findMany({ where: { subuserId: sub.id } })).map((r) => r.role)).toEqual(["Admin"]);
    await expectError(key, "RemoveSubUserRoles", { subuser_id: id, role_id: "2" }, 435);
  });

  it("RemoveSubUserRoles: 439 while a key of the subuser holds the role; force strips it from the keys too", async () => {
    const { acct, key } = await setup();
    const sub = await subuserIn(acct.id, "keyholder", ["Admin", "Developer"]);
    const subKey = await insertKey(acct.id, ["Developer"], sub.id);
    await expectError(key, "RemoveSubUserRoles", { subuser_id: String(sub.id), role_name: "Developer" }, 439);
    expect((await callAs(key, "RemoveSubUserRoles", { subuser_id: String(sub.id), role_name: "Developer", force: "True" })).body).toEqual({ result: 1 });
    expect(await db.apiKeyRole.count({ where: { keyId: subKey.id } })).toBe(0);
    expect((await db.subuserRole.findMany({ where: { subuserId: sub.id } })).map((r) => r.role)).toEqual(["Admin"]);
  });

  it("DelSubUser deletes the subuser and its keys: they stop at once", async () => {
    const { acct, key } = await setup();
    const sub = await subuserIn(acct.id, "doomed-sub", ["Admin"]);
    const subKey = await insertKey(acct.id, ["Admin"], sub.id);
    expect((await callAs(subKey, "GetAccountInfo")).body.error).toBeUndefined();
    expect((await callAs(key, "DelSubUser", { subuser_id: String(sub.id) })).body).toEqual({ result: 1 });
    expect((await callAs(subKey, "GetAccountInfo")).body.error?.code).toBe(100);
    await expectError(key, "DelSubUser", { subuser_id: String(sub.id) }, 434);
    await expectError(key, "DelSubUser", {}, 485, /'subuser_id'/);
    await expectError(key, "DelSubUser", { subuser_id: "" }, 134, /'subuser_id'/);
  });
});

describe("GetRoles and GetRoleGroups", () => {
  it("lists the roles with ids, gui_only and child_ids, filtered by group", async () => {
    const { key } = await setup();
    const all = (await callAs(key, "GetRoles")).body.result as { role_id: number; role_name: string; gui_only: boolean; child_ids: number[] }[];
    expect(all.map((r) => r.role_id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(all.filter((r) => r.gui_only).map((r) => r.role_name)).toEqual(["Payer", "PayerNoVerify"]);
    expect(all.find((r) => r.role_name === "Admin")!.child_ids).toContain(3);
    const ops = (await callAs(key, "GetRoles", { group_name: "operations" })).body.result as { role_name: string }[];
    expect(ops.map((r) => r.role_name)).toEqual(["Support", "Supervisor", "CallListManager", "UserManager"]);
    await expectError(key, "GetRoles", { group_name: "Nope" }, 101, /group_name/);
    expect((await callAs(key, "GetRoleGroups")).body).toEqual({
      result: [
        { id: 1, name: "Management" },
        { id: 2, name: "Development" },
        { id: 3, name: "Operations" },
        { id: 4, name: "Finance" },
      ],
      count: 4,
      total_count: 4,
    });
  });
});
