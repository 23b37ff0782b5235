import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";
import { applePushP12, fixturePushCredential } from "@/lib/domains/push-credentials/api-fixtures";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { addPushCredentialAction, bindPushCredentialAction, deletePushCredentialAction, setPushCredentialAction } = await import("./actions");

async function snapshot(accountId: number) {
  return {
    credentials: await db.pushCredential.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    bindings: await db.pushCredentialApplication.findMany({ where: { accountId }, orderBy: [{ credentialId: "asc" }, { applicationId: "asc" }] }),
    audits: await changeRowCount(accountId),
  };
}

describe("push credential server actions", () => {
  let acct: TestAccount;
  let app: { id: number };
  let other: { id: number };
  let huaweiClient = 500_000;
  beforeAll(async () => {
    acct = await createTestAccount();
    app = await fixtureApp(acct.id, "mobile");
    other = await fixtureApp(acct.id, "kiosk");
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    {
      name: "addPushCredentialAction",
      // A package of its own each time: an application holds one Huawei credential per package.
      run: () => addPushCredentialAction({ applicationId: app.id, provider: "HUAWEI", bundle: `com.example.r${++huaweiClient}`, huaweiClientId: String(huaweiClient), huaweiClientSecret: "secret", huaweiApplicationId: "104455" }),
    },
    { name: "setPushCredentialAction", run: (credentialId: number) => setPushCredentialAction({ credentialId, senderId: "42" }) },
    { name: "bindPushCredentialAction", run: (credentialId: number) => bindPushCredentialAction({ credentialIds: [credentialId], applicationIds: [other.id], bind: true }) },
    { name: "deletePushCredentialAction", run: (credentialId: number) => deletePushCredentialAction({ credentialId }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.push_certificates");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const credential = await fixturePushCredential(acct.id, [app.id]);
        const before = await snapshot(acct.id);
        const r = await c.run(credential.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const credential = await fixturePushCredential(acct.id, [app.id]);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(credential.id), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("what is wrong with a certificate is a field error naming its input; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const credential = await fixturePushCredential(acct.id, [app.id]);
    const before = await snapshot(acct.id);
    const p12 = applePushP12({ password: "right", bundle: "com.example.fields" });
    expect(await addPushCredentialAction({ applicationId: app.id, provider: "APPLE" })).toEqual({ ok: false, fieldErrors: { certContent: "Choose the certificate's .p12 file" } });
    expect(await addPushCredentialAction({ applicationId: app.id, provider: "APPLE", certContent: p12 })).toEqual({ ok: false, fieldErrors: { certPassword: "The file has a password: enter the one it was exported with" } });
    expect(await addPushCredentialAction({ applicationId: app.id, provider: "APPLE", certContent: p12, certPassword: "wrong" })).toEqual({ ok: false, fieldErrors: { certPassword: "This password does not open the file" } });
    expect(await addPushCredentialAction({ applicationId: app.id, provider: "APPLE", certContent: applePushP12({ notAfter: new Date(Date.UTC(2026, 0, 2)), notBefore: new Date(Date.UTC(2025, 0, 1)), bundle: "com.example.old" }) })).toEqual({
      ok: false,
      fieldErrors: { certContent: "The certificate for com.example.old expired on 2026-01-02: create a new one in your Apple developer account" },
    });
    expect(await addPushCredentialAction({ applicationId: app.id, provider: "HUAWEI", huaweiClientId: "1", huaweiApplicationId: "2" })).toEqual({ ok: false, fieldErrors: { huaweiClientSecret: "Enter the client secret from AppGallery Connect" } });
    expect(await setPushCredentialAction({ credentialId: credential.id, senderId: "abc" })).toEqual({ ok: false, fieldErrors: { senderId: "The sender id is the Firebase project's number: digits only" } });
    expect(await bindPushCredentialAction({ credentialIds: [credential.id], applicationIds: [] })).toEqual({ ok: false, fieldErrors: { applicationIds: "Choose at least one application" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's credential or application is refused as not found, nothing written", async () => {
    const them = await createTestAccount();
    const theirApp = await fixtureApp(them.id, "theirs");
    const theirs = await fixturePushCredential(them.id, [theirApp.id]);
    const mine = await fixturePushCredential(acct.id, [app.id]);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [mineBefore, theirsBefore] = [await snapshot(acct.id), await snapshot(them.id)];
    const notFound = { ok: false, fieldErrors: { credentialId: "Push credential not found" } };
    const appNotFound = { ok: false, fieldErrors: { applicationId: "Application not found" } };
    expect(await setPushCredentialAction({ credentialId: theirs.id, senderId: "1" })).toEqual(notFound);
    expect(await deletePushCredentialAction({ credentialId: theirs.id })).toEqual(notFound);
    expect(await bindPushCredentialAction({ credentialIds: [theirs.id], applicationIds: [app.id] })).toEqual(notFound);
    expect(await bindPushCredentialAction({ credentialIds: [mine.id], applicationIds: [theirApp.id] })).toEqual(appNotFound);
    expect(await addPushCredentialAction({ applicationId: theirApp.id, provider: "HUAWEI", huaweiClientId: "7", huaweiClientSecret: "s", huaweiApplicationId: "8" })).toEqual(appNotFound);
    expect([await snapshot(acct.id), await snapshot(them.id)]).toEqual([mineBefore, theirsBefore]);
  });
});
