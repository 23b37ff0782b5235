// Webhooks: who may configure them (MainAccount only, every principal tried), what a URL may be,
// that events are queued beside their notifications only for a webhook that is on and receives
// them, and delivery to a real HTTP server on loopback: the signature a receiver checks, retries
// with backoff, failure after the last attempt, redirects not followed, private addresses refused;
// and retention: delivered and failed deliveries deleted after 30 days in batches, at most hourly.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { DAY_MS } from "@/lib/core/day-range";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount, PRINCIPALS } from "@/test/factories";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { WEBHOOK_MAX_ATTEMPTS } from "./client-safe";
import { retryDelaySeconds } from "./delivery";
import {
  deleteWebhook,
  deliverWebhooks,
  enqueueWebhookEvent,
  pruneWebhookDeliveries,
  redeliverWebhook,
  rotateWebhookSecret,
  saveWebhook,
  sendTestWebhook,
  WEBHOOK_DELIVERY_RETENTION_DAYS,
  WEBHOOK_PRUNE_BATCH,
  WEBHOOK_PRUNE_INTERVAL_MS,
  webhookLoop,
} from "./mutations";
import { getWebhook, listWebhookDeliveries } from "./queries";
import { verifyWebhook } from "./signature";
import { isLocalName, isPrivateAddress } from "./url-guard";

type Received = { headers: IncomingMessage["headers"]; body: string; path: string };
let server: Server;
let base = "";
const received: Received[] = [];
/** What the receiver answers, by path: /ok 204, /fail 500, /moved 302, /slow never. */
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "" });
      if (req.url?.startsWith("/ok")) res.writeHead(204).end();
      else if (req.url?.startsWith("/moved")) res.writeHead(302, { location: `${base}/ok` }).end();
      else if (req.url?.startsWith("/slow")) return;
      else res.writeHead(500).end("boom");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function ownerWithHook(path: string, events = ["low_balance", "number_blocked", "verification_approved", "verification_rejected"]) {
  const acct = await createTestAccount();
  const owner = await acct.actor(OWNER_ROLE);
  await saveWebhook(owner, { url: `${base}${path}?acct=${acct.id}`, events: events as never, active: true }, { allowPrivate: true });
  return { acct, owner };
}
const forAccount = (id: number) => received.filter((r) => r.path.endsWith(`acct=${id}`));

