// Key-value storage over the wire, with the public reference's names: an item is
// {key, value, expires_at (Unix seconds)}; lists add count/total_count. The ttl is honoured
// through the request's clock: a test moves the clock instead of sleeping. Threats: a stale
// item outliving its ttl; another tenant's application reached by id or by name.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import type { Clock } from "@/lib/core/clock";
import { listKvItems } from "./queries";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { handleApiRequest } from "@/lib/api/handle";
import { RateLimiter } from "@/lib/api/rate-limit";
import { callAs, insertKey, snapshot, tokenFor, type ApiBody, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Developer"]);
  app = await fixtureApp(acct.id, "store");
});

const appId = () => String(app.id);

describe("key-value methods", () => {
  it("set, get, list items and keys, delete: the reference's shapes, and what the panel lists", async () => {
    const before = Math.floor(Date.now() / 1000);
    const set = (await callAs(key, "SetKeyValueItem", { application_id: appId(), key: "test:1", value: "value1", ttl: "600" })).body;
    expect(set).toEqual({ result: { key: "test:1", value: "value1", expires_at: expect.any(Number) } });
    const exp = (set.result as { expires_at: number }).expires_at;
    expect(exp).toBeGreaterThanOrEqual(before + 600);
    expect(exp).toBeLessThanOrEqual(before + 602);
    await callAs(key, "SetKeyValueItem", { application_name: "store", key: "test:2", value: "value2" });
    await callAs(key, "SetKeyValueItem", { application_id: appId(), key: "other", value: "o", expires_at: String(before + 100) });

    expect((await callAs(key, "GetKeyValueItem", { application_id: appId(), key: "test:2" })).body.result).toMatchObject({ key: "test:2", value: "value2" });
    const items = (await callAs(key, "GetKeyValueItems", { application_id: appId(), key: "test" })).body;
    expect(items).toMatchObject({ count: 2, total_count: 2 });
    expect((items.result as { key: string }[]).map((i) => i.key)).toEqual(["test:1", "test:2"]);
    const keys = (await callAs(key, "GetKeyValueKeys", { application_id: appId(), count: "2" })).body;
    expect(keys).toEqual({ result: [{ key: "other", expires_at: before + 100 }, { key: "test:1", expires_at: exp }], count: 2, total_count: 3 });

    const panel = await listKvItems(await acct.actor(OWNER_ROLE), { applicationId: app.id });
    expect(panel.items.map((i) => [i.key, i.value])).toEqual([["other", "o"], ["test:1", "value1"], ["test:2", "value2"]]);

    expect((await callAs(key, "DelKeyValueItem", { application_id: appId(), key: "test:1" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "GetKeyValueItem", { application_id: appId(), key: "test:1" })).body.error?.code).toBe(101);
    expect(await db.kvItem.count({ where: { applicationId: app.id } })).toBe(2);
  });

  it("wire rules answer their codes with nothing written", async () => {
    const theirs = await fixtureApp((await createTestAccount()).id, "theirs");
    const before = await snapshot(acct.id);
    const cases: [string, Record<string, string>, number][] = [
      ["SetKeyValueItem", { application_id: appId(), value: "v" }, 485],
      ["SetKeyValueItem", { application_id: appId(), key: "", value: "v" }, 134],
      ["SetKeyValueItem", { application_id: appId(), key: "k".repeat(201), value: "v" }, 101],
      ["SetKeyValueItem", { application_id: appId(), key: "bad key", value: "v" }, 101],
      ["SetKeyValueItem", { application_id: appId(), key: "k", value: "v".repeat(2001) }, 101],
      ["SetKeyValueItem", { application_id: appId(), key: "k", value: "v", ttl: "7776001" }, 101],
      ["SetKeyValueItem", { application_id: appId(), key: "k", value: "v", ttl: "ten" }, 101],
      ["SetKeyValueItem", { application_id: appId(), key: "k", value: "v", ttl: "10", expires_at: "9999999999" }, 458],
      ["SetKeyValueItem", { application_id: appId(), key: "k", value: "v", expires_at: "1000" }, 101],
      ["SetKeyValueItem", { key: "k", value: "v" }, 485],
      ["SetKeyValueItem", { application_id: appId(), application_name: "store", key: "k", value: "v" }, 458],
      ["SetKeyValueItem", { application_id: String(theirs.id), key: "k", value: "v" }, 558],
      ["SetKeyValueItem", { application_name: "theirs", key: "k", value: "v" }, 558],
      ["GetKeyValueItems", { application_id: appId(), key: "k", count: "51" }, 101],
      ["GetKeyValueItems", { application_id: appId() }, 485],
      ["GetKeyValueKeys", { application_id: appId(), offset: "-1" }, 101],
      ["DelKeyValueItem", { application_id: appId(), key: "missing" }, 101],
      ["DelKeyValueItem", { application_id: "abc", key: "k" }, 116],
    ];
    for (const [method, params, code] of cases) {
      const { body } = await callAs(key, method, params);
      expect(body.error?.code, `${method} ${JSON.stringify(params).slice(0, 120)}`).toBe(code);
    }
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await db.kvItem.count({ where: { applicationId: theirs.id } })).toBe(0);
  });
});

describe("ttl through the request clock", () => {
  /** A call through the real pipeline at a chosen time, with a token issued at that time. */
  async function callAt(clock: Clock, method: string, params: Record<string, string>): Promise<ApiBody> {
    const iat = Math.floor(clock().getTime() / 1000);
    const token = await tokenFor(key, { iat, exp: iat + 60 });
    const form = new FormData();
    for (const [k, v] of Object.entries(params)) form.append(k, v);
    const request = new Request(`http://localhost/platform_api/${method}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    const response = await handleApiRequest(request, method, { clock, limiter: new RateLimiter(() => 1000) });
    return (await response.json()) as ApiBody;
  }

  it("an item is readable until its ttl runs out, then gone from every read", async () => {
    const t0 = Date.now() + 10 * 365 * 24 * 3600 * 1000;
    const at = (s: number): Clock => () => new Date(t0 + s * 1000);
    const set = await callAt(at(0), "SetKeyValueItem", { application_id: appId(), key: "session:1", value: "live", ttl: "30" });
    expect(set.result).toEqual({ key: "session:1", value: "live", expires_at: Math.floor(t0 / 1000) + 30 });
    expect((await callAt(at(29), "GetKeyValueItem", { application_id: appId(), key: "session:1" })).result).toMatchObject({ value: "live" });
    expect((await callAt(at(31), "GetKeyValueItem", { application_id: appId(), key: "session:1" })).error?.code).toBe(101);
    expect(await callAt(at(31), "GetKeyValueItems", { application_id: appId(), key: "session" })).toEqual({ result: [], count: 0, total_count: 0 });
    expect(await callAt(at(31), "GetKeyValueKeys", { application_id: appId() })).toEqual({ result: [], count: 0, total_count: 0 });
    expect(await db.kvItem.count({ where: { applicationId: app.id } })).toBe(1);
    await callAt(at(32), "SetKeyValueItem", { application_id: appId(), key: "session:2", value: "next" });
    expect((await db.kvItem.findMany({ where: { applicationId: app.id } })).map((i) => i.key)).toEqual(["session:2"]);
  });
});
