// Test-only: one valid call for each method of applications.ts, users.ts, kvs.ts and
// child-accounts.ts, merged into the registry-wide tables (lib/api/method-fixtures.ts), which
// call every method with a key of every role and throw random parameters at it.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import { TEST_PASSWORD_HASH } from "@/test/factories";
import type { Fixture, FixtureContext } from "./api-fixtures";

const tag = () => randomBytes(4).toString("hex");

export async function fixtureApp(accountId: number, name = `app-${tag()}`) {
  return db.application.create({ data: { accountId, name } });
}

export async function fixtureUser(accountId: number, applicationId: number, name = `user-${tag()}`) {
  return db.appUser.create({ data: { accountId, applicationId, name, displayName: `User ${name}`, passwordHash: TEST_PASSWORD_HASH } });
}

export async function fixtureKv(accountId: number, applicationId: number, key = `ns:${tag()}`, value = "v", expiresAt = new Date(Date.now() + 3600_000)) {
  return db.kvItem.create({ data: { accountId, applicationId, key, value, expiresAt } });
}

export async function fixtureChild(parentId: number, role = "Administrator") {
  const name = `child-${tag()}`;
  return db.account.create({ data: { name, email: `${name}@test.local`, passwordHash: TEST_PASSWORD_HASH, parentId, childRole: role } });
}

const withApp = async (ctx: FixtureContext) => fixtureApp(ctx.accountId);

export const RESOURCE_FIXTURES: Record<string, (ctx: FixtureContext) => Promise<Fixture>> = {
  AddApplication: async () => ({ params: { application_name: `table-${tag()}`, secure_record_storage: "true" } }),
  GetApplications: async (ctx) => {
    await withApp(ctx);
    return { params: { count: "5" } };
  },
  SetApplicationInfo: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), secure_record_storage: "true" } }),
  DelApplication: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id) } }),

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
  DelUser: async (ctx) => {
    const app = await withApp(ctx);
    return { params: { user_id: String((await fixtureUser(ctx.accountId, app.id)).id) } };
  },

  SetKeyValueItem: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), key: "table:1", value: "v1", ttl: "600" } }),
  GetKeyValueItem: async (ctx) => {
    const app = await withApp(ctx);
    const item = await fixtureKv(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), key: item.key } };
  },
  GetKeyValueItems: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureKv(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), key: "ns" } };
  },
  GetKeyValueKeys: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureKv(ctx.accountId, app.id);
    return { params: { application_name: app.name } };
  },
  DelKeyValueItem: async (ctx) => {
    const app = await withApp(ctx);
    const item = await fixtureKv(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), key: item.key } };
  },

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
