// Push credential inputs, shared by the application's Push certificates page, its actions and
// the Management API (AddPushCredential, SetPushCredential, DelPushCredential,
// GetPushCredential, BindPushCredential, with the reference's parameters). What each provider
// takes (reference: AddPushCredential):
// - APPLE, APPLE_VOIP: cert_content (.p12, base64 through the API), cert_password, cert_file_name,
//   is_dev_mode (the APNs sandbox); the bundle comes from the certificate.
// - GOOGLE: service_account_file (a Firebase project's service account JSON key, FCM HTTP v1) and
//   an optional sender_id. Google retired the legacy server keys (server_key) in 2024.
// - HUAWEI: huawei_client_id, huawei_client_secret, huawei_application_id (AppGallery Connect).
// A field of another provider is refused naming it, so nothing given is silently dropped.
import { z } from "zod";
import { zId } from "@/lib/core/validate";
import type { ErrorReason } from "@/lib/core/errors";
import { ZApplicationId, ZApplicationIdList } from "@/lib/domains/applications/schemas";
import { readServiceAccountKey } from "@/lib/domains/dialogflow/schemas";
import { environmentMismatch, providerMismatch, readApplePushCertificate, storedCertificateEnvironments } from "./apple-certificate";
import { isApple, PUSH_PROVIDERS, PUSH_PROVIDER_LABELS, type PushProvider } from "./client-safe";

export const ZPushCredentialId = zId("Invalid push credential id", "push_credential_not_found");

export const ZPushProvider = z.enum(PUSH_PROVIDERS, { error: `Choose the provider: ${PUSH_PROVIDERS.join(", ")}` });

/** An iOS bundle id or an Android package name: dot-separated letters, digits, '-' or '_', two parts at least. */
const BUNDLE_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;
const BUNDLE_MAX = 155;
const DIGITS_RE = /^\d{1,32}$/;
const SECRET_RE = /^[\x21-\x7e]{1,128}$/;

/** The input fields, camelCase; each is for the providers named in its comment. */
const FIELDS = {
  /** Any provider: the app the credential is for (Apple: taken from the certificate, and checked against this). */
  bundle: z.string().trim().optional(),
  /** Apple: the .p12, base64. */
  certContent: z.string().optional(),
  /** Apple: the file's name, as shown on the page (defaults to certificate.p12). */
  certFileName: z.string().trim().max(255, "The file name must be at most 255 characters").optional(),
  /** Apple: the .p12's password ("" when it has none). */
  certPassword: z.string().max(256, "The password must be at most 256 characters").optional(),
  /** Apple: the APNs sandbox; defaults to what the certificate allows (sandbox for a development certificate). */
  isDevMode: z.boolean().optional(),
  /** Google: the service account's JSON key file. */
  serviceAccountFile: z.string().optional(),
  /** Google: the project's sender id (its number). */
  senderId: z.string().trim().optional(),
  /** Google's legacy server key: refused. */
  serverKey: z.string().optional(),
  huaweiClientId: z.string().trim().optional(),
  huaweiClientSecret: z.string().trim().optional(),
  huaweiApplicationId: z.string().trim().optional(),
};
type Fields = { [K in keyof typeof FIELDS]?: z.output<(typeof FIELDS)[K]> };

/** Which providers each field belongs to (bundle: all). */
const FIELD_PROVIDERS: Record<Exclude<keyof Fields, "bundle">, readonly PushProvider[]> = {
  certContent: ["APPLE", "APPLE_VOIP"],
  certFileName: ["APPLE", "APPLE_VOIP"],
  certPassword: ["APPLE", "APPLE_VOIP"],
  isDevMode: ["APPLE", "APPLE_VOIP"],
  serviceAccountFile: ["GOOGLE"],
  senderId: ["GOOGLE"],
  serverKey: ["GOOGLE"],
  huaweiClientId: ["HUAWEI"],
  huaweiClientSecret: ["HUAWEI"],
  huaweiApplicationId: ["HUAWEI"],
};

