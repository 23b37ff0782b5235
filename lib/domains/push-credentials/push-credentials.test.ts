// Push credentials through the domain and over the wire, with the reference's names. Threats:
// a private key, .p12, password, JSON key or Huawei secret leaking through any read (API, panel
// DTO, audit log); another tenant's credential or application reached by id or name; a file that
// is not an Apple push certificate with its key, or an expired one, being stored; an application
// ending up with two credentials for one app build; a crafted .p12 holding the CPU; a failed
// call writing half.
import { beforeEach, describe, expect, it } from "vitest";
import forge from "node-forge";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, tokenFor, type TestKey } from "@/test/api-kit";
import { POST } from "@/app/platform_api/route";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { fixtureApp } from "../applications/api-fixtures";
import { deleteApplications } from "../applications/mutations";
import { serviceAccountJson } from "../dialogflow/api-fixtures";
import { applePushP12, fixturePushCredential } from "./api-fixtures";
import { MAX_KDF_ITERATIONS, readApplePushCertificate } from "./apple-certificate";
import { addPushCredential, bindPushCredential, setPushCredential, warnExpiringPushCertificates } from "./mutations";
import { listNotifications } from "@/lib/domains/notifications/queries";
import { can } from "@/lib/access/matrix";
import { PRINCIPALS } from "@/test/factories";
import { listPushCredentials } from "./queries";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Developer"]);
  app = await fixtureApp(acct.id, "mobile");
});

const DAY = 86_400_000;
/** What must never appear in a read or a Logs row. */
const secretsOf = (p12: string, ...more: string[]) => [p12.slice(20, 80), "PRIVATE KEY", ...more];
const noSecrets = (value: unknown, secrets: string[]) => {
  const text = JSON.stringify(value);
  for (const s of secrets) expect(text).not.toContain(s);
};

