import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { invalid } from "@/lib/core/errors";
import { KV_ITEM_SELECT, kvItemNotFound, type KvItemDto } from "./queries";
import {
  KV_TTL_DEFAULT_SECONDS,
  KV_TTL_MAX_SECONDS,
  visibleKvWhere,
  ZKvItemRef,
  ZSetKvItemInput,
  type KvItemRef,
  type SetKvItemInput,
} from "./schemas";

// Writes to an application's key-value store: authorize (section `application.kvs`, or the API
// method's key roles), check the application is the actor's, then one transaction with the
// change and its audit row. Each write also purges that application's expired items (lazy
// expiry: reads already hide them). Values can hold anything, so the audit row records only
// their length.

async function purgeExpired(tx: Tx, actor: Actor, applicationId: number, now: Date): Promise<void> {
  await tx.kvItem.deleteMany({ where: { accountId: actor.accountId, applicationId, expiresAt: { lte: now } } });
}

/** When the item expires: ttl seconds from now (default 30 days), or an explicit time within 90 days. */
function expiryOf(data: { ttl?: number; expiresAt?: number }, now: Date): Date {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (data.expiresAt !== undefined) {
    if (data.expiresAt < nowSeconds || data.expiresAt > nowSeconds + KV_TTL_MAX_SECONDS) {
      throw invalid("expiresAt", "expires_at must be a Unix time between now and 90 days from now");
    }
    return new Date(data.expiresAt * 1000);
  }
  return new Date((nowSeconds + (data.ttl ?? KV_TTL_DEFAULT_SECONDS)) * 1000);
}

/** SetKeyValueItem: creates the item or replaces its value and expiry. */
export async function setKvItem(actor: Actor, input: SetKvItemInput, clock: Clock = systemClock): Promise<KvItemDto> {
  authorize(actor, { section: "application.kvs", method: "SetKeyValueItem" });
  const data = parseInput(ZSetKvItemInput, input);
  const now = clock();
  const expiresAt = expiryOf(data, now);
  return db.$transaction(async (tx) => {
    const app = await findOwnApplication(tx, actor, data.applicationId);
    await purgeExpired(tx, actor, app.id, now);
    const scope = { accountId: actor.accountId, applicationId: app.id, key: data.key };
    const updated = await tx.kvItem.updateMany({ where: scope, data: { value: data.value, expiresAt } });
    if (updated.count === 0) await tx.kvItem.create({ data: { ...scope, value: data.value, expiresAt } });
    await audit(tx, actor, {
      action: updated.count === 0 ? "kv.create" : "kv.update",
      targetType: "kv_item",
      targetId: `${app.id}:${data.key}`,
      detail: { applicationId: app.id, application: app.name, key: data.key, valueLength: data.value.length, expiresAt: expiresAt.toISOString() },
    });
    return tx.kvItem.findFirstOrThrow({ where: scope, select: KV_ITEM_SELECT });
  });
}

/** DelKeyValueItem: removes a live item; a missing or expired key is NOT_FOUND. */
export async function deleteKvItem(actor: Actor, input: KvItemRef, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "application.kvs", method: "DelKeyValueItem" });
  const data = parseInput(ZKvItemRef, input);
  const now = clock();
  await db.$transaction(async (tx) => {
    const app = await findOwnApplication(tx, actor, data.applicationId);
    const scope = { accountId: actor.accountId, applicationId: app.id, key: data.key };
    const live = await tx.kvItem.findFirst({ where: { ...scope, ...visibleKvWhere(now) }, select: { key: true } });
    if (!live) throw kvItemNotFound();
    await tx.kvItem.deleteMany({ where: scope });
    await purgeExpired(tx, actor, app.id, now);
    await audit(tx, actor, {
      action: "kv.delete",
      targetType: "kv_item",
      targetId: `${app.id}:${data.key}`,
      detail: { applicationId: app.id, application: app.name, key: data.key },
    });
  });
}
