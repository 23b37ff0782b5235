// The key-value store's domain functions: the panel matrix for every principal (allowed ones
// succeed with an audit row, the rest get FORBIDDEN with nothing written), keys by method
// roles, tenant isolation, every input rule, and expiry with an injected clock (expired items
// read as missing everywhere and are purged by the next write). Threats: a principal without
// application.kvs reading or writing an application's secrets; another tenant's application
// id; a stale item outliving its ttl.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE, type Role } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { canCallApi, type ApiMethod } from "@/lib/access/api-methods";
import type { Clock } from "@/lib/core/clock";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { deleteKvItem, setKvItem } from "./mutations";
import { getKvItem, listKvItems, listKvKeys } from "./queries";
import { KV_TTL_DEFAULT_SECONDS } from "./schemas";
import { reasonFor } from "@/test/reasons";

const T0 = new Date("2030-01-01T00:00:00Z");
const at = (seconds: number): Clock => () => new Date(T0.getTime() + seconds * 1000);

async function app(accountId: number) {
  return db.application.create({ data: { accountId, name: uniq("kv-") } });
}

async function kvSnapshot(accountId: number) {
  const [items, audits] = await Promise.all([
    db.kvItem.findMany({ where: { accountId }, orderBy: [{ applicationId: "asc" }, { key: "asc" }], select: { applicationId: true, key: true, value: true, expiresAt: true } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { items, audits };
}

type Case = { name: string; method: ApiMethod; writes: boolean; run: (a: Actor, appId: number) => Promise<unknown> };

const CASES: Case[] = [
  { name: "setKvItem", method: "SetKeyValueItem", writes: true, run: (a, id) => setKvItem(a, { applicationId: id, key: "k:new", value: "v" }, at(0)) },
  { name: "getKvItem", method: "GetKeyValueItem", writes: false, run: (a, id) => getKvItem(a, { applicationId: id, key: "k:seed" }, at(0)) },
  { name: "listKvItems", method: "GetKeyValueItems", writes: false, run: (a, id) => listKvItems(a, { applicationId: id, prefix: "k" }, at(0)) },
  { name: "listKvKeys", method: "GetKeyValueKeys", writes: false, run: (a, id) => listKvKeys(a, { applicationId: id }, at(0)) },
  { name: "deleteKvItem", method: "DelKeyValueItem", writes: true, run: (a, id) => deleteKvItem(a, { applicationId: id, key: "k:seed" }, at(0)) },
];

describe("key-value functions: section application.kvs for every principal", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });

  for (const c of CASES) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.kvs");
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "FORBIDDEN, nothing written"}`, async () => {
        const actor = await acct.actor(role);
        const a = await app(acct.id);
        await db.kvItem.create({ data: { accountId: acct.id, applicationId: a.id, key: "k:seed", value: "s", expiresAt: at(3600)() } });
        const before = await kvSnapshot(acct.id);
        if (allowed) {
          await c.run(actor, a.id);
          const after = await kvSnapshot(acct.id);
          expect(after.audits).toBe(before.audits + (c.writes ? 1 : 0));
          if (c.writes) expect(after.items).not.toEqual(before.items);
          else expect(after).toEqual(before);
        } else {
          await expect(c.run(actor, a.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await kvSnapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("keys are checked against the method's roles (104), not the panel section", async () => {
    const a = await app(acct.id);
    for (const c of CASES) {
      for (const role of PRINCIPALS.filter((r): r is Exclude<Role, typeof OWNER_ROLE> => r !== OWNER_ROLE)) {
        const key: Actor = { kind: "key", accountId: acct.id, accountName: acct.name, subuserId: null, keyId: "k", name: "key", roles: [role], ip: "" };
        if (canCallApi([role], c.method)) continue;
        await expect(c.run(key, a.id)).rejects.toMatchObject({ code: "FORBIDDEN", reason: reasonFor(104) });
      }
    }
  });
});

describe("key-value store behaviour", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  it("set creates then replaces; ttl defaults to 30 days; expires_at is honoured", async () => {
    const a = await app(acct.id);
    const first = await setKvItem(owner, { applicationId: a.id, key: "user:1", value: "one" }, at(0));
    expect(first).toMatchObject({ key: "user:1", value: "one", expiresAt: at(KV_TTL_DEFAULT_SECONDS)() });
    const second = await setKvItem(owner, { applicationId: a.id, key: "user:1", value: "uno", ttl: 10 }, at(5));
    expect(second).toMatchObject({ value: "uno", expiresAt: at(15)() });
    const third = await setKvItem(owner, { applicationId: a.id, key: "user:1", value: "eins", expiresAt: Math.floor(at(100)().getTime() / 1000) }, at(6));
    expect(third.expiresAt).toEqual(at(100)());
    expect(await db.kvItem.count({ where: { applicationId: a.id } })).toBe(1);
    const actions = await db.auditLog.findMany({ where: { accountId: acct.id, targetId: { startsWith: `${a.id}:` } }, orderBy: { id: "asc" }, select: { action: true, detail: true } });
    expect(actions.map((x) => x.action)).toEqual(["kv.create", "kv.update", "kv.update"]);
    expect(actions.every((x) => !x.detail.includes("eins"))).toBe(true);
  });

  it("expired items are invisible to every read, refused by delete, and purged by the next write", async () => {
    const a = await app(acct.id);
    await setKvItem(owner, { applicationId: a.id, key: "ns:short", value: "s", ttl: 60 }, at(0));
    await setKvItem(owner, { applicationId: a.id, key: "ns:long", value: "l", ttl: 600 }, at(0));
    expect((await getKvItem(owner, { applicationId: a.id, key: "ns:short" }, at(59))).value).toBe("s");
    await expect(getKvItem(owner, { applicationId: a.id, key: "ns:short" }, at(60))).rejects.toMatchObject({ code: "NOT_FOUND", field: "key" });
    expect((await listKvItems(owner, { applicationId: a.id, prefix: "ns" }, at(61))).items.map((i) => i.key)).toEqual(["ns:long"]);
    expect((await listKvKeys(owner, { applicationId: a.id }, at(61))).total).toBe(1);
    await expect(deleteKvItem(owner, { applicationId: a.id, key: "ns:short" }, at(61))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.kvItem.count({ where: { applicationId: a.id } })).toBe(2);
    await setKvItem(owner, { applicationId: a.id, key: "other", value: "o" }, at(61));
    expect((await db.kvItem.findMany({ where: { applicationId: a.id }, orderBy: { key: "asc" } })).map((i) => i.key)).toEqual(["ns:long", "other"]);
    await setKvItem(owner, { applicationId: a.id, key: "ns:short", value: "again", ttl: 0 }, at(70));
    await expect(getKvItem(owner, { applicationId: a.id, key: "ns:short" }, at(70))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists match prefixes literally (no LIKE wildcards), in key order, with paging and totals", async () => {
    const a = await app(acct.id);
    for (const k of ["a_b:1", "a_b:2", "axb:1", "a_b:3", "b"]) await setKvItem(owner, { applicationId: a.id, key: k, value: k }, at(0));
    const page = await listKvItems(owner, { applicationId: a.id, prefix: "a_b", offset: 1, count: 1 }, at(1));
    expect(page).toMatchObject({ total: 3, items: [{ key: "a_b:2", value: "a_b:2" }] });
    expect((await listKvKeys(owner, { applicationId: a.id, prefix: "" }, at(1))).items.map((k) => k.key)).toEqual(["a_b:1", "a_b:2", "a_b:3", "axb:1", "b"]);
  });

  it("another account's application is NOT_FOUND (558) and nothing is written", async () => {
    const other = await createTestAccount();
    const theirs = await app(other.id);
    await db.kvItem.create({ data: { accountId: other.id, applicationId: theirs.id, key: "secret", value: "x", expiresAt: at(9999)() } });
    const before = await kvSnapshot(other.id);
    const mine = await kvSnapshot(acct.id);
    const ref = { applicationId: theirs.id, key: "secret" };
    for (const run of [
      () => setKvItem(owner, { ...ref, value: "stolen" }, at(0)),
      () => getKvItem(owner, ref, at(0)),
      () => listKvItems(owner, { applicationId: theirs.id, prefix: "s" }, at(0)),
      () => listKvKeys(owner, { applicationId: theirs.id }, at(0)),
      () => deleteKvItem(owner, ref, at(0)),
    ]) {
      await expect(run()).rejects.toMatchObject({ code: "NOT_FOUND", reason: reasonFor(558) });
    }
    expect(await kvSnapshot(other.id)).toEqual(before);
    expect(await kvSnapshot(acct.id)).toEqual(mine);
  });

  it("every input rule answers INVALID_INPUT naming the field, with nothing written", async () => {
    const a = await app(acct.id);
    const before = await kvSnapshot(acct.id);
    const nowS = Math.floor(at(0)().getTime() / 1000);
    const bad: [Record<string, unknown>, string, number][] = [
      [{ key: "" }, "key", 134],
      [{ key: "k".repeat(201) }, "key", 101],
      [{ key: "with space" }, "key", 101],
      [{ key: "semi;colon%" }, "key", 101],
      [{ value: "v".repeat(2001) }, "value", 101],
      [{ ttl: -1 }, "ttl", 101],
      [{ ttl: 7_776_001 }, "ttl", 101],
      [{ ttl: 10, expiresAt: nowS + 10 }, "expiresAt", 458],
      [{ expiresAt: nowS - 1 }, "expiresAt", 101],
      [{ expiresAt: nowS + 7_776_001 }, "expiresAt", 101],
    ];
    for (const [patch, field, apiCode] of bad) {
      await expect(setKvItem(owner, { applicationId: a.id, key: "ok:key", value: "v", ...patch }, at(0)), JSON.stringify(patch)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        field,
        reason: reasonFor(apiCode),
      });
    }
    expect(await kvSnapshot(acct.id)).toEqual(before);
    expect((await setKvItem(owner, { applicationId: a.id, key: "Ключ_ok-1:#+.;", value: "v".repeat(2000), ttl: 7_776_000 }, at(0))).key).toBe("Ключ_ok-1:#+.;");
  });
});
