// Table-driven from the registry: every method, called by a key of every role (and by one
// without roles). Allowed roles succeed with an answer of the declared shape; every other role
// gets 104 and the account's data is unchanged. Threat: a key reaching a method its roles do
// not grant, or a refused call writing anything.
//
// The refusal is decided before any query (lib/api/handle.ts asks the access module), so on the
// second and third drivers each method is refused once, for the key without roles, while every
// allowed role still runs the handler's queries there (test/drivers.ts).
import { describe, expect, it } from "vitest";
import { API_METHODS, canCallApi } from "@/lib/access/api-methods";
import { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/access/matrix";
import { createTestAccount } from "@/test/factories";
import { METHODS } from "./methods";
import { METHOD_FIXTURES } from "@/test/api-fixtures";
import { callAs, insertKey, snapshot } from "@/test/api-kit";
import { FIRST_DRIVER_RUN } from "@/test/drivers";

const ROLE_SETS: { label: string; roles: AssignableRole[] }[] = [
  ...ASSIGNABLE_ROLES.map((r) => ({ label: r, roles: [r] })),
  { label: "no role", roles: [] },
];

describe("the method registry", () => {
  it("registers only methods of the access table, each once, each with a fixture", () => {
    const names = METHODS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(API_METHODS).toContain(n);
    for (const n of names) expect(METHOD_FIXTURES[n], `fixture for ${n}`).toBeDefined();
    for (const n of [
      "AddSubUser", "GetSubUsers", "SetSubUserInfo", "DelSubUser", "SetSubUserRoles", "GetSubUserRoles", "RemoveSubUserRoles",
      "CreateKey", "GetKeys", "UpdateKey", "DeleteKey", "SetKeyRoles", "GetKeyRoles", "RemoveKeyRoles", "GetRoles", "GetRoleGroups", "GetAccountInfo",
    ]) {
      expect(names).toContain(n);
    }
  });
});

for (const def of METHODS) {
  describe(`${def.name}: allowed roles succeed, the rest get 104 with nothing written`, () => {
    for (const { label, roles } of ROLE_SETS) {
      const allowed = canCallApi(roles, def.name);
      if (!allowed && !FIRST_DRIVER_RUN && roles.length > 0) continue;
      it(`${label}: ${allowed ? "allowed" : "104"}`, async () => {
        const acct = await createTestAccount();
        const key = await insertKey(acct.id, roles);
        const fixture = await METHOD_FIXTURES[def.name]!({ accountId: acct.id, key, roles });
        const before = await snapshot(acct.id);
        const { status, body } = await callAs(key, def.name, fixture.params);
        expect(status).toBe(200);
        const expected = allowed ? fixture.expectCode : 104;
        if (expected === undefined) {
          expect(body.error, JSON.stringify(body.error)).toBeUndefined();
          expect(() => def.response.parse(body)).not.toThrow();
        } else {
          expect(body.error?.code, JSON.stringify(body)).toBe(expected);
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  });
}