describe("the webhook's settings", () => {
  it("only MainAccount (the account owner) may read or change it; everyone else is refused and nothing is written", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      const allowed = can(actor, "webhooks");
      expect(allowed, role).toBe(role === OWNER_ROLE);
      const run = saveWebhook(actor, { url: "https://hooks.example.com/sb", events: ["low_balance"] });
      if (allowed) await expect(run).resolves.toMatchObject({ url: "https://hooks.example.com/sb", events: ["low_balance"], active: true });
      else {
        await expect(run).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(getWebhook(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(sendTestWebhook(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(rotateWebhookSecret(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(deleteWebhook(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(listWebhookDeliveries(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
        await expect(redeliverWebhook(actor, { deliveryId: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: { startsWith: "webhook." } } })).toBe(1);
  });

  it("refuses a URL that is not http(s), carries credentials, or points at a local or private address, naming the url field", async () => {
    const owner = await (await createTestAccount()).actor(OWNER_ROLE);
    const save = (url: string) => saveWebhook(owner, { url, events: [], active: false }, { allowPrivate: false });
    await expect(save("")).rejects.toMatchObject({ code: "INVALID_INPUT", field: "url" });
    await expect(save("not a url")).rejects.toMatchObject({ field: "url", message: expect.stringContaining("is not one") });
    await expect(save("ftp://example.com/x")).rejects.toMatchObject({ field: "url", message: expect.stringContaining("https://") });
    await expect(save("https://user:pw@example.com/x")).rejects.toMatchObject({ field: "url", message: expect.stringContaining("user name and password") });
    for (const url of ["http://127.0.0.1:8080/x", "http://[::1]/x", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://localhost:3000/x", "http://router.internal/x", "http://intranet/x"]) {
      await expect(save(url), url).rejects.toMatchObject({ code: "INVALID_INPUT", field: "url", message: expect.stringContaining("public addresses only") });
    }
    await expect(save(`https://example.com/${"x".repeat(2000)}`)).rejects.toMatchObject({ field: "url" });
    expect(await db.webhook.count({ where: { accountId: owner.accountId } })).toBe(0);
    // On, it must receive something; off, it need not.
    await expect(saveWebhook(owner, { url: "https://hooks.example.com/sb", events: [], active: true })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "events" });
    await expect(save("https://hooks.example.com/sb#frag")).resolves.toMatchObject({ url: "https://hooks.example.com/sb" });
  });

  it("keeps its secret across saves until rotated; remove takes pending deliveries with it, keeps the rest", async () => {
    const { owner } = await ownerWithHook("/ok");
    const first = (await getWebhook(owner))!;
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    const saved = await saveWebhook(owner, { url: `${base}/ok`, events: ["number_blocked", "low_balance"], active: true }, { allowPrivate: true });
    expect(saved).toMatchObject({ secret: first.secret, events: ["low_balance", "number_blocked"] });
    expect((await rotateWebhookSecret(owner)).secret).not.toBe(first.secret);
    await sendTestWebhook(owner);
    await db.webhookDelivery.create({ data: { accountId: owner.accountId, event: "test", payload: "{}", status: "delivered", nextAttemptAt: null } });
    expect(await deleteWebhook(owner)).toEqual({ discarded: 1 });
    expect(await listWebhookDeliveries(owner)).toEqual([expect.objectContaining({ status: "delivered" })]);
    await expect(deleteWebhook(owner)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rotateWebhookSecret(owner)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendTestWebhook(owner)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const actions = await db.auditLog.findMany({ where: { accountId: owner.accountId, action: { startsWith: "webhook." } }, orderBy: { id: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["webhook.save", "webhook.save", "webhook.rotate_secret", "webhook.test", "webhook.delete"]);
  });
});

describe("events", () => {
  it("a low balance queues a delivery beside its notification, only for a webhook that is on and receives it", async () => {
    const { acct, owner } = await ownerWithHook("/ok", ["low_balance"]);
    await db.account.update({ where: { id: acct.id }, data: { lowBalanceThresholdMinor: 5_00 } });
    const clock = () => new Date();
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: 10_00, kind: "topup", memo: "top-up" }, clock));
    await db.$transaction((tx) => postLedgerEntry(tx, { accountId: acct.id, amountMinor: -6_00, kind: "adjustment", memo: "charge" }, clock));
    const [d] = await db.webhookDelivery.findMany({ where: { accountId: acct.id } });
    expect(d).toMatchObject({ event: "low_balance", status: "pending" });
    expect(JSON.parse(d!.payload)).toMatchObject({ event: "low_balance", account_id: acct.id, data: { balance_minor: 4_00, threshold_minor: 5_00, currency: "USD" } });

    expect(await db.$transaction((tx) => enqueueWebhookEvent(tx, acct.id, "number_blocked", {}, new Date()))).toBe(false);
    await saveWebhook(owner, { url: `${base}/ok`, events: ["number_blocked"], active: false }, { allowPrivate: true });
    expect(await db.$transaction((tx) => enqueueWebhookEvent(tx, acct.id, "number_blocked", {}, new Date()))).toBe(false);
    await expect(sendTestWebhook(owner)).rejects.toMatchObject({ code: "CONFLICT", field: "active" });
    const other = await createTestAccount();
    expect(await db.$transaction((tx) => enqueueWebhookEvent(tx, other.id, "low_balance", {}, new Date()))).toBe(false);
    expect(await db.webhookDelivery.count({ where: { accountId: { in: [acct.id, other.id] } } })).toBe(1);
  });
});

describe("delivery", () => {
  it("POSTs the body with a signature the receiver can check, once, and marks it delivered", async () => {
    const { acct, owner } = await ownerWithHook("/ok");
    const { deliveryId } = await sendTestWebhook(owner);
    const now = new Date();
    // Two app servers ticking at once: the claim lets one of them deliver.
    const [a, b] = await Promise.all([deliverWebhooks(now, { accountId: acct.id, allowPrivate: true }), deliverWebhooks(now, { accountId: acct.id, allowPrivate: true })]);
    expect([...a, ...b]).toEqual([deliveryId]);
    const [got] = forAccount(acct.id);
    expect(forAccount(acct.id)).toHaveLength(1);
    const { secret } = (await getWebhook(owner))!;
    expect(got!.headers).toMatchObject({ "content-type": "application/json", "x-switchboard-event": "test", "x-switchboard-delivery": String(deliveryId) });
    expect(verifyWebhook(secret, Number(got!.headers["x-switchboard-timestamp"]), got!.body, String(got!.headers["x-switchboard-signature"]))).toBe(true);
    expect(verifyWebhook(secret, Number(got!.headers["x-switchboard-timestamp"]) + 1, got!.body, String(got!.headers["x-switchboard-signature"]))).toBe(false);
    expect(JSON.parse(got!.body)).toMatchObject({ event: "test", account_id: acct.id });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204, nextAttemptAt: null });
    expect(await deliverWebhooks(new Date(now.getTime() + 3_600_000), { accountId: acct.id, allowPrivate: true })).toEqual([]);
  });

  it("retries an error answer after 30 s, 1, 2, 4 and 8 minutes, then gives up as failed", async () => {
    const { acct, owner } = await ownerWithHook("/fail");
    const { deliveryId } = await sendTestWebhook(owner);
    let now = new Date();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await deliverWebhooks(now, { accountId: acct.id, allowPrivate: true })).toEqual([deliveryId]);
      const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(d).toMatchObject({ attempts: attempt, lastStatusCode: 500, lastError: "Answered 500" });
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        expect(d.status).toBe("pending");
        expect(d.nextAttemptAt!.getTime() - now.getTime()).toBe(retryDelaySeconds(attempt) * 1000);
        // Not before it is due.
        expect(await deliverWebhooks(new Date(d.nextAttemptAt!.getTime() - 1000), { accountId: acct.id, allowPrivate: true })).toEqual([]);
        now = d.nextAttemptAt!;
      } else expect(d).toMatchObject({ status: "failed", nextAttemptAt: null });
    }
    expect(forAccount(acct.id)).toHaveLength(WEBHOOK_MAX_ATTEMPTS);

    // Redeliver: a new delivery of the same body, due at once; the failed one stays as it was.
    const failed = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    const again = await redeliverWebhook(owner, { deliveryId }, () => now);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: again.deliveryId } })).toMatchObject({ event: "test", payload: failed.payload, status: "pending", attempts: 0 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toEqual(failed);
    await expect(redeliverWebhook(owner, { deliveryId: again.deliveryId })).rejects.toMatchObject({ code: "CONFLICT", field: "deliveryId", message: "Only a failed delivery can be sent again" });
    await saveWebhook(owner, { url: `${base}/fail`, events: [], active: false }, { allowPrivate: true });
    await expect(redeliverWebhook(owner, { deliveryId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is off") });
    await expect(redeliverWebhook(await (await createTestAccount()).actor(OWNER_ROLE), { deliveryId })).rejects.toMatchObject({ code: "NOT_FOUND", field: "deliveryId" });
  });

  it("does not follow a redirect, and never connects to a private address unless allowed", async () => {
    const moved = await ownerWithHook("/moved");
    await sendTestWebhook(moved.owner);
    await deliverWebhooks(new Date(), { accountId: moved.acct.id, allowPrivate: true });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { accountId: moved.acct.id } })).toMatchObject({ status: "pending", lastStatusCode: 302, lastError: "Answered 302: redirects are not followed" });
    expect(forAccount(moved.acct.id).map((r) => r.path.split("?")[0])).toEqual(["/moved"]);

    const guarded = await ownerWithHook("/ok");
    await sendTestWebhook(guarded.owner);
    await deliverWebhooks(new Date(), { accountId: guarded.acct.id, allowPrivate: false });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { accountId: guarded.acct.id } })).toMatchObject({ status: "pending", lastStatusCode: null, lastError: expect.stringContaining("a private address") });
    expect(forAccount(guarded.acct.id)).toEqual([]);

    // A name is checked on the addresses it resolves to, when connecting.
    const named = await ownerWithHook("/ok");
    await saveWebhook(named.owner, { url: `${base.replace("127.0.0.1", "localhost")}/ok?acct=${named.acct.id}`, events: ["low_balance"], active: true }, { allowPrivate: true });
    await sendTestWebhook(named.owner);
    await deliverWebhooks(new Date(), { accountId: named.acct.id, allowPrivate: false });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { accountId: named.acct.id } })).toMatchObject({ lastStatusCode: null, lastError: expect.stringMatching(/^localhost resolves to .*a private address/) });
    expect(forAccount(named.acct.id)).toEqual([]);
  });

  it("a webhook turned off fails what was still pending, saying so", async () => {
    const { acct, owner } = await ownerWithHook("/ok");
    await sendTestWebhook(owner);
    await saveWebhook(owner, { url: `${base}/ok`, events: [], active: false }, { allowPrivate: true });
    await deliverWebhooks(new Date(), { accountId: acct.id, allowPrivate: true });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { accountId: acct.id } })).toMatchObject({ status: "failed", lastError: "The webhook is off" });
    expect(forAccount(acct.id)).toEqual([]);
  });
});

