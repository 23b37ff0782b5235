// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { TEST_PASSWORD_HASH } from "@/test/factories";

const tag = () => randomBytes(4).toString("hex");

export async function fixtureChild(parentId: number, role = "Administrator") {
  const name = `child-${tag()}`;
  return db.account.create({ data: { name, email: `${name}@test.local`, passwordHash: TEST_PASSWORD_HASH, parentId, childRole: role } });
}

export const CHILD_ACCOUNT_FIXTURES: Fixtures = {
  AddAccount: async () => {
    const name = `kid-${tag()}`;
    return { params: { account_name: name, account_email: `${name}@test.local`, account_password: "Gr8-Passw0rd!", child_account_role: "provisioningagent" } };
  },
  GetChildrenAccounts: async (ctx) => {
    await fixtureChild(ctx.accountId);
    return { params: { count: "5" } };
  },
  SetChildAccountInfo: async (ctx) => ({ params: { child_account_id: String((await fixtureChild(ctx.accountId)).id), active: "false" } }),
};
