import "server-only";
// Key-value storage: SetKeyValueItem, GetKeyValueItem, GetKeyValueItems, GetKeyValueKeys,
// DelKeyValueItem, per application, with the public reference's parameter and result names.
// Every handler calls lib/domains/kvs (key/value/ttl rules, expiry, tenant scoping, audit) with the
// request's clock, so expiry is testable without waiting.
import { z } from "zod";
import { deleteKvItem, setKvItem } from "./mutations";
import { getKvItem, listKvItems, listKvKeys } from "./queries";
import { KV_TTL_MAX_SECONDS, ZKvKey, ZKvKeyPattern, ZKvValue } from "./schemas";
import type { ErrorMapping } from "@/lib/api/errors";
import { page, DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, resolveAppRef } from "@/lib/domains/applications/api";

// Wire structures.

const unixSeconds = z.number().int().nullable().meta({ description: "Unix time (seconds) the item expires at" });

export const ZKeyValueItem = z.object({ key: z.string(), value: z.string(), expires_at: unixSeconds }).meta({ id: "KeyValueItems" });
export const ZKeyValueKey = z.object({ key: z.string(), expires_at: unixSeconds }).meta({ id: "KeyValueKeys" });
export type KeyValueItem = z.output<typeof ZKeyValueItem>;
export type KeyValueKey = z.output<typeof ZKeyValueKey>;

const toUnix = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);

export function keyValueItem(i: { key: string; value: string; expiresAt: Date | null }): KeyValueItem {
  return { key: i.key, value: i.value, expires_at: toUnix(i.expiresAt) };
}

export function keyValueKey(i: { key: string; expiresAt: Date | null }): KeyValueKey {
  return { key: i.key, expires_at: toUnix(i.expiresAt) };
}

const GROUP = "Key-value storage";

const KV_ERRORS: ErrorMapping = {
  fields: { ...APP_REF_FIELDS, key: "key", prefix: "key", value: "value", ttl: "ttl", expiresAt: "expires_at" },
};

const key = w.text(ZKvKey, {
  description: "The key, up to 200 characters of [a-zA-Z0-9а-яА-ЯёЁ_-:;.#+]. A namespace may precede ':' (test:1234)",
});

/** The reference's paging for key-value lists: count 1..50, default 10. */
const kvPaging = {
  count: w.int({ min: 1, max: 50, description: "Items per page (1..50, default 10)" }).default(10),
  offset: w.int({ min: 0, description: "Items to skip (default 0)" }).default(0),
};

export const setKeyValueItem = defineMethod({
  name: "SetKeyValueItem",
  group: GROUP,
  summary: "Creates an item or replaces its value and expiry. Expiry: ttl seconds from now (default 30 days, at most 90) or expires_at.",
  params: z.object({
    key,
    value: w.text(ZKvValue, { description: "The value, up to 2000 characters" }),
    ...appRefParams,
    ttl: w.int({ min: 0, max: KV_TTL_MAX_SECONDS, description: "Seconds until the item expires (0..7776000, default 2592000)" }).optional(),
    expires_at: w.int({ min: 0, description: "Unix time (seconds) the item expires at, instead of ttl" }).optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true), { params: ["ttl", "expires_at"], required: false }],
  response: okResponse(ZKeyValueItem),
  errors: KV_ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveAppRef(actor, p);
    const item = await setKvItem(actor, { applicationId: app.id, key: p.key, value: p.value, ttl: p.ttl, expiresAt: p.expires_at }, clock);
    return ok(keyValueItem(item));
  },
});

export const getKeyValueItem = defineMethod({
  name: "GetKeyValueItem",
  group: GROUP,
  summary: "One item by its key. A missing or expired key is an error.",
  params: z.object({ key, ...appRefParams }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: okResponse(ZKeyValueItem),
  errors: KV_ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveAppRef(actor, p);
    return ok(keyValueItem(await getKvItem(actor, { applicationId: app.id, key: p.key }, clock)));
  },
});

export const getKeyValueItems = defineMethod({
  name: "GetKeyValueItems",
  group: GROUP,
  summary: "The items whose keys begin with the pattern, by key.",
  params: z.object({
    key: w.text(ZKvKey, { description: "The key pattern (a prefix, e.g. a namespace 'test:')" }),
    ...appRefParams,
    ...kvPaging,
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: listResponse(ZKeyValueItem),
  errors: KV_ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveAppRef(actor, p);
    const { items, total } = await listKvItems(actor, { applicationId: app.id, prefix: p.key, offset: p.offset, count: p.count }, clock);
    return page(items.map(keyValueItem), total);
  },
});

export const getKeyValueKeys = defineMethod({
  name: "GetKeyValueKeys",
  group: GROUP,
  summary: "The keys (without values) that begin with the pattern, or all keys, by key.",
  params: z.object({
    key: w.optionalText(ZKvKeyPattern, "The key pattern (a prefix); all keys when absent"),
    ...appRefParams,
    ...kvPaging,
  }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: listResponse(ZKeyValueKey),
  errors: KV_ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveAppRef(actor, p);
    const { items, total } = await listKvKeys(actor, { applicationId: app.id, prefix: p.key, offset: p.offset, count: p.count }, clock);
    return page(items.map(keyValueKey), total);
  },
});

export const delKeyValueItem = defineMethod({
  name: "DelKeyValueItem",
  group: GROUP,
  summary: "Deletes an item. A missing or expired key is an error.",
  params: z.object({ key, ...appRefParams }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: DONE_RESPONSE,
  errors: KV_ERRORS,
  async handler(p, { actor, clock }) {
    const app = await resolveAppRef(actor, p);
    await deleteKvItem(actor, { applicationId: app.id, key: p.key }, clock);
    return done();
  },
});

export const kvMethods: RegisteredMethod[] = [setKeyValueItem, getKeyValueItem, getKeyValueItems, getKeyValueKeys, delKeyValueItem] as RegisteredMethod[];
