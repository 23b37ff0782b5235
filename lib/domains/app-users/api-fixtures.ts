// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { TEST_PASSWORD_HASH } from "@/test/factories";
import { withApp } from "../applications/api-fixtures";
import { fixtureTopUp } from "../phone-numbers/api-fixtures";

const tag = () => randomBytes(4).toString("hex");

export async function fixtureUser(accountId: number, applicationId: number, name = `user-${tag()}`, extra: { parentAccounting?: boolean; balanceMinor?: number } = {}) {
  return db.appUser.create({ data: { accountId, applicationId, name, displayName: `User ${name}`, passwordHash: TEST_PASSWORD_HASH, ...extra } });
}

export const USER_FIXTURES: Fixtures = {
  AddUser: async (ctx) => ({
    params: { application_id: String((await withApp(ctx)).id), user_name: "tableuser", user_display_name: "Table User", user_password: "Gr8-Passw0rd!" },
  }),
  GetUsers: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureUser(ctx.accountId, app.id);
    return { params: { application_id: String(app.id) } };
  },
  SetUserInfo: async (ctx) => {
    const app = await withApp(ctx);
    return { params: { user_id: String((await fixtureUser(ctx.accountId, app.id)).id), user_display_name: "Changed" } };
  },
  TransferMoneyToUser: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureTopUp(ctx.accountId, 10_00);
    return { params: { user_id: String((await fixtureUser(ctx.accountId, app.id, undefined, { parentAccounting: false })).id), amount: "2.50" } };
  },
  DelUser: async (ctx) => {
    const app = await withApp(ctx);
    return { params: { user_id: String((await fixtureUser(ctx.accountId, app.id)).id) } };
  },
};
