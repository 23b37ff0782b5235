// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { withApp } from "../applications/api-fixtures";

const tag = () => randomBytes(4).toString("hex");

export async function fixtureKv(accountId: number, applicationId: number, key = `ns:${tag()}`, value = "v", expiresAt = new Date(Date.now() + 3600_000)) {
  return db.kvItem.create({ data: { accountId, applicationId, key, value, expiresAt } });
}

export const KV_FIXTURES: Fixtures = {
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
};