/** What is stored for a credential (the PushCredential columns the input decides). */
export type PushMaterial = {
  provider: PushProvider;
  bundle: string;
  isDevMode: boolean;
  certFileName: string | null;
  certPassword: string | null;
  certificate: string | null;
  expiresAt: Date | null;
  projectId: string | null;
  senderId: string | null;
  huaweiClientId: string | null;
  huaweiApplicationId: string | null;
  secret: string;
  fingerprint: string;
};

/** A problem with the input: the field, what to say, and the reason (the API's code). */
export type PushProblem = { field: string; message: string; reason: ErrorReason };

/** The stored columns SetPushCredential starts from. */
export type StoredPushCredential = Omit<PushMaterial, "provider"> & { provider: string };

const problem = (field: string, message: string): PushProblem => ({ field, message, reason: "push_credential_invalid" });

/**
 * The provider's fields -> what to store; or the first problem, naming its field. Without
 * `current` (AddPushCredential) the provider's required fields must be there; with it
 * (SetPushCredential) each field given replaces the stored one, and the rest is kept (an Apple
 * certificate replaced by one for another bundle is refused: that is a new credential).
 */
export function pushMaterial(provider: PushProvider, f: Fields, current?: StoredPushCredential): PushMaterial | PushProblem {
  for (const [name, providers] of Object.entries(FIELD_PROVIDERS) as [keyof typeof FIELD_PROVIDERS, readonly PushProvider[]][]) {
    if (f[name] !== undefined && f[name] !== "" && !providers.includes(provider)) {
      return problem(name, `This field is for ${providers.map((p) => PUSH_PROVIDER_LABELS[p]).join(" and ")} credentials, not ${PUSH_PROVIDER_LABELS[provider]}`);
    }
  }
  const bundle = f.bundle || current?.bundle || "";
  if (bundle !== "" && (!BUNDLE_RE.test(bundle) || bundle.length > BUNDLE_MAX)) {
    return problem("bundle", `"${bundle.slice(0, 60)}" is not a bundle id or package name (such as com.example.app)`);
  }
  const base = { provider, bundle, isDevMode: false, certFileName: null, certPassword: null, certificate: null, expiresAt: null, projectId: null, senderId: null, huaweiClientId: null, huaweiApplicationId: null };
  if (isApple(provider)) return appleMaterial(provider, f, bundle, base, current);
  if (provider === "GOOGLE") {
    if (f.serverKey) return problem("serverKey", "Google retired legacy FCM server keys in 2024: upload the Firebase project's service account JSON key instead");
    if (f.senderId && !DIGITS_RE.test(f.senderId)) return problem("senderId", "The sender id is the Firebase project's number: digits only");
    const senderId = f.senderId || current?.senderId || null;
    if (!f.serviceAccountFile) {
      if (current) return { ...base, projectId: current.projectId, senderId, secret: current.secret, fingerprint: current.fingerprint };
      return problem("serviceAccountFile", "Choose the Firebase project's service account JSON key file");
    }
    const key = readServiceAccountKey(f.serviceAccountFile);
    if (typeof key === "string") return problem("serviceAccountFile", key);
    return { ...base, projectId: key.projectId, senderId, secret: key.json, fingerprint: `google:${key.privateKeyId}` };
  }
  // HUAWEI
  const clientId = f.huaweiClientId || current?.huaweiClientId || "";
  const applicationId = f.huaweiApplicationId || current?.huaweiApplicationId || "";
  const secret = f.huaweiClientSecret || current?.secret || "";
  if (!DIGITS_RE.test(clientId)) return problem("huaweiClientId", clientId === "" ? "Enter the client id from AppGallery Connect" : "The client id is digits only");
  if (!SECRET_RE.test(secret)) return problem("huaweiClientSecret", secret === "" ? "Enter the client secret from AppGallery Connect" : "The client secret is 1 to 128 characters without spaces");
  if (!DIGITS_RE.test(applicationId)) return problem("huaweiApplicationId", applicationId === "" ? "Enter the app id from AppGallery Connect" : "The app id is digits only");
  return { ...base, huaweiClientId: clientId, huaweiApplicationId: applicationId, secret, fingerprint: `huawei:${clientId}/${applicationId}` };
}

