// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { db } from "@/lib/core/db";
import type { AssignableRole } from "@/lib/access/matrix";
import { apiRoleById } from "@/lib/access/api-roles";
import type { Fixtures } from "@/test/api-kit";
import { TEST_PASSWORD_HASH } from "@/test/factories";

// Roles by wire id (2 Admin, 4 Developer): role names stay inside lib/access/ (test/no-role-names).
const ADMIN = apiRoleById(2)!;
const DEVELOPER = apiRoleById(4)!;

export async function fixtureSubuser(accountId: number, roles: AssignableRole[] = [ADMIN, DEVELOPER]) {
  return db.subuser.create({
    data: { accountId, name: `target-${Math.random().toString(36).slice(2, 10)}`, passwordHash: TEST_PASSWORD_HASH, roles: { create: roles.map((role) => ({ role })) } },
  });
}

export const SUBUSER_FIXTURES: Fixtures = {
  AddSubUser: async () => ({ params: { new_subuser_name: "tablesub", new_subuser_password: "Gr8-Passw0rd!", role_id: "2", description: "from the table" } }),
  GetSubUsers: async ({ accountId }) => {
    await fixtureSubuser(accountId);
    return { params: { with_roles: "true" } };
  },
  SetSubUserInfo: async ({ accountId }) => ({ params: { subuser_id: String((await fixtureSubuser(accountId)).id), description: "changed" } }),
  DelSubUser: async ({ accountId }) => ({ params: { subuser_id: String((await fixtureSubuser(accountId)).id) } }),
  SetSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await fixtureSubuser(accountId)).id), role_id: "5" } }),
  GetSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await fixtureSubuser(accountId)).id), with_expanded_roles: "true" } }),
  RemoveSubUserRoles: async ({ accountId }) => ({ params: { subuser_id: String((await fixtureSubuser(accountId)).id), role_id: "4" } }),
  GetRoles: async () => ({ params: { group_name: "Operations" } }),
  GetRoleGroups: async () => ({ params: {} }),
};
