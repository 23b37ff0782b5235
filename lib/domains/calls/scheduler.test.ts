import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { DAY_MS } from "@/lib/core/day-range";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { createTestAccount } from "@/test/factories";
import { deps, fixtureCallApp, fixtureCallerId, scriptedRuntime, talkRun, testClock } from "./call-fixtures";
import { placeCall } from "./simulator";
import { startCallScheduler } from "./scheduler";

describe("the call scheduler", () => {
  it("ticks advanceCalls on its own until a session whose end has passed is finalised, whatever the webhooks do; one per process", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id);
    const app = await fixtureCallApp(acct.id);
    const callerId = (await fixtureCallerId(acct.id)).number;
    // Started ten minutes ago by its clock: a ten-minute call that ends in a moment, after the
    // scheduler's first ticks have started their webhook deliveries.
    const t = testClock(new Date(Date.now() - 599_700));
    const s = await placeCall(owner, { applicationId: app.id, destination: "+12125550100", callerKind: "number", callerNumber: callerId }, deps(scriptedRuntime(talkRun(600)), t.clock));
    expect(s.status).toBe("running");
    // This account only: on PostgreSQL every test file shares one database, and other files'
    // sessions and call lists are theirs to move.
    const errors: unknown[] = [];
    // Webhook deliveries that never finish (a receiver that never answers) hold up no call.
    let delivering = 0;
    const stuck = () => {
      delivering += 1;
      return new Promise<never>(() => {});
    };
    const scheduler = startCallScheduler({ intervalMs: 25, accountId: acct.id, log: (_m, e) => errors.push(e), deliver: stuck });
    try {
      expect(startCallScheduler()).toBe(scheduler);
      let status = "running";
      for (let i = 0; i < 200 && status === "running"; i++) {
        await new Promise((r) => setTimeout(r, 25));
        status = (await db.callSession.findUniqueOrThrow({ where: { id: s.id }, select: { status: true } })).status;
      }
      expect(status).toBe("completed");
      expect(errors).toEqual([]);
      expect(delivering).toBeGreaterThan(0);
    } finally {
      scheduler.stop();
    }
    expect(startCallScheduler({ intervalMs: 60_000 })).not.toBe(scheduler);
    startCallScheduler().stop();
  });

  it("prunes old webhook deliveries on its first tick, then not again within the hour however often it ticks", async () => {
    const acct = await createTestAccount();
    const oldDelivery = () => db.webhookDelivery.create({ data: { accountId: acct.id, event: "test", payload: "{}", status: "delivered", createdAt: new Date(Date.now() - 31 * DAY_MS) } });
    const left = () => db.webhookDelivery.count({ where: { accountId: acct.id } });
    const sleep = () => new Promise((r) => setTimeout(r, 20));
    await oldDelivery();
    const at = new Date();
    // Every tick reads the clock: the reads count the ticks.
    let reads = 0;
    const errors: unknown[] = [];
    const scheduler = startCallScheduler({ intervalMs: 10, accountId: acct.id, now: () => (reads++, at), log: (_m, e) => errors.push(e) });
    try {
      for (let i = 0; i < 200 && (await left()) > 0; i++) await sleep();
      expect(await left()).toBe(0);
      await oldDelivery();
      const seen = reads;
      for (let i = 0; i < 200 && reads < seen + 30; i++) await sleep();
      expect(reads).toBeGreaterThanOrEqual(seen + 30);
      expect(await left()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      scheduler.stop();
    }
  });

  it("warns of expiring push certificates on its first tick, then not again within the hour", async () => {
    const acct = await createTestAccount();
    const expiring = (bundle: string) =>
      db.pushCredential.create({ data: { accountId: acct.id, provider: "APPLE", bundle, secret: "p12", fingerprint: bundle, expiresAt: new Date(Date.now() + 5 * DAY_MS) } });
    const warned = () => db.notification.count({ where: { accountId: acct.id, kind: "push_certificate_expiring" } });
    const sleep = () => new Promise((r) => setTimeout(r, 20));
    await expiring("com.example.first");
    const at = new Date();
    let reads = 0;
    const errors: unknown[] = [];
    const scheduler = startCallScheduler({ intervalMs: 10, accountId: acct.id, now: () => (reads++, at), log: (_m, e) => errors.push(e) });
    try {
      for (let i = 0; i < 200 && (await warned()) === 0; i++) await sleep();
      expect(await warned()).toBe(1);
      await expiring("com.example.second");
      const seen = reads;
      for (let i = 0; i < 200 && reads < seen + 30; i++) await sleep();
      expect(await warned()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      scheduler.stop();
    }
  });
});
