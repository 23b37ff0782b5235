// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { API_ROLE_IDS, apiRoleById } from "@/lib/access/api-roles";
import type { Fixtures } from "@/test/api-kit";

// Roles by wire id (2 Admin): role names stay inside lib/access/ (test/no-role-names).
const ADMIN = apiRoleById(2)!;

export const KEY_FIXTURES: Fixtures = {
  CreateKey: async ({ roles }) => ({
    params: { key_name: "from-table", description: "d", ...(roles[0] ? { role_id: String(API_ROLE_IDS[roles[0]]) } : {}) },
    expectCode: roles.length === 0 ? 104 : undefined,
  }),
  GetKeys: async () => ({ params: { with_roles: "1" } }),
  UpdateKey: async ({ key }) => ({ params: { key_id: key.id, description: "renamed by itself", key_name: "renamed" } }),
  DeleteKey: async ({ key }) => ({ params: { key_id: key.id } }),
  SetKeyRoles: async ({ key, roles }) => ({
    params: { key_id: key.id, role_id: String(API_ROLE_IDS[roles[0] ?? ADMIN]) },
    expectCode: roles.length === 0 ? 435 : undefined,
  }),
  GetKeyRoles: async ({ key }) => ({ params: { key_id: key.id, with_expanded_roles: "true" } }),
  RemoveKeyRoles: async ({ key, roles }) => ({ params: { key_id: key.id, role_id: String(API_ROLE_IDS[roles[0] ?? ADMIN]) } }),
};
