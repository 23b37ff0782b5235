// Test-only: stored push credentials, and one valid call for each Management API method of this
// domain, merged into the registry-wide tables by test/api-fixtures.ts. Apple .p12 files come
// from test/apple-p12.ts (no database there, so the e2e specs use it too).
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { withApp } from "../applications/api-fixtures";
import { serviceAccountJson } from "../dialogflow/api-fixtures";
import { pushSlot, type PushProvider } from "./client-safe";

export { applePushP12 } from "@/test/apple-p12";

/** A stored credential of the account bound to the applications, without its checks (GOOGLE unless said). */
export async function fixturePushCredential(accountId: number, applicationIds: readonly number[], o: { provider?: PushProvider; bundle?: string; isDevMode?: boolean } = {}) {
  const provider = o.provider ?? "GOOGLE";
  const bundle = o.bundle ?? `com.example.app${randomBytes(3).toString("hex")}`;
  const slot = pushSlot({ provider, bundle, isDevMode: o.isDevMode ?? false });
  return db.pushCredential.create({
    data: {
      accountId,
      provider,
      bundle,
      isDevMode: o.isDevMode ?? false,
      projectId: provider === "GOOGLE" ? "push-project" : null,
      secret: provider === "GOOGLE" ? serviceAccountJson("push-project") : "secret",
      fingerprint: `fixture:${randomBytes(8).toString("hex")}`,
      applications: { create: applicationIds.map((applicationId) => ({ applicationId, accountId, slot })) },
    },
  });
}

export const PUSH_CREDENTIAL_FIXTURES: Fixtures = {
  AddPushCredential: async (ctx) => ({
    params: { push_provider_name: "HUAWEI", application_id: String((await withApp(ctx)).id), huawei_client_id: String(100000 + Math.floor(Math.random() * 1e6)), huawei_client_secret: "s3cret", huawei_application_id: "104455" },
  }),
  SetPushCredential: async (ctx) => ({ params: { push_credential_id: String((await fixturePushCredential(ctx.accountId, [(await withApp(ctx)).id])).id), sender_id: "1234567890" } }),
  DelPushCredential: async (ctx) => ({ params: { push_credential_id: String((await fixturePushCredential(ctx.accountId, [(await withApp(ctx)).id])).id) } }),
  GetPushCredential: async (ctx) => {
    const app = await withApp(ctx);
    await fixturePushCredential(ctx.accountId, [app.id]);
    return { params: { application_id: String(app.id) } };
  },
  BindPushCredential: async (ctx) => {
    const [a, b] = [await withApp(ctx), await withApp(ctx)];
    const c = await fixturePushCredential(ctx.accountId, [a.id]);
    return { params: { push_credential_id: String(c.id), application_id: `${a.id};${b.id}` } };
  },
};
