import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { atMostEvery, systemClock, type Clock } from "@/lib/core/clock";
import { DAY_MS } from "@/lib/core/day-range";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { WEBHOOK_MAX_ATTEMPTS, type WebhookEvent } from "./client-safe";
import { CLAIM_SECONDS, outcomeText, postWebhook, retryDelaySeconds } from "./delivery";
import { getWebhook, parseWebhookEvents, SECTION, type WebhookDto } from "./queries";
import { ZRedeliverWebhookInput, ZSaveWebhookInput, type RedeliverWebhookInput, type SaveWebhookInput } from "./schemas";
import { newWebhookSecret, signWebhook } from "./signature";
import { isLocalName, isPrivateAddress, literalHost } from "./url-guard";

// Changes to the account's webhook (section `webhooks`: MainAccount only, no Management API
// method), each one transaction with its audit row; and the one writer of deliveries: queued
// beside their notifications, delivered by the scheduler's tick (deliverWebhooks). Each due
// delivery is claimed with a conditional update (app servers sharing the database split the work;
// a claim lapses after CLAIM_SECONDS), POSTed with its signature (./signature.ts), and marked
// delivered on a 2xx answer; anything else is retried after 30 s, 1, 2, 4 and 8 minutes, then
// marked failed. The same loop deletes delivered and failed deliveries once they are
// WEBHOOK_DELIVERY_RETENTION_DAYS old (pruneWebhookDeliveries), at most hourly per server.

const noWebhook = () => new AppError("NOT_FOUND", { message: "The account has no webhook: save its URL first", field: "url" });

/**
 * "Save" on Settings > Webhooks: sets the URL, the events and whether it is on; the first save
 * makes the secret. INVALID_INPUT naming `url` for a URL on a loopback, private or local address
 * (unless WEBHOOKS_ALLOW_PRIVATE; a name is checked again on each connection, url-guard.ts).
 */
export async function saveWebhook(actor: Actor, input: SaveWebhookInput, opts: { allowPrivate?: boolean } = {}): Promise<WebhookDto> {
  authorize(actor, { section: SECTION });
  const data = parseInput(ZSaveWebhookInput, input);
  const url = new URL(data.url);
  const literal = literalHost(url);
  if (!(opts.allowPrivate ?? env().WEBHOOKS_ALLOW_PRIVATE) && (literal ? isPrivateAddress(literal) : isLocalName(url.hostname))) {
    throw new AppError("INVALID_INPUT", { message: `${url.hostname} is a local or private address: webhooks go to public addresses only`, field: "url" });
  }
  if (data.active && data.events.length === 0) {
    throw new AppError("INVALID_INPUT", { message: "Choose at least one event, or turn the webhook off", field: "events" });
  }
  const events = JSON.stringify(data.events);
  await db.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { accountId: actor.accountId }, select: { url: true } });
    await tx.webhook.upsert({
      where: { accountId: actor.accountId },
      create: { accountId: actor.accountId, url: data.url, secret: newWebhookSecret(), events, active: data.active },
      update: { url: data.url, events, active: data.active },
    });
    await audit(tx, actor, { action: "webhook.save", targetType: "webhook", targetId: actor.accountId, detail: { url: data.url, events: data.events, active: data.active, created: before === null } });
  });
  return (await getWebhook(actor))!;
}

/** "Rotate secret": a new secret at once (deliveries still pending are signed with it). NOT_FOUND without a webhook. */
export async function rotateWebhookSecret(actor: Actor): Promise<WebhookDto> {
  authorize(actor, { section: SECTION });
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhook.updateMany({ where: { accountId: actor.accountId }, data: { secret: newWebhookSecret() } });
    if (count === 0) throw noWebhook();
    await audit(tx, actor, { action: "webhook.rotate_secret", targetType: "webhook", targetId: actor.accountId, detail: {} });
  });
  return (await getWebhook(actor))!;
}

/** "Remove webhook": the webhook and its deliveries still pending go; the delivered and failed stay listed (until pruned). NOT_FOUND without one. */
export async function deleteWebhook(actor: Actor): Promise<{ discarded: number }> {
  authorize(actor, { section: SECTION });
  return db.$transaction(async (tx) => {
    const w = await tx.webhook.findUnique({ where: { accountId: actor.accountId }, select: { url: true } });
    if (!w) throw noWebhook();
    await tx.webhook.delete({ where: { accountId: actor.accountId } });
    const { count } = await tx.webhookDelivery.deleteMany({ where: { accountId: actor.accountId, status: "pending" } });
    await audit(tx, actor, { action: "webhook.delete", targetType: "webhook", targetId: actor.accountId, detail: { url: w.url, discarded: count } });
    return { discarded: count };
  });
}