function appleMaterial(provider: PushProvider, f: Fields, bundle: string, base: Omit<PushMaterial, "secret" | "fingerprint">, current?: StoredPushCredential): PushMaterial | PushProblem {
  if (!f.certContent) {
    if (!current) return problem("certContent", "Choose the certificate's .p12 file");
    if (f.certPassword !== undefined && f.certPassword !== "") return problem("certContent", "Choose the certificate file the password is for");
    const isDevMode = f.isDevMode ?? current.isDevMode;
    const env = current.certificate ? environmentMismatch(isDevMode, storedCertificateEnvironments(current.certificate)) : null;
    if (env) return problem("isDevMode", env);
    const { certPassword, certificate, expiresAt, secret, fingerprint } = current;
    return { ...base, isDevMode, certFileName: f.certFileName || current.certFileName, certPassword, certificate, expiresAt, secret, fingerprint };
  }
  const password = f.certPassword ?? "";
  const cert = readApplePushCertificate(f.certContent, password);
  if ("field" in cert) return problem(cert.field, cert.message);
  const wrongProvider = providerMismatch(provider, cert);
  if (wrongProvider) return problem("certContent", wrongProvider);
  if (current && cert.bundle !== current.bundle) {
    return problem("certContent", `This certificate is for ${cert.bundle} and the credential for ${current.bundle}: add it as a credential of its own`);
  }
  if (f.bundle && f.bundle !== cert.bundle) return problem("bundle", `The certificate is for ${cert.bundle}, not ${f.bundle}`);
  const isDevMode = f.isDevMode ?? (current ? current.isDevMode : cert.environments === "sandbox");
  const env = environmentMismatch(isDevMode, cert.environments);
  if (env) return problem("isDevMode", env);
  return {
    ...base,
    bundle: cert.bundle,
    isDevMode,
    certFileName: f.certFileName || "certificate.p12",
    certPassword: password,
    certificate: cert.certificate,
    expiresAt: cert.expiresAt,
    secret: f.certContent.replace(/\s+/g, ""),
    fingerprint: `apple:${cert.fingerprint}`,
  };
}

/** Whether pushMaterial failed. */
export const isPushProblem = (m: PushMaterial | PushProblem): m is PushProblem => "reason" in m;

/** AddPushCredential / the page's Add: the provider, its fields, and the application to bind it to (optional through the API). */
export const ZAddPushCredentialInput = z.object({ provider: ZPushProvider, applicationId: ZApplicationId.optional(), ...FIELDS });
export type AddPushCredentialInput = z.input<typeof ZAddPushCredentialInput>;

/** SetPushCredential / the page's Replace: the credential and the fields to change (bundle and provider stay). */
export const ZSetPushCredentialInput = z.object({ credentialId: ZPushCredentialId, ...FIELDS }).refine((v) => v.bundle === undefined || v.bundle === "", {
  message: "The bundle cannot change: add a credential for the other app",
  path: ["bundle"],
});
export type SetPushCredentialInput = z.input<typeof ZSetPushCredentialInput>;

export const ZPushCredentialRef = z.object({ credentialId: ZPushCredentialId });
export type PushCredentialRef = z.input<typeof ZPushCredentialRef>;

/** BindPushCredential: bind (default) or unbind the credentials to or from each application. */
export const ZBindPushCredentialInput = z.object({
  credentialIds: z
    .array(ZPushCredentialId, { error: "Choose the push credentials" })
    .min(1, "Choose at least one push credential")
    .max(100, "At most 100 push credentials at a time")
    .transform((ids) => [...new Set(ids)]),
  applicationIds: ZApplicationIdList,
  bind: z.boolean().default(true),
});
export type BindPushCredentialInput = z.input<typeof ZBindPushCredentialInput>;

/** GetPushCredential: the account's credentials, or one, or one provider's, or those bound to one application. */
export const ZListPushCredentialsInput = z.object({
  credentialId: ZPushCredentialId.optional(),
  provider: ZPushProvider.optional(),
  applicationId: ZApplicationId.optional(),
  withCert: z.boolean().default(false),
});
export type ListPushCredentialsInput = z.input<typeof ZListPushCredentialsInput>;
