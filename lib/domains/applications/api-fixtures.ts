// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { FixtureContext, Fixtures } from "@/test/api-kit";

const tag = () => randomBytes(4).toString("hex");

export async function fixtureApp(accountId: number, name = `app-${tag()}`) {
  return db.application.create({ data: { accountId, name } });
}

export const withApp = async (ctx: FixtureContext) => fixtureApp(ctx.accountId);

export const APPLICATION_FIXTURES: Fixtures = {
  AddApplication: async () => ({ params: { application_name: `table-${tag()}`, secure_record_storage: "true" } }),
  GetApplications: async (ctx) => {
    await withApp(ctx);
    return { params: { count: "5" } };
  },
  SetApplicationInfo: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), secure_record_storage: "true" } }),
  DelApplication: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id) } }),
};