/** "Send test event": queues a "test" delivery, due at once. CONFLICT when the webhook is off; NOT_FOUND without one. Returns the delivery's id. */
export async function sendTestWebhook(actor: Actor, clock: Clock = systemClock): Promise<{ deliveryId: number }> {
  authorize(actor, { section: SECTION });
  return db.$transaction(async (tx) => {
    const w = await tx.webhook.findUnique({ where: { accountId: actor.accountId }, select: { url: true, active: true } });
    if (!w) throw noWebhook();
    if (!w.active) throw new AppError("CONFLICT", { message: "The webhook is off: turn it on and save first", field: "active" });
    const deliveryId = await insertDelivery(tx, actor.accountId, "test", { message: "A test event from Settings > Webhooks" }, clock());
    await audit(tx, actor, { action: "webhook.test", targetType: "webhook", targetId: actor.accountId, detail: { url: w.url } });
    return { deliveryId };
  });
}

/**
 * "Redeliver" on a failed delivery: queues a new delivery of the same event and body, due at once
 * (the failed one stays listed). NOT_FOUND naming `deliveryId` for another account's or an
 * unknown delivery; CONFLICT when it has not failed, or the webhook is missing or off.
 */
export async function redeliverWebhook(actor: Actor, input: RedeliverWebhookInput, clock: Clock = systemClock): Promise<{ deliveryId: number }> {
  authorize(actor, { section: SECTION });
  const { deliveryId } = parseInput(ZRedeliverWebhookInput, input);
  return db.$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, accountId: actor.accountId }, select: { event: true, payload: true, status: true } });
    if (!d) throw new AppError("NOT_FOUND", { message: "Delivery not found", field: "deliveryId" });
    if (d.status !== "failed") throw new AppError("CONFLICT", { message: "Only a failed delivery can be sent again", field: "deliveryId" });
    const w = await tx.webhook.findUnique({ where: { accountId: actor.accountId }, select: { url: true, active: true } });
    if (!w?.active) throw new AppError("CONFLICT", { message: w ? "The webhook is off: turn it on and save first" : "The account has no webhook: save its URL first", field: "deliveryId" });
    const now = clock();
    const row = await tx.webhookDelivery.create({ data: { accountId: actor.accountId, event: d.event, payload: d.payload, nextAttemptAt: now, createdAt: now }, select: { id: true } });
    await audit(tx, actor, { action: "webhook.redeliver", targetType: "webhook_delivery", targetId: deliveryId, detail: { event: d.event, url: w.url, deliveryId: row.id } });
    return { deliveryId: row.id };
  });
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The JSON body of a delivery: `{ event, account_id, created_at (ISO 8601, UTC), data }`, the
 * data's keys in snake_case like the Management API's (`balance_minor`: minor units).
 */
export function webhookBody(event: string, accountId: number, createdAt: Date, data: object): string {
  const fields = Object.fromEntries(Object.entries(data).map(([k, v]) => [snake(k), v]));
  return JSON.stringify({ event, account_id: accountId, created_at: createdAt.toISOString(), data: fields });
}

async function insertDelivery(tx: Tx, accountId: number, event: WebhookEvent | "test", data: object, now: Date): Promise<number> {
  const row = await tx.webhookDelivery.create({ data: { accountId, event, payload: webhookBody(event, accountId, now, data), nextAttemptAt: now, createdAt: now }, select: { id: true } });
  return row.id;
}

/**
 * Called beside each account notification of a webhook event (in the same transaction): queues a
 * delivery when the account has a webhook that is on and receives `event`. `data` is the
 * notification's detail (amounts in minor units). Returns whether one was queued.
 */
export async function enqueueWebhookEvent(tx: Tx, accountId: number, event: WebhookEvent, data: object, now: Date): Promise<boolean> {
  const w = await tx.webhook.findUnique({ where: { accountId }, select: { active: true, events: true } });
  if (!w?.active || !parseWebhookEvents(w.events).includes(event)) return false;
  await insertDelivery(tx, accountId, event, data, now);
  return true;
}

/**
 * Delivers the due deliveries (pending, next attempt at or before `now`; at most `limit`, oldest
 * first). Returns the ids attempted. `post` replaces the HTTP call in tests; `allowPrivate`
 * defaults to WEBHOOKS_ALLOW_PRIVATE; `accountId` limits it to one account (tests).
 */
