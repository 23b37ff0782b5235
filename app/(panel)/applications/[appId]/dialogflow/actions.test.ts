import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";
import { fixtureDialogflowKey, serviceAccountJson } from "@/lib/domains/dialogflow/api-fixtures";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { addDialogflowKeyAction, bindDialogflowKeyAction, deleteDialogflowKeyAction, setDialogflowKeyAction } = await import("./actions");

async function snapshot(accountId: number) {
  return {
    keys: await db.dialogflowKey.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    bindings: await db.dialogflowKeyApplication.findMany({ where: { accountId }, orderBy: [{ keyId: "asc" }, { applicationId: "asc" }] }),
    audits: await changeRowCount(accountId),
  };
}

describe("Dialogflow key server actions", () => {
  let acct: TestAccount;
  let app: { id: number };
  let other: { id: number };
  beforeAll(async () => {
    acct = await createTestAccount();
    app = await fixtureApp(acct.id, "bot");
    other = await fixtureApp(acct.id, "ivr");
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "addDialogflowKeyAction", run: () => addDialogflowKeyAction({ applicationId: app.id, credentials: serviceAccountJson(), description: "bot" }) },
    { name: "setDialogflowKeyAction", run: (keyId: number) => setDialogflowKeyAction({ keyId, description: "renamed" }) },
    { name: "bindDialogflowKeyAction", run: (keyId: number) => bindDialogflowKeyAction({ keyId, applicationIds: [other.id], bind: true }) },
    { name: "deleteDialogflowKeyAction", run: (keyId: number) => deleteDialogflowKeyAction({ keyId }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.dialogflow_agents");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const key = await fixtureDialogflowKey(acct.id, [app.id]);
        const before = await snapshot(acct.id);
        const r = await c.run(key.id);
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
    const key = await fixtureDialogflowKey(acct.id, [app.id]);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(key.id), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a file that is not a service account key, or a bad description, is a field error naming it; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const key = await fixtureDialogflowKey(acct.id, [app.id]);
    const before = await snapshot(acct.id);
    expect(await addDialogflowKeyAction({ applicationId: app.id, credentials: "" })).toEqual({ ok: false, fieldErrors: { credentials: "Choose the service account's JSON key file" } });
    expect(await addDialogflowKeyAction({ applicationId: app.id, credentials: '{"type":"authorized_user"}' })).toEqual({
      ok: false,
      fieldErrors: { credentials: 'The key file is not a service account key (its "type" must be "service_account")' },
    });
    expect(await addDialogflowKeyAction({ applicationId: app.id, credentials: serviceAccountJson("p-123456", { private_key: "nope" }) })).toEqual({
      ok: false,
      fieldErrors: { credentials: 'The key file\'s "private_key" is not a PEM private key' },
    });
    expect(await addDialogflowKeyAction({ applicationId: app.id, credentials: serviceAccountJson(), description: "x\u0000" })).toEqual({ ok: false, fieldErrors: { description: expect.any(String) } });
    expect(await setDialogflowKeyAction({ keyId: key.id, description: "d".repeat(256) })).toEqual({ ok: false, fieldErrors: { description: "Description must be at most 255 characters" } });
    expect(await bindDialogflowKeyAction({ keyId: key.id, applicationIds: [] })).toEqual({ ok: false, fieldErrors: { applicationIds: "Choose at least one application" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("another account's key or application is refused as not found, nothing written", async () => {
    const them = await createTestAccount();
    const theirApp = await fixtureApp(them.id, "theirs");
    const theirKey = await fixtureDialogflowKey(them.id, [theirApp.id]);
    const mine = await fixtureDialogflowKey(acct.id, [app.id]);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [mineBefore, theirsBefore] = [await snapshot(acct.id), await snapshot(them.id)];
    const keyNotFound = { ok: false, fieldErrors: { keyId: "Dialogflow key not found" } };
    const appNotFound = { ok: false, fieldErrors: { applicationId: "Application not found" } };
    expect(await setDialogflowKeyAction({ keyId: theirKey.id, description: "x" })).toEqual(keyNotFound);
    expect(await deleteDialogflowKeyAction({ keyId: theirKey.id })).toEqual(keyNotFound);
    expect(await bindDialogflowKeyAction({ keyId: theirKey.id, applicationIds: [app.id] })).toEqual(keyNotFound);
    expect(await bindDialogflowKeyAction({ keyId: mine.id, applicationIds: [theirApp.id] })).toEqual(appNotFound);
    expect(await addDialogflowKeyAction({ applicationId: theirApp.id, credentials: serviceAccountJson() })).toEqual(appNotFound);
    expect([await snapshot(acct.id), await snapshot(them.id)]).toEqual([mineBefore, theirsBefore]);
  });
});
