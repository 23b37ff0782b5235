// Test-only: one valid call per registered method, for the table-driven tests generated from
// the registry (methods.test.ts runs every method with a key of every role, and fuzz.test.ts
// throws random parameters at every method). Adding a method? Add its fixture here: the
// tables fail for any registered method without one.
import { db } from "@/lib/core/db";
import type { AssignableRole } from "@/lib/access/matrix";
import { API_ROLE_IDS, apiRoleById } from "@/lib/access/api-roles";
import { TEST_PASSWORD_HASH } from "@/test/factories";
import type { Params, TestKey } from "./api-kit";
import { RESOURCE_FIXTURES } from "./resource-fixtures";

export type FixtureContext = {
  accountId: number;
  /** The calling key (created by the account owner). */
  key: TestKey;
  roles: readonly AssignableRole[];
};

export type Fixture = {
  params: Params;
  /**
   * The error code expected although the method's roles allow the call (a rule beyond the role
   * table, e.g. a key without roles cannot create keys); undefined: success.
   */
  expectCode?: number;
};

// Roles by wire id (2 Admin, 4 Developer): role names stay inside lib/access/ (test/no-role-names).
const ADMIN = apiRoleById(2)!;
const DEVELOPER = apiRoleById(4)!;

async function subuser(accountId: number, roles: AssignableRole[] = [ADMIN, DEVELOPER]) {
  return db.subuser.create({
    data: { accountId, name: `target-${Math.random().toString(36).slice(2, 10)}`, passwordHash: TEST_PASSWORD_HASH, roles: { create: roles.map((role) => ({ role })) } },
  });
}

export const METHOD_FIXTURES: Record<string, (ctx: FixtureContext) => Promise<Fixture>> = {
  AddSubUser: async () => ({ params: { new_subuser_name: "tablesub", new_subuser_password: "Gr8-Passw0rd!", role_id: "2", description: "from the table" } }),
  GetSubUsers: async ({ accountId }) => {
    await subuser(accountId);
    return { params: { with_roles: "true" } };
  },
  SetSubUserInfo: async ({ accountId }) => ({ params: { subuser_id: String((await subuser(accountId)).id), description: "changed" } }),
  DelSubUser: async ({ accountId }) => ({ params: { subuser_id: String((await subuser(accountId)).id) } }),
  SetSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await subuser(accountId)).id), role_id: "5" } }),
  GetSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await subuser(accountId)).id), with_expanded_roles: "true" } }),
  RemoveSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await subuser(accountId)).id), role_id: "4" } }),
  CreateKey: async ({ roles }) => ({
    params: { key_name: "from-table", description: "d", ...(roles[0] ? { role_id: String(API_ROLE_IDS[roles[0]]) } : {}) },
    expectCode: roles.length === 0 ? 104 : undefined,
  }),
  GetKeys: async () => ({ params: { with_roles: "1" } }),
  UpdateKey: async ({ key }) => ({ params: { key_id: key.id, description: "renamed by itself", key_name: "renamed" } }),
  DeleteKey: async ({ key }) => ({ params: { key_id: key.id } }),
  // Adding a role the key holds is allowed for every role; a key with none can grant nothing (435).
  SetKeyRoles: async ({ key, roles }) => ({
    params: { key_id: key.id, role_id: String(API_ROLE_IDS[roles[0] ?? ADMIN]) },
    expectCode: roles.length === 0 ? 435 : undefined,
  }),
  GetKeyRoles: async ({ key }) => ({ params: { key_id: key.id, with_expanded_roles: "true" } }),
  RemoveKeyRoles: async ({ key, roles }) => ({ params: { key_id: key.id, role_id: String(API_ROLE_IDS[roles[0] ?? ADMIN]) } }),
  GetRoles: async () => ({ params: { group_name: "Operations" } }),
  GetRoleGroups: async () => ({ params: {} }),
  GetAccountInfo: async () => ({ params: {} }),
  // Applications, users, key-value storage and child accounts (engineer H6's methods).
  ...RESOURCE_FIXTURES,
};
