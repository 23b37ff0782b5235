import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { visibleKvWhere, ZKvItemRef, ZListKvInput, type KvItemRef, type ListKvInput } from "./schemas";

// Reads of an application's key-value store. The application must be the actor's (558
// otherwise), every where carries the account, and items past their expiry are filtered out
// with the injected clock, so an expired item reads exactly as a missing one.

export const KV_ITEM_SELECT = { key: true, value: true, expiresAt: true, updatedAt: true } as const satisfies Prisma.KvItemSelect;
export const KV_KEY_SELECT = { key: true, expiresAt: true } as const satisfies Prisma.KvItemSelect;

export type KvItemDto = Prisma.KvItemGetPayload<{ select: typeof KV_ITEM_SELECT }>;
export type KvKeyDto = Prisma.KvItemGetPayload<{ select: typeof KV_KEY_SELECT }>;

export const kvItemNotFound = () => new AppError("NOT_FOUND", { message: "No item with this key", field: "key" });

/** Keys from `prefix` up to the next prefix: a range on the (applicationId, key) primary key. */
function prefixRange(prefix: string): Prisma.StringFilter {
  return { gte: prefix, lt: `${prefix}\uffff` };
}

/** GetKeyValueItem: one live item, or NOT_FOUND naming the key. */
export async function getKvItem(actor: Actor, input: KvItemRef, clock: Clock = systemClock): Promise<KvItemDto> {
  authorize(actor, { section: "application.kvs", method: "GetKeyValueItem" });
  const p = parseInput(ZKvItemRef, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const item = await db.kvItem.findFirst({
    where: { accountId: actor.accountId, applicationId: app.id, key: p.key, ...visibleKvWhere(clock()) },
    select: KV_ITEM_SELECT,
  });
  if (!item) throw kvItemNotFound();
  return item;
}

async function listPage<S extends typeof KV_ITEM_SELECT | typeof KV_KEY_SELECT>(actor: Actor, input: ListKvInput, clock: Clock, select: S) {
  const p = parseInput(ZListKvInput, input);
  const app = await findOwnApplication(db, actor, p.applicationId);
  const where: Prisma.KvItemWhereInput = {
    accountId: actor.accountId,
    applicationId: app.id,
    ...(p.prefix ? { key: prefixRange(p.prefix) } : {}),
    ...visibleKvWhere(clock()),
  };
  const [items, total] = await Promise.all([
    db.kvItem.findMany({ where, select, orderBy: { key: "asc" }, skip: p.offset, take: p.count }),
    db.kvItem.count({ where }),
  ]);
  return { items: items as Prisma.KvItemGetPayload<{ select: S }>[], total };
}

/** GetKeyValueItems and the panel's KVS tab: live items whose keys begin with `prefix`. */
export async function listKvItems(actor: Actor, input: ListKvInput, clock: Clock = systemClock): Promise<{ items: KvItemDto[]; total: number }> {
  authorize(actor, { section: "application.kvs", method: "GetKeyValueItems" });
  return listPage(actor, input, clock, KV_ITEM_SELECT);
}

/** GetKeyValueKeys: live keys (without values) that begin with `prefix`. */
export async function listKvKeys(actor: Actor, input: ListKvInput, clock: Clock = systemClock): Promise<{ items: KvKeyDto[]; total: number }> {
  authorize(actor, { section: "application.kvs", method: "GetKeyValueKeys" });
  return listPage(actor, input, clock, KV_KEY_SELECT);
}
