import "server-only";
// Push credentials: AddPushCredential, SetPushCredential, DelPushCredential, GetPushCredential,
// BindPushCredential, with the official clients' parameter names and PushCredentialInfo /
// PushCredentialContent. Every handler calls lib/domains/push-credentials, the same functions as
// the application's Push certificates page. cert_content is the .p12's bytes in base64 (the
// official client sends a file parameter as text); a multipart file part that is not UTF-8
// arrives as its base64 (lib/api/request.ts), so `curl -F cert_content=@cert.p12` works too.
import { z } from "zod";
import { addPushCredential, bindPushCredential, deletePushCredential, setPushCredential } from "./mutations";
import { listPushCredentials, type PushCredentialDto } from "./queries";
import { PUSH_PROVIDERS, pushProviderId, type PushProvider } from "./client-safe";
import { API_ERROR, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, page, type OneOf, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, applicationInfo, ZApplicationInfo, resolveOptionalAppRef } from "@/lib/domains/applications/api";

// Wire structures.

export const ZPushCredentialContent = z
  .object({
    cert_file_name: z.string().optional().meta({ description: "Apple: the certificate file's name" }),
    cert_content: z.string().optional().meta({ description: "Apple, with with_cert=true: the certificate in base64 (DER; the private key is never returned)" }),
    is_dev_mode: z.boolean().optional().meta({ description: "Apple: whether the credential uses the APNs sandbox" }),
    sender_id: z.string().optional().meta({ description: "Google: the Firebase project's sender id" }),
    huawei_client_id: z.string().optional(),
    huawei_application_id: z.string().optional(),
  })
  .meta({ id: "PushCredentialContent" });

export const ZPushCredentialInfo = z
  .object({
    push_credential_id: z.number().int(),
    push_provider_id: z.number().int().meta({ description: "1 APPLE, 2 GOOGLE, 3 APPLE_VOIP, 4 HUAWEI (ours)" }),
    push_provider_name: z.enum(PUSH_PROVIDERS),
    expiration_date: w.timestamp.meta({ description: "Apple: the certificate's expiry (UTC); null for the other providers" }),
    credential_bundle: z.string().meta({ description: "The iOS bundle id or Android package name; empty when none was given" }),
    content: z.array(ZPushCredentialContent),
    applications: z.array(ZApplicationInfo).meta({ description: "The applications the credential is bound to" }),
  })
  .meta({ id: "PushCredentialInfo" });
export type PushCredentialInfo = z.output<typeof ZPushCredentialInfo>;

export function pushCredentialInfo(c: PushCredentialDto): PushCredentialInfo {
  const content: z.output<typeof ZPushCredentialContent> =
    c.provider === "GOOGLE"
      ? { sender_id: c.senderId ?? "" }
      : c.provider === "HUAWEI"
        ? { huawei_client_id: c.huaweiClientId ?? "", huawei_application_id: c.huaweiApplicationId ?? "" }
        : { cert_file_name: c.certFileName ?? "", is_dev_mode: c.isDevMode, ...(c.certificate ? { cert_content: c.certificate } : {}) };
  return {
    push_credential_id: c.id,
    push_provider_id: pushProviderId(c.provider),
    push_provider_name: c.provider,
    expiration_date: w.formatApiDate(c.expiresAt),
    credential_bundle: c.bundle,
    content: [content],
    applications: c.applications.map(applicationInfo),
  };
}

const GROUP = "Push credentials";

const ERRORS: ErrorMapping = {
  fields: {
    ...APP_REF_FIELDS,
    applicationIds: "application_id",
    credentialId: "push_credential_id",
    credentialIds: "push_credential_id",
    provider: "push_provider_name",
    bundle: "credential_bundle",
    certContent: "cert_content",
    certFileName: "cert_file_name",
    certPassword: "cert_password",
    isDevMode: "is_dev_mode",
    serviceAccountFile: "service_account_file",
    senderId: "sender_id",
    serverKey: "server_key",
    huaweiClientId: "huawei_client_id",
    huaweiClientSecret: "huawei_client_secret",
    huaweiApplicationId: "huawei_application_id",
  },
};

const credentialId = w.id(API_ERROR.INVALID_PUSH_CREDENTIAL, { description: "The push credential id" });
const providerName = w.text(z.string(), { description: `The provider: ${PUSH_PROVIDERS.join(", ")}` });
const providerId = w.int({ min: 1, max: PUSH_PROVIDERS.length, description: "The provider's id instead of its name: 1 APPLE, 2 GOOGLE, 3 APPLE_VOIP, 4 HUAWEI" });
const PROVIDER_ONE_OF = (required: boolean): OneOf => ({ params: ["push_provider_name", "push_provider_id"], required });

/** The provider from push_provider_name or push_provider_id (the name is checked by the domain's schema). */
const providerOf = (p: { push_provider_name?: string; push_provider_id?: number }): PushProvider | undefined =>
  p.push_provider_id !== undefined ? PUSH_PROVIDERS[p.push_provider_id - 1] : (p.push_provider_name?.trim().toUpperCase() as PushProvider | undefined);

