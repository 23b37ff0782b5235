// Test-only: Apple push certificates as Keychain Access exports them (a .p12 holding a
// certificate with Apple's subject and its RSA key; one key pair per process, since generating
// 2048-bit keys per test would be slow), stored credentials, and one valid call for each
// Management API method of this domain, merged into the registry-wide tables by test/api-fixtures.ts.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";
import { withApp } from "../applications/api-fixtures";
import { serviceAccountJson } from "../dialogflow/api-fixtures";
import { pushSlot, type PushProvider } from "./client-safe";

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const KEY = forge.pki.privateKeyFromPem(PEM) as forge.pki.rsa.PrivateKey;
const OTHER_KEY = forge.pki.privateKeyFromPem(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()) as forge.pki.rsa.PrivateKey;

const DAY = 86_400_000;

export type P12Options = {
  bundle?: string;
  /** The subject's common name before ": <bundle>" (Apple's kinds: "Apple Push Services", "Apple Development IOS Push Services", "VoIP Services"). */
  kind?: string;
  password?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Put another key in the file (not the certificate's). */
  wrongKey?: boolean;
  /** Leave the key out. */
  noKey?: boolean;
};

/** A .p12 as base64, as Keychain Access would export an Apple push certificate with its key. */
export function applePushP12(o: P12Options = {}): string {
  const bundle = o.bundle ?? `com.example.app${randomBytes(3).toString("hex")}`;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(KEY.n, KEY.e);
  cert.serialNumber = `0${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 365 * DAY);
  cert.setSubject([
    { type: "0.9.2342.19200300.100.1.1", value: bundle },
    { name: "commonName", value: `${o.kind ?? "Apple Push Services"}: ${bundle}` },
    { name: "organizationalUnitName", value: "ABCDE12345" },
    { name: "countryName", value: "US" },
  ]);
  cert.setIssuer([{ name: "commonName", value: "Apple Worldwide Developer Relations Certification Authority" }]);
  cert.sign(KEY, forge.md.sha256.create());
  const key = o.noKey ? null : o.wrongKey ? OTHER_KEY : KEY;
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, cert, o.password ?? "", { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary").toString("base64");
}

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