export async function deliverWebhooks(
  now: Date,
  opts: { limit?: number; accountId?: number; allowPrivate?: boolean; post?: typeof postWebhook } = {},
): Promise<number[]> {
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? 20,
    select: { id: true, accountId: true, event: true, payload: true, attempts: true, nextAttemptAt: true },
  });
  const post = opts.post ?? postWebhook;
  const allowPrivate = opts.allowPrivate ?? env().WEBHOOKS_ALLOW_PRIVATE;
  const attempted: number[] = [];
  for (const d of due) {
    const claimed = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_SECONDS * 1000) },
    });
    if (claimed.count === 0) continue;
    attempted.push(d.id);
    const hook = await db.webhook.findUnique({ where: { accountId: d.accountId }, select: { url: true, secret: true, active: true } });
    const attempts = d.attempts + 1;
    if (!hook?.active) {
      await db.webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", attempts, nextAttemptAt: null, lastError: hook ? "The webhook is off" : "The account has no webhook" } });
      continue;
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    const result = await post(
      hook.url,
      {
        "content-type": "application/json",
        "user-agent": "Switchboard-Webhooks/1",
        "x-switchboard-event": d.event,
        "x-switchboard-delivery": String(d.id),
        "x-switchboard-timestamp": String(timestamp),
        "x-switchboard-signature": signWebhook(hook.secret, timestamp, d.payload),
      },
      d.payload,
      { allowPrivate },
    );
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const last = { attempts, lastStatusCode: result.statusCode, lastError: ok ? "" : outcomeText(result) };
    await db.webhookDelivery.update({
      where: { id: d.id },
      data: ok
        ? { ...last, status: "delivered", deliveredAt: now, nextAttemptAt: null }
        : attempts >= WEBHOOK_MAX_ATTEMPTS
          ? { ...last, status: "failed", nextAttemptAt: null }
          : { ...last, nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) },
    });
  }
  return attempted;
}

/**
 * How long a delivered or failed delivery is kept (ours): days after its createdAt (UTC); the page
 * lists only the latest 50 anyway. Pending deliveries are kept whatever their age.
 */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;
/** Deliveries deleted per statement when pruning (ours): short deletes, so a large backlog never holds SQLite's write lock for long. */
export const WEBHOOK_PRUNE_BATCH = 500;
/** How often one server's webhook loop prunes at the most (ours), milliseconds: an hour. */
export const WEBHOOK_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const FINISHED = ["delivered", "failed"];

/**
 * Deletes every account's delivered and failed deliveries created more than
 * WEBHOOK_DELIVERY_RETENTION_DAYS days before `now` (a UTC instant; a row exactly that old stays),
 * in statements of at most `batch` rows (default WEBHOOK_PRUNE_BATCH) by id, until none is left.
 * Pending deliveries are never deleted. `accountIds` limits it to those accounts (tests sharing
 * one database). Returns the rows deleted and the delete statements run. A database error is
 * thrown; the batches deleted before it stay deleted (the next run goes on). Servers pruning at
 * once delete the same rows once: each statement deletes what is still there.
 */
export async function pruneWebhookDeliveries(now: Date, opts: { accountIds?: number[]; batch?: number } = {}): Promise<{ deleted: number; batches: number }> {
  const batch = opts.batch ?? WEBHOOK_PRUNE_BATCH;
  const cutoff = new Date(now.getTime() - WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS);
  const scope = opts.accountIds ? { accountId: { in: opts.accountIds } } : {};
  // The (status, createdAt) index finds exactly the rows to delete: each batch reads only them.
  const where = { ...scope, status: { in: FINISHED }, createdAt: { lt: cutoff } };
  let deleted = 0;
  let batches = 0;
  let ids: number[];
  do {
    ids = (await db.webhookDelivery.findMany({ where, take: batch, select: { id: true } })).map((r) => r.id);
    if (ids.length > 0) {
      const { count } = await db.webhookDelivery.deleteMany({ where: { id: { in: ids }, status: { in: FINISHED } } });
      deleted += count;
      batches += 1;
    }
  } while (ids.length === batch);
  return { deleted, batches };
}

/**
 * One server's webhook loop (the call scheduler makes one per process, lib/domains/calls/scheduler.ts):
 * returns a step that delivers the due deliveries (deliverWebhooks), then prunes old ones
 * (pruneWebhookDeliveries) when this loop has not pruned in the WEBHOOK_PRUNE_INTERVAL_MS before
 * `now` (its first step does). A step throws what either throws: deliveries that fail leave the
 * prune to the next step; a prune that fails is tried again an interval later, not every second.
 * `accountId` limits both to one account (tests).
 */
export function webhookLoop(): (now: Date, opts?: { accountId?: number }) => Promise<void> {
  const prune = atMostEvery(WEBHOOK_PRUNE_INTERVAL_MS, (now: Date, accountId?: number) => pruneWebhookDeliveries(now, accountId === undefined ? {} : { accountIds: [accountId] }));
  return async (now, { accountId } = {}) => {
    await deliverWebhooks(now, { accountId });
    await prune(now, accountId);
  };
}