describe("push credentials over the wire", () => {
  it("Apple: add from a .p12, list with the reference's names, with_cert without the key, renew, bind, unbind, delete", async () => {
    const other = await fixtureApp(acct.id, "kiosk");
    const p12 = applePushP12({ bundle: "com.example.phone", password: "hunter2", notAfter: new Date(Date.UTC(2027, 5, 30, 12, 0, 0)) });
    const added = (await callAs(key, "AddPushCredential", { push_provider_name: "APPLE", application_name: "mobile", cert_content: p12, cert_password: "hunter2", cert_file_name: "push.p12" })).body;
    expect(added).toEqual({ result: 1, push_credential_id: expect.any(Number) });
    const id = String(added.push_credential_id);

    const listed = (await callAs(key, "GetPushCredential", {})).body;
    expect(listed).toMatchObject({ count: 1, total_count: 1 });
    expect(listed.result).toEqual([
      {
        push_credential_id: added.push_credential_id,
        push_provider_id: 1,
        push_provider_name: "APPLE",
        expiration_date: "2027-06-30 12:00:00",
        credential_bundle: "com.example.phone",
        content: [{ cert_file_name: "push.p12", is_dev_mode: false }],
        applications: [expect.objectContaining({ application_id: app.id, application_name: expect.stringMatching(/^mobile\./) })],
      },
    ]);
    const withCert = (await callAs(key, "GetPushCredential", { push_credential_id: id, with_cert: "true" })).body.result as { content: { cert_content: string }[] }[];
    const der = Buffer.from(withCert[0]!.content[0]!.cert_content, "base64").toString("binary");
    const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der));
    expect(cert.subject.getField("CN").value).toBe("Apple Push Services: com.example.phone");
    noSecrets(withCert, secretsOf(p12, "hunter2"));

    // Renewal: a new certificate for the same bundle replaces the old, and its expiry shows.
    const renewed = applePushP12({ bundle: "com.example.phone", notAfter: new Date(Date.UTC(2028, 0, 1)) });
    expect((await callAs(key, "SetPushCredential", { push_credential_id: id, cert_content: renewed })).body).toEqual({ result: 1 });
    expect(((await callAs(key, "GetPushCredential", { push_credential_id: id })).body.result as { expiration_date: string }[])[0]!.expiration_date).toBe("2028-01-01 00:00:00");
    // Sandbox: the universal certificate connects to both environments.
    expect((await callAs(key, "SetPushCredential", { push_credential_id: id, is_dev_mode: "true" })).body).toEqual({ result: 1 });

    expect((await callAs(key, "BindPushCredential", { push_credential_id: id, application_id: `${other.id};${app.id}` })).body).toEqual({ result: 1 });
    expect((await callAs(key, "BindPushCredential", { push_credential_id: id, application_id: String(app.id), bind: "false" })).body).toEqual({ result: 1 });
    const panel = await listPushCredentials(await acct.actor(OWNER_ROLE), { applicationId: other.id });
    expect(panel.map((c) => [c.provider, c.bundle, c.isDevMode, c.applications.map((a) => a.name)])).toEqual([["APPLE", "com.example.phone", true, ["kiosk"]]]);
    noSecrets(panel, secretsOf(p12, "hunter2"));
    expect((await callAs(key, "GetPushCredential", { application_id: String(app.id) })).body).toMatchObject({ result: [], count: 0 });

    expect((await callAs(key, "DelPushCredential", { push_credential_id: id })).body).toEqual({ result: 1 });
    expect(await db.pushCredential.count({ where: { accountId: acct.id } })).toBe(0);
    expect(await db.pushCredentialApplication.count({ where: { accountId: acct.id } })).toBe(0);
    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "push_credential." } }, orderBy: { id: "asc" } });
    noSecrets(audits, secretsOf(p12, "hunter2"));
    expect(audits.map((a) => auditSentence(a))).toEqual([
      "Service account test-key added the push credential Apple (APNs) com.example.phone, production to mobile",
      "Service account test-key changed the push credential Apple (APNs) com.example.phone, production (certificate)",
      "Service account test-key changed the push credential Apple (APNs) com.example.phone, sandbox (APNs environment)",
      "Service account test-key gave kiosk the push credential Apple (APNs) com.example.phone, sandbox",
      "Service account test-key removed the push credential Apple (APNs) com.example.phone, sandbox from mobile",
      "Service account test-key deleted the push credential Apple (APNs) com.example.phone, sandbox",
    ]);
  });

  it("Google and Huawei: their own fields, by provider id too, and secrets never read back", async () => {
    const json = serviceAccountJson("firebase-app-42");
    const google = (await callAs(key, "AddPushCredential", { push_provider_id: "2", application_id: String(app.id), service_account_file: json, sender_id: "123456789012", credential_bundle: "com.example.android" })).body;
    expect(google).toEqual({ result: 1, push_credential_id: expect.any(Number) });
    const huawei = (await callAs(key, "AddPushCredential", { push_provider_name: "huawei", application_id: String(app.id), huawei_client_id: "108761", huawei_client_secret: "a1b2c3d4e5", huawei_application_id: "104455" })).body;
    expect(huawei).toEqual({ result: 1, push_credential_id: expect.any(Number) });
    const listed = (await callAs(key, "GetPushCredential", { application_id: String(app.id) })).body.result as { push_provider_name: string; content: unknown[]; expiration_date: unknown; credential_bundle: string }[];
    expect(listed.map((c) => [c.push_provider_name, c.credential_bundle, c.expiration_date, c.content])).toEqual([
      ["GOOGLE", "com.example.android", null, [{ sender_id: "123456789012" }]],
      ["HUAWEI", "", null, [{ huawei_client_id: "108761", huawei_application_id: "104455" }]],
    ]);
    expect(((await callAs(key, "GetPushCredential", { push_provider_name: "HUAWEI" })).body.result as unknown[]).length).toBe(1);
    noSecrets(listed, ["PRIVATE KEY", "a1b2c3d4e5"]);
    // The secret is what the platform signs with: stored as given.
    expect((await db.pushCredential.findUniqueOrThrow({ where: { id: huawei.push_credential_id as number } })).secret).toBe("a1b2c3d4e5");
    expect(JSON.parse((await db.pushCredential.findUniqueOrThrow({ where: { id: google.push_credential_id as number } })).secret)).toEqual(JSON.parse(json));
    noSecrets(await db.auditLog.findMany({ where: { accountId: acct.id } }), ["PRIVATE KEY", "a1b2c3d4e5"]);
  });

  it("wire rules answer their codes with nothing written", async () => {
    const theirAcct = await createTestAccount();
    const theirs = await fixtureApp(theirAcct.id, "theirs");
    const theirCredential = await fixturePushCredential(theirAcct.id, [theirs.id]);
    const mine = await fixturePushCredential(acct.id, [app.id], { provider: "HUAWEI" });
    const apple = await addPushCredential(await acct.actor(OWNER_ROLE), { provider: "APPLE", applicationId: app.id, certContent: applePushP12({ bundle: "com.example.taken" }) });
    const appleSecret = (await db.pushCredential.findUniqueOrThrow({ where: { id: apple.id } })).secret;
    const before = await snapshot(acct.id);
    const a = String(app.id);
    const good = applePushP12({ password: "pw" });
    const cases: [Record<string, string>, number, string?][] = [
      [{ application_id: a, cert_content: good, cert_password: "pw" }, 485],
      [{ push_provider_name: "WINDOWS", application_id: a }, 101, "push_provider_name"],
      [{ push_provider_id: "9", application_id: a }, 101, "push_provider_id"],
      [{ push_provider_name: "APPLE", push_provider_id: "1", application_id: a, cert_content: good, cert_password: "pw" }, 458],
      [{ push_provider_name: "APPLE", application_id: String(theirs.id), cert_content: good, cert_password: "pw" }, 558],
      [{ push_provider_name: "APPLE", application_id: a }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: good }, 651, "cert_password"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: good, cert_password: "nope" }, 651, "cert_password"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: "not base64!" }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: Buffer.from("hello world, not a p12").toString("base64") }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ kind: "iPhone Developer" }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ notAfter: new Date(Date.now() - DAY) }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ wrongKey: true }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ noKey: true }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ kind: "VoIP Services" }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE_VOIP", application_id: a, cert_content: applePushP12({ kind: "Apple Development IOS Push Services" }) }, 651, "cert_content"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ kind: "Apple Development IOS Push Services" }), is_dev_mode: "false" }, 651, "is_dev_mode"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ kind: "Apple Production IOS Push Services" }), is_dev_mode: "true" }, 651, "is_dev_mode"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: applePushP12({ bundle: "com.example.one" }), credential_bundle: "com.example.two" }, 651, "credential_bundle"],
      [{ push_provider_name: "APPLE", application_id: a, cert_content: appleSecret }, 653],
      [{ push_provider_name: "GOOGLE", application_id: a, cert_content: good }, 651, "cert_content"],
      [{ push_provider_name: "GOOGLE", application_id: a }, 651, "service_account_file"],
      [{ push_provider_name: "GOOGLE", application_id: a, server_key: "AAAA:legacy" }, 651, "server_key"],
      [{ push_provider_name: "GOOGLE", application_id: a, service_account_file: "{}" }, 651, "service_account_file"],
      [{ push_provider_name: "GOOGLE", application_id: a, service_account_file: serviceAccountJson("p-123456"), sender_id: "abc" }, 651, "sender_id"],
      [{ push_provider_name: "GOOGLE", application_id: a, service_account_file: serviceAccountJson("p-123456"), credential_bundle: "not a bundle" }, 651, "credential_bundle"],
      [{ push_provider_name: "HUAWEI", application_id: a, huawei_client_id: "1", huawei_application_id: "2" }, 651, "huawei_client_secret"],
      [{ push_provider_name: "HUAWEI", application_id: a, huawei_client_id: "x1", huawei_client_secret: "s", huawei_application_id: "2" }, 651, "huawei_client_id"],
      [{ push_provider_name: "HUAWEI", application_id: a, huawei_client_id: "1", huawei_client_secret: "s", huawei_application_id: "2", cert_password: "x" }, 651, "cert_password"],
    ];
    for (const [params, code, field] of cases) {
      const { body } = await callAs(key, "AddPushCredential", params);
      expect(body.error?.code, JSON.stringify(params).slice(0, 200)).toBe(code);
      if (field) expect(body.error?.msg, JSON.stringify(params).slice(0, 200)).toMatch(new RegExp(`'${field}'`));
    }
    const refs: [string, Record<string, string>, number][] = [
      ["SetPushCredential", { push_credential_id: String(theirCredential.id), sender_id: "1" }, 650],
      ["SetPushCredential", { push_credential_id: "abc" }, 650],
      ["SetPushCredential", { push_credential_id: String(apple.id), cert_content: applePushP12({ bundle: "com.example.other" }) }, 651],
      ["SetPushCredential", { push_credential_id: String(apple.id), cert_password: "only" }, 651],
      ["SetPushCredential", { push_credential_id: String(mine.id), huawei_client_id: "nope" }, 651],
      ["DelPushCredential", { push_credential_id: String(theirCredential.id) }, 650],
      ["GetPushCredential", { application_id: String(theirs.id) }, 558],
      ["BindPushCredential", { push_credential_id: String(theirCredential.id), application_id: a }, 650],
      ["BindPushCredential", { push_credential_id: String(mine.id), application_id: `${a};${theirs.id}` }, 558],
      ["BindPushCredential", { push_credential_id: String(mine.id), application_id: "x" }, 116],
    ];
    for (const [method, params, code] of refs) {
      const { body } = await callAs(key, method, params);
      expect(body.error?.code, `${method} ${JSON.stringify(params).slice(0, 160)}`).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect((await callAs(key, "GetPushCredential", { push_credential_id: String(theirCredential.id) })).body).toEqual({ result: [], count: 0, total_count: 0 });
  });

  it("a .p12 sent as a multipart file arrives as its bytes", async () => {
    const p12 = applePushP12({ bundle: "com.example.curl" });
    const form = new FormData();
    form.append("cmd", "AddPushCredential");
    form.append("push_provider_name", "APPLE");
    form.append("cert_content", new Blob([Buffer.from(p12, "base64")]), "cert.p12");
    const res = await POST(new Request("http://localhost/platform_api", { method: "POST", headers: { authorization: `Bearer ${await tokenFor(key)}` }, body: form }));
    expect(await res.json()).toEqual({ result: 1, push_credential_id: expect.any(Number) });
    expect((await db.pushCredential.findFirstOrThrow({ where: { accountId: acct.id } })).bundle).toBe("com.example.curl");
  });
});

