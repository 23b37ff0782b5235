// Test-only: a Google Cloud service account's JSON key (one RSA pair per process: generating
// 2048-bit keys per test would be slow), a stored Dialogflow key, and one valid call for each
// Management API method of this domain, merged into the registry-wide tables by test/api-fixtures.ts.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { withApp } from "../applications/api-fixtures";

const tag = () => randomBytes(4).toString("hex");

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/** A service account key file's text, as the Google Cloud console downloads it. */
export function serviceAccountJson(projectId = `agent-${tag()}`, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      type: "service_account",
      project_id: projectId,
      private_key_id: randomBytes(20).toString("hex"),
      private_key: PEM,
      client_email: `dialogflow@${projectId}.iam.gserviceaccount.com`,
      client_id: "1234567890",
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: "https://oauth2.googleapis.com/token",
      ...overrides,
    },
    null,
    2,
  );
}

/** A stored key of the account bound to the applications. */
export async function fixtureDialogflowKey(accountId: number, applicationIds: readonly number[], projectId = `agent-${tag()}`) {
  const credentials = serviceAccountJson(projectId);
  return db.dialogflowKey.create({
    data: {
      accountId,
      projectId,
      clientEmail: `dialogflow@${projectId}.iam.gserviceaccount.com`,
      privateKeyId: (JSON.parse(credentials) as { private_key_id: string }).private_key_id,
      credentials,
      applications: { create: applicationIds.map((applicationId) => ({ applicationId, accountId })) },
    },
  });
}

export const DIALOGFLOW_FIXTURES: Fixtures = {
  AddDialogflowKey: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), json_credentials: serviceAccountJson(), description: "support bot" } }),
  SetDialogflowKey: async (ctx) => ({ params: { dialogflow_key_id: String((await fixtureDialogflowKey(ctx.accountId, [(await withApp(ctx)).id])).id), description: "renamed" } }),
  DelDialogflowKey: async (ctx) => ({ params: { dialogflow_key_id: String((await fixtureDialogflowKey(ctx.accountId, [(await withApp(ctx)).id])).id) } }),
  GetDialogflowKeys: async (ctx) => {
    const app = await withApp(ctx);
    await fixtureDialogflowKey(ctx.accountId, [app.id]);
    return { params: { application_id: String(app.id) } };
  },
  BindDialogflowKeys: async (ctx) => {
    const [a, b] = [await withApp(ctx), await withApp(ctx)];
    const key = await fixtureDialogflowKey(ctx.accountId, [a.id]);
    return { params: { dialogflow_key_id: String(key.id), application_id: `${a.id};${b.id}` } };
  },
};
