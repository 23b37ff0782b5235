import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";

// Settings > Webhooks' server actions are public POST endpoints: only MainAccount (the account
// owner) may use them; for everyone else the wrapper refuses before anything is written.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { deleteWebhookAction, redeliverWebhookAction, rotateWebhookSecretAction, saveWebhookAction, sendTestWebhookAction } = await import("./actions");

const URL = "https://hooks.example.com/switchboard";

async function snapshot(accountId: number) {
  return {
    webhook: await db.webhook.findUnique({ where: { accountId }, select: { url: true, secret: true, events: true, active: true } }),
    deliveries: await db.webhookDelivery.count({ where: { accountId } }),
    changes: await changeRowCount(accountId),
  };
}

describe("Webhooks server actions", () => {
  let acct: TestAccount;
  let failedId = 0;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(async () => {
    session.actor = null;
    // Each call finds a webhook that is on, with a known secret.
    await db.webhook.upsert({
      where: { accountId: acct.id },
      create: { accountId: acct.id, url: URL, secret: "a".repeat(64), events: '["low_balance"]' },
      update: { url: URL, secret: "a".repeat(64), events: '["low_balance"]', active: true },
    });
    failedId = (await db.webhookDelivery.create({ data: { accountId: acct.id, event: "low_balance", payload: "{}", status: "failed", attempts: 6, nextAttemptAt: null } })).id;
  });

  const calls = [
    { name: "saveWebhookAction", run: () => saveWebhookAction({ url: `${URL}/v2`, events: ["number_blocked"], active: true }) },
    { name: "rotateWebhookSecretAction", run: () => rotateWebhookSecretAction({}) },
    { name: "sendTestWebhookAction", run: () => sendTestWebhookAction({}) },
    { name: "redeliverWebhookAction", run: () => redeliverWebhookAction({ deliveryId: String(failedId) }) },
    { name: "deleteWebhookAction", run: () => deleteWebhookAction({}) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "webhooks");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const before = await snapshot(acct.id);
        const r = await c.run();
        const after = await snapshot(acct.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect(after.changes).toBe(before.changes + 1);
          expect(after).not.toEqual(before);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(after).toEqual(before);
        }
      });
    }
  }

  it("bad input is a field error naming it; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await saveWebhookAction({ url: "ftp://example.com", events: [] })).toEqual({ ok: false, fieldErrors: { url: "The URL must start with https:// (or http://)" } });
    expect(await saveWebhookAction({ url: "http://192.168.1.10/hook", events: [] })).toEqual({
      ok: false,
      fieldErrors: { url: "192.168.1.10 is a local or private address: webhooks go to public addresses only" },
    });
    expect(await saveWebhookAction({ url: URL, events: ["nope" as never] })).toEqual({ ok: false, fieldErrors: { events: "Choose events from the list" } });
    expect(await redeliverWebhookAction({ deliveryId: "x" })).toEqual({ ok: false, fieldErrors: { deliveryId: "Invalid delivery id" } });
    const other = await createTestAccount();
    const theirs = await db.webhookDelivery.create({ data: { accountId: other.id, event: "test", payload: "{}", status: "failed" } });
    expect(await redeliverWebhookAction({ deliveryId: String(theirs.id) })).toEqual({ ok: false, fieldErrors: { deliveryId: "Delivery not found" } });
    expect(await snapshot(acct.id)).toEqual(before);
    await saveWebhookAction({ url: URL, events: [], active: false });
    expect(await sendTestWebhookAction({})).toEqual({ ok: false, fieldErrors: { active: "The webhook is off: turn it on and save first" } });
  });
});
