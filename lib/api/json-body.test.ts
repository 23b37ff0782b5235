// docs/management-api.md "Transport": an application/json object body is one more parameter
// source (the public reference's own curl samples send query-string parameters with
// `Content-Type: application/json` and `{}`): strings, numbers and booleans, arrays of them as
// lists, the body winning over the query string; anything nested refused naming the parameter;
// an empty body or `{}` adds nothing. Threat: a client whose well-formed call is refused (101),
// or a nested value smuggled past the wire's scalar rules.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";
import { handleApiRequest } from "./handle";
import { insertKey, snapshot, tokenFor, type ApiBody } from "@/test/api-kit";

async function setup() {
  const acct = await createTestAccount();
  const key = await insertKey(acct.id, ["Owner"]);
  return { acct, key };
}

async function postJson(key: Awaited<ReturnType<typeof setup>>["key"], path: string, body: string, contentType = "application/json"): Promise<ApiBody> {
  const method = path.startsWith("/platform_api/") ? path.slice("/platform_api/".length).split("?")[0]! : null;
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${await tokenFor(key)}`, "content-type": contentType },
    body,
  });
  return (await (await handleApiRequest(request, method)).json()) as ApiBody;
}

describe("JSON object bodies on /platform_api", () => {
  it("accept the reference's curl form: query-string parameters with an empty {} or empty JSON body", async () => {
    const { acct, key } = await setup();
    for (const body of ["{}", "", "  \n", "\ufeff{}"]) {
      const r = await postJson(key, "/platform_api/GetAccountInfo", body);
      expect(r.error, JSON.stringify(body)).toBeUndefined();
      expect((r.result as { account_id: number }).account_id).toBe(acct.id);
    }
    const viaCmd = await postJson(key, "/platform_api?cmd=GetRoleGroups", "{}", "application/json; charset=utf-8");
    expect(viaCmd.error).toBeUndefined();
    expect(Array.isArray(viaCmd.result)).toBe(true);
  });

  it("read strings, numbers and booleans, and arrays of them as lists", async () => {
    const { acct, key } = await setup();
    const add = await postJson(key, "/platform_api/AddSubUser", JSON.stringify({ new_subuser_name: "jsonsub1", new_subuser_password: "Gr8-Passw0rd!", role_id: [2, 4], description: "from JSON" }));
    expect(add.error).toBeUndefined();
    const id = (add.result as { subuser_id: number }).subuser_id;
    const sub = await db.subuser.findFirstOrThrow({ where: { id, accountId: acct.id }, include: { roles: true } });
    expect(sub.roles.map((r) => r.role).sort()).toEqual(["Admin", "Developer"]);
    expect(sub.description).toBe("from JSON");
    const list = await postJson(key, "/platform_api/GetSubUsers", JSON.stringify({ with_roles: true, count: 1, subuser_id: id }));
    expect(list.error).toBeUndefined();
    expect((list.result as { roles?: { role_id: number }[] }[])[0]!.roles?.map((r) => r.role_id)).toEqual([2, 4]);
    // role_name as a list too, and `cmd` from the body.
    expect((await postJson(key, "/platform_api", JSON.stringify({ cmd: "SetSubUserRoles", subuser_id: String(id), role_name: ["Support", "Accountant"] }))).result).toBe(1);
    const roles = await db.subuserRole.findMany({ where: { subuserId: id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["Accountant", "Admin", "Developer", "Support"]);
  });

  it("merge with the query string, the body winning", async () => {
    const { acct, key } = await setup();
    for (const n of ["first", "second", "third"]) {
      await db.subuser.create({ data: { accountId: acct.id, name: `${n}-json`, passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }] } } });
    }
    const r = await postJson(key, "/platform_api/GetSubUsers?count=1&offset=1", JSON.stringify({ count: 5 }));
    expect(r.count).toBe(2);
    expect((r.result as { subuser_name: string }[]).map((s) => s.subuser_name)).toEqual(["second-json", "third-json"]);
  });

  it("refuse nested values, null and non-objects with 101 naming the parameter, writing nothing", async () => {
    const { acct, key } = await setup();
    const before = await snapshot(acct.id);
    const bad: [string, string][] = [
      [JSON.stringify({ new_subuser_name: "nested1", new_subuser_password: "Gr8-Passw0rd!", role_name: { $ne: "x" } }), "Invalid 'role_name'"],
      [JSON.stringify({ new_subuser_name: "nested2", new_subuser_password: "Gr8-Passw0rd!", role_id: [[2]] }), "Invalid 'role_id'"],
      [JSON.stringify({ new_subuser_name: "nested3", new_subuser_password: "Gr8-Passw0rd!", description: null }), "Invalid 'description'"],
      [JSON.stringify({ new_subuser_name: ["nested4", { a: 1 }], new_subuser_password: "Gr8-Passw0rd!" }), "Invalid 'new_subuser_name'"],
    ];
    for (const [body, msg] of bad) {
      const r = await postJson(key, "/platform_api/AddSubUser", body);
      expect(r.error?.code, body).toBe(101);
      expect(r.error?.msg, body).toContain(msg);
    }
    for (const body of ["{{{{", "[1,2]", '"x"', "null", "1"]) {
      const r = await postJson(key, "/platform_api/AddSubUser", body);
      expect(r.error?.code, body).toBe(101);
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