describe("push credentials in the domain", () => {
  it("an application holds one credential per provider, bundle and environment: sandbox and production sit side by side", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const prod = await addPushCredential(owner, { provider: "APPLE", applicationId: app.id, certContent: applePushP12({ bundle: "com.example.slot" }) });
    const dev = await addPushCredential(owner, { provider: "APPLE", applicationId: app.id, certContent: applePushP12({ bundle: "com.example.slot", kind: "Apple Development IOS Push Services" }) });
    expect([prod.isDevMode, dev.isDevMode]).toEqual([false, true]);
    // A second production certificate for the bundle: not in this application.
    const again = applePushP12({ bundle: "com.example.slot", kind: "Apple Production IOS Push Services" });
    await expect(addPushCredential(owner, { provider: "APPLE", applicationId: app.id, certContent: again })).rejects.toMatchObject({ reason: "push_slot_taken", field: "applicationId" });
    const loose = await addPushCredential(owner, { provider: "APPLE", certContent: again });
    expect(loose.applications).toEqual([]);
    await expect(bindPushCredential(owner, { credentialIds: [loose.id], applicationIds: [app.id] })).rejects.toMatchObject({ reason: "push_slot_taken" });
    // Moving the universal one to the sandbox collides with the development one; nothing changes.
    await expect(setPushCredential(owner, { credentialId: prod.id, isDevMode: true })).rejects.toMatchObject({ reason: "push_slot_taken" });
    expect((await db.pushCredential.findUniqueOrThrow({ where: { id: prod.id } })).isDevMode).toBe(false);
    // Binding twice and unbinding what is not bound change nothing and write no audit row.
    const rows = await db.auditLog.count({ where: { accountId: acct.id } });
    await bindPushCredential(owner, { credentialIds: [prod.id], applicationIds: [app.id] });
    await bindPushCredential(owner, { credentialIds: [loose.id], applicationIds: [app.id], bind: false });
    expect(await db.auditLog.count({ where: { accountId: acct.id } })).toBe(rows);
  });

  it("the same credential twice is refused on the input that identifies it, pointing at binding it", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const json = serviceAccountJson("firebase-twice");
    await addPushCredential(owner, { provider: "GOOGLE", serviceAccountFile: json });
    await expect(addPushCredential(owner, { provider: "GOOGLE", applicationId: app.id, serviceAccountFile: json })).rejects.toMatchObject({ reason: "push_credential_taken", field: "serviceAccountFile", message: expect.stringContaining("Use an existing credential") });
    const huawei = { provider: "HUAWEI" as const, huaweiClientId: "777", huaweiClientSecret: "s", huaweiApplicationId: "888" };
    await addPushCredential(owner, huawei);
    await expect(addPushCredential(owner, { ...huawei, bundle: "com.example.other" })).rejects.toMatchObject({ reason: "push_credential_taken", field: "huaweiClientId" });
    const p12 = applePushP12({ bundle: "com.example.twice" });
    await addPushCredential(owner, { provider: "APPLE", certContent: p12 });
    await expect(addPushCredential(owner, { provider: "APPLE", certContent: p12 })).rejects.toMatchObject({ reason: "push_credential_taken", field: "certContent" });
  });

  it("deleting an application removes it from its credentials, which stay in the account", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const c = await fixturePushCredential(acct.id, [app.id]);
    await deleteApplications(owner, { applicationIds: [app.id] });
    expect(await db.pushCredential.count({ where: { id: c.id } })).toBe(1);
    expect(await db.pushCredentialApplication.count({ where: { credentialId: c.id } })).toBe(0);
  });

  it("refuses a .p12 whose key derivation runs past the cap, before deriving", () => {
    const p12 = (count: number) => {
      const file = Buffer.from(applePushP12({ password: "pw" }), "base64").toString("binary");
      const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file), false, "pw");
      const cert = parsed.getBags({ bagType: forge.pki.oids.certBag as string })[forge.pki.oids.certBag as string]![0]!.cert!;
      const key = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag as string })[forge.pki.oids.pkcs8ShroudedKeyBag as string]![0]!.key!;
      return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, "pw", { algorithm: "3des", count } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3])).getBytes(), "binary").toString("base64");
    };
    expect(readApplePushCertificate(p12(MAX_KDF_ITERATIONS), "pw")).toMatchObject({ bundle: expect.any(String) });
    expect(readApplePushCertificate(p12(MAX_KDF_ITERATIONS + 1), "pw")).toEqual({ field: "certContent", message: expect.stringMatching(/more than 10,000 key derivation rounds/) });
  });

  it("warns once of a certificate expiring within 30 days, at once when added so, to those who hold the section, with its webhook event; a renewal re-arms it", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const now = new Date();
    await db.webhook.create({ data: { accountId: acct.id, url: "https://hooks.example.com/sb", secret: "s", events: '["push_certificate_expiring"]' } });
    const warned = () => db.notification.count({ where: { accountId: acct.id, kind: "push_certificate_expiring" } });
    // Added 20 days before its expiry: warned in the same transaction.
    const soon = await addPushCredential(owner, { provider: "APPLE", applicationId: app.id, certContent: applePushP12({ bundle: "com.example.soon", notAfter: new Date(now.getTime() + 20 * DAY) }) });
    expect(await warned()).toBe(1);
    await addPushCredential(owner, { provider: "APPLE", applicationId: app.id, certContent: applePushP12({ bundle: "com.example.later", notAfter: new Date(now.getTime() + 45 * DAY) }) });
    expect(await warned()).toBe(1);
    expect(await warnExpiringPushCertificates(new Date(now.getTime() + 3_600_000), { accountId: acct.id })).toBe(0);
    const detail = { kind: "push_certificate_expiring", redacted: false, credential: "Apple (APNs) com.example.soon, production", expiresAt: soon.expiresAt, applicationId: app.id };
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "notification_history")) continue;
      expect((await listNotifications(actor)).map((x) => x.detail), role).toEqual([can(actor, "application.push_certificates") ? detail : { kind: "push_certificate_expiring", redacted: true }]);
    }
    const [delivery] = await db.webhookDelivery.findMany({ where: { accountId: acct.id } });
    expect(JSON.parse(delivery!.payload)).toMatchObject({ event: "push_certificate_expiring", data: { credential: detail.credential, credential_id: soon.id, expires_at: soon.expiresAt!.toISOString(), application_id: app.id } });
    // Replaced by a certificate that also expires soon: warned again at once; the later one in its time, by the hourly run.
    await setPushCredential(owner, { credentialId: soon.id, certContent: applePushP12({ bundle: "com.example.soon", notAfter: new Date(now.getTime() + 10 * DAY) }) });
    expect(await warned()).toBe(2);
    expect(await warnExpiringPushCertificates(new Date(now.getTime() + 20 * DAY), { accountId: acct.id })).toBe(1);
    expect(await warned()).toBe(3);
  });

  it("the hourly runs of two servers at once warn of a certificate once", async () => {
    const expiresAt = new Date(Date.now() + 5 * DAY);
    await db.pushCredential.create({ data: { accountId: acct.id, provider: "APPLE", bundle: "com.example.race", secret: "p12", fingerprint: "race", expiresAt } });
    const runs = await Promise.all([warnExpiringPushCertificates(new Date(), { accountId: acct.id }), warnExpiringPushCertificates(new Date(), { accountId: acct.id })]);
    expect(runs.reduce((a, b) => a + b)).toBe(1);
    expect(await db.notification.count({ where: { accountId: acct.id, kind: "push_certificate_expiring" } })).toBe(1);
  });
});