/** The provider fields AddPushCredential and SetPushCredential share. */
const contentParams = {
  cert_content: w.optionalText(z.string(), "Apple: the .p12 (certificate and private key), base64"),
  cert_file_name: w.optionalText(z.string(), "Apple: the file's name, as shown in the panel"),
  cert_password: w.optionalText(z.string(), "Apple: the .p12's password"),
  is_dev_mode: w.bool({ description: "Apple: use the APNs sandbox (default: what the certificate allows; production when both)" }).optional(),
  service_account_file: w.optionalText(z.string(), "Google: the Firebase project's service account JSON key (FCM HTTP v1)"),
  sender_id: w.optionalText(z.string(), "Google: the Firebase project's sender id"),
  server_key: w.optionalText(z.string(), "Google's legacy server key: refused (retired by Google in 2024)"),
  huawei_client_id: w.optionalText(z.string(), "Huawei: the client id from AppGallery Connect"),
  huawei_client_secret: w.optionalText(z.string(), "Huawei: the client secret"),
  huawei_application_id: w.optionalText(z.string(), "Huawei: the app id"),
};

const contentFields = (p: { [K in keyof typeof contentParams]?: z.output<(typeof contentParams)[K]> }) => ({
  certContent: p.cert_content,
  certFileName: p.cert_file_name,
  certPassword: p.cert_password,
  isDevMode: p.is_dev_mode,
  serviceAccountFile: p.service_account_file,
  senderId: p.sender_id,
  serverKey: p.server_key,
  huaweiClientId: p.huawei_client_id,
  huaweiClientSecret: p.huawei_client_secret,
  huaweiApplicationId: p.huawei_application_id,
});

export const addPushCredentialMethod = defineMethod({
  name: "AddPushCredential",
  group: GROUP,
  summary:
    "Adds a push credential: APPLE or APPLE_VOIP (a .p12 with its password; the bundle and expiry come from the certificate), GOOGLE (a service account JSON key, FCM HTTP v1) or HUAWEI (client id, secret and app id), and binds it to the application when one is named. Checked before anything is stored; secrets are never returned. The same credential twice is refused (653): bind it instead.",
  params: z.object({
    push_provider_name: providerName.optional(),
    push_provider_id: providerId.optional(),
    ...appRefParams,
    credential_bundle: w.optionalText(z.string(), "The iOS bundle id or Android package name (Apple: must match the certificate's)"),
    ...contentParams,
  }),
  oneOf: [PROVIDER_ONE_OF(true), APP_REF_ONE_OF(false)],
  response: z.object({ result: z.literal(1), push_credential_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveOptionalAppRef(actor, p);
    const c = await addPushCredential(actor, { provider: providerOf(p)!, applicationId: app?.id, bundle: p.credential_bundle, ...contentFields(p) });
    return done({ push_credential_id: c.id });
  },
});

export const setPushCredentialMethod = defineMethod({
  name: "SetPushCredential",
  group: GROUP,
  summary: "Replaces what is given of a credential's fields (a renewed certificate, a new key file or secret, the APNs environment); the provider and bundle stay.",
  params: z.object({ push_credential_id: credentialId, ...contentParams }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await setPushCredential(actor, { credentialId: p.push_credential_id, ...contentFields(p) });
    return done();
  },
});

export const delPushCredentialMethod = defineMethod({
  name: "DelPushCredential",
  group: GROUP,
  summary: "Deletes a push credential, unbinding it from every application.",
  params: z.object({ push_credential_id: credentialId }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await deletePushCredential(actor, { credentialId: p.push_credential_id });
    return done();
  },
});

export const getPushCredentialMethod = defineMethod({
  name: "GetPushCredential",
  group: GROUP,
  summary: "The account's push credentials by id (at most 100), or one, or one provider's, or those bound to one application. with_cert=true adds the Apple certificates (never a private key or secret).",
  params: z.object({
    push_credential_id: credentialId.optional(),
    push_provider_name: providerName.optional(),
    push_provider_id: providerId.optional(),
    ...appRefParams,
    with_cert: w.bool({ description: "Add the Apple certificate (base64 DER, no key) to content" }).optional(),
  }),
  oneOf: [PROVIDER_ONE_OF(false), APP_REF_ONE_OF(false)],
  response: listResponse(ZPushCredentialInfo),
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveOptionalAppRef(actor, p);
    const list = await listPushCredentials(actor, { credentialId: p.push_credential_id, provider: providerOf(p), applicationId: app?.id, withCert: p.with_cert ?? false });
    return page(list.map(pushCredentialInfo), list.length);
  },
});

export const bindPushCredentialMethod = defineMethod({
  name: "BindPushCredential",
  group: GROUP,
  summary: "Binds the credentials to the applications (bind=true, the default) or unbinds them. Already so is no error; an application's slot held by another credential of the same provider, bundle and environment is (654). All or nothing.",
  params: z.object({
    push_credential_id: w.intList({ apiCode: API_ERROR.INVALID_PUSH_CREDENTIAL, description: "The push credential ids" }),
    application_id: w.intList({ apiCode: API_ERROR.INVALID_APPLICATION_ID, description: "The application ids" }),
    bind: w.bool({ description: "true (default) to bind, false to unbind" }).optional(),
  }),
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await bindPushCredential(actor, { credentialIds: p.push_credential_id, applicationIds: p.application_id, bind: p.bind ?? true });
    return done();
  },
});

export const pushCredentialMethods: RegisteredMethod[] = [addPushCredentialMethod, setPushCredentialMethod, delPushCredentialMethod, getPushCredentialMethod, bindPushCredentialMethod] as RegisteredMethod[];