describe("a receiver that is not there", () => {
  it("is named in words: connection refused, no such host", async () => {
    const { acct, owner } = await ownerWithHook("/ok");
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await saveWebhook(owner, { url: `http://127.0.0.1:${port}/hook`, events: ["low_balance"], active: true }, { allowPrivate: true });
    await sendTestWebhook(owner);
    await deliverWebhooks(new Date(), { accountId: acct.id, allowPrivate: true });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { accountId: acct.id } })).toMatchObject({ lastStatusCode: null, lastError: `Connection refused by 127.0.0.1:${port}: nothing listens there` });
  });
});

describe("retention", () => {
  const RETAIN_MS = WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS;
  /** Deliveries of one account, named by `event`, each created `ageMs` before `now`. */
  const seed = (accountId: number, now: Date, rows: { event: string; status: string; ageMs: number; nextAttemptAt?: Date }[]) =>
    db.webhookDelivery.createMany({
      data: rows.map((r) => ({ accountId, event: r.event, payload: "{}", status: r.status, nextAttemptAt: r.nextAttemptAt ?? null, createdAt: new Date(now.getTime() - r.ageMs) })),
    });
  const left = async (accountId: number) => (await db.webhookDelivery.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { event: true } })).map((d) => d.event);

  it("deletes delivered and failed deliveries older than 30 days, every account's by the same rule; keeps younger ones and pending ones however old", async () => {
    expect(WEBHOOK_DELIVERY_RETENTION_DAYS).toBe(30);
    const now = new Date();
    const rows = [
      { event: "old delivered", status: "delivered", ageMs: RETAIN_MS + 1000 },
      { event: "old failed", status: "failed", ageMs: 90 * DAY_MS },
      { event: "old pending", status: "pending", ageMs: 90 * DAY_MS },
      { event: "old pending, due", status: "pending", ageMs: 60 * DAY_MS, nextAttemptAt: new Date(now.getTime() - 60 * DAY_MS) },
      { event: "exactly 30 days", status: "delivered", ageMs: RETAIN_MS },
      { event: "young delivered", status: "delivered", ageMs: RETAIN_MS - 1000 },
      { event: "young failed", status: "failed", ageMs: DAY_MS },
      { event: "new pending", status: "pending", ageMs: 0 },
    ];
    const [a, b, outside] = [await createTestAccount(), await createTestAccount(), await createTestAccount()];
    for (const acct of [a, b, outside]) await seed(acct.id, now, rows);
    const kept = ["old pending", "old pending, due", "exactly 30 days", "young delivered", "young failed", "new pending"];

    expect(await pruneWebhookDeliveries(now, { accountIds: [a.id, b.id] })).toEqual({ deleted: 4, batches: 1 });
    expect(await left(a.id)).toEqual(kept);
    expect(await left(b.id)).toEqual(kept);
    // Not in this run's accounts (tests share the database): untouched.
    expect(await left(outside.id)).toEqual(rows.map((r) => r.event));
    // Nothing left to delete: no statement runs.
    expect(await pruneWebhookDeliveries(now, { accountIds: [a.id, b.id] })).toEqual({ deleted: 0, batches: 0 });
    // A millisecond later, the delivery that was exactly 30 days old goes too.
    expect(await pruneWebhookDeliveries(new Date(now.getTime() + 1), { accountIds: [a.id] })).toEqual({ deleted: 1, batches: 1 });
    expect(await left(a.id)).toEqual(kept.filter((e) => e !== "exactly 30 days"));
  });

  it("deletes in statements of at most 500 rows by id, looping until none is left, past pending rows", async () => {
    expect(WEBHOOK_PRUNE_BATCH).toBe(500);
    const now = new Date();
    const acct = await createTestAccount();
    const other = await createTestAccount();
    // 1,001 old ones, with old pending ones and young ones among them, in two accounts.
    const mixed = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 10 === 3 ? { event: "pending", status: "pending", ageMs: 50 * DAY_MS } : i % 10 === 7 ? { event: "young", status: "failed", ageMs: DAY_MS } : { event: "old", status: i % 2 ? "delivered" : "failed", ageMs: 40 * DAY_MS - i },
      );
    const rowsA = mixed(1000);
    const rowsB = mixed(251);
    await seed(acct.id, now, rowsA);
    await seed(other.id, now, rowsB);
    const old = [...rowsA, ...rowsB].filter((r) => r.event === "old").length;
    expect(old).toBe(1001);

    expect(await pruneWebhookDeliveries(now, { accountIds: [acct.id, other.id] })).toEqual({ deleted: old, batches: 3 });
    for (const [id, rows] of [[acct.id, rowsA], [other.id, rowsB]] as const) {
      expect(await left(id)).toEqual(rows.filter((r) => r.event !== "old").map((r) => r.event));
    }

    // A smaller batch: the same loop, more statements.
    const small = await createTestAccount();
    await seed(small.id, now, mixed(10));
    expect(await pruneWebhookDeliveries(now, { accountIds: [small.id], batch: 3 })).toEqual({ deleted: 8, batches: 3 });
    expect(await left(small.id)).toEqual(["pending", "young"]);
  });

  it("the webhook loop delivers on every step but prunes at most once an hour per loop (per server), its first step included", async () => {
    expect(WEBHOOK_PRUNE_INTERVAL_MS).toBe(3_600_000);
    const { acct, owner } = await ownerWithHook("/ok");
    const t0 = Date.now();
    const oldOne = () => seed(acct.id, new Date(), [{ event: "old", status: "delivered", ageMs: 31 * DAY_MS }]);
    const olds = () => db.webhookDelivery.count({ where: { accountId: acct.id, event: "old" } });
    const step = webhookLoop();

    await oldOne();
    await step(new Date(t0), { accountId: acct.id });
    expect(await olds()).toBe(0);

    // Within the hour: delivered, not pruned.
    await oldOne();
    const { deliveryId } = await sendTestWebhook(owner);
    await step(new Date(t0 + WEBHOOK_PRUNE_INTERVAL_MS - 1000), { accountId: acct.id });
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).attempts).toBe(1);
    expect(await olds()).toBe(1);
    // A clock that went back prunes nothing either.
    await step(new Date(t0 - DAY_MS), { accountId: acct.id });
    expect(await olds()).toBe(1);

    // An hour after the last prune: pruned again.
    await step(new Date(t0 + WEBHOOK_PRUNE_INTERVAL_MS), { accountId: acct.id });
    expect(await olds()).toBe(0);
    await oldOne();
    await step(new Date(t0 + WEBHOOK_PRUNE_INTERVAL_MS + 60_000), { accountId: acct.id });
    expect(await olds()).toBe(1);

    // Another server's loop keeps its own hour: its first step prunes.
    await webhookLoop()(new Date(t0 + WEBHOOK_PRUNE_INTERVAL_MS + 60_000), { accountId: acct.id });
    expect(await olds()).toBe(0);
  });
});

describe("the address guard", () => {
  it("knows loopback, private, link-local, shared, multicast and mapped addresses from public ones", () => {
    for (const ip of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "nonsense"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111"]) expect(isPrivateAddress(ip), ip).toBe(false);
    expect(["localhost", "a.localhost", "printer.local", "db.internal", "intranet", "example.com."].map(isLocalName)).toEqual([true, true, true, true, true, false]);
  });
});
