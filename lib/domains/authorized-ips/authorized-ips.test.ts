// The account's authorized IP lists: the domain (Security page and Management API share it) and
// their enforcement on every Management API call of the account's keys.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { insertKey, tokenFor } from "@/test/api-kit";
import { handleApiRequest, type HandleOptions } from "@/lib/api/handle";
import { AuthFailureLimiter, RateLimiter } from "@/lib/api/rate-limit";
import { addAuthorizedIp, deleteAuthorizedIps } from "./mutations";
import { checkAuthorizedIp, listAuthorizedIps } from "./queries";
import { MAX_AUTHORIZED_IPS } from "./client-safe";
import { fixtureAuthorizedIp } from "./api-fixtures";

const entries = (accountId: number) => db.authorizedIp.findMany({ where: { accountId }, orderBy: { id: "asc" }, select: { network: true, allowed: true, description: true } });

describe("authorized IP lists", () => {
  it("add canonical networks to either list, audited; the same network twice on one list is a conflict naming it", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    expect(await addAuthorizedIp(owner, { network: " 192.0.2.7/24 ", description: "office" })).toMatchObject({ network: "192.0.2.0/24", allowed: true, description: "office" });
    await addAuthorizedIp(owner, { network: "192.0.2.0/24", allowed: false });
    await addAuthorizedIp(owner, { network: "198.51.100.7/32" });
    await expect(addAuthorizedIp(owner, { network: "192.0.2.1/24" })).rejects.toMatchObject({ code: "CONFLICT", field: "network", reason: "authorized_ip_taken", message: "192.0.2.0/24 is already on the allow list" });
    expect(await entries(acct.id)).toEqual([
      { network: "192.0.2.0/24", allowed: true, description: "office" },
      { network: "192.0.2.0/24", allowed: false, description: "" },
      { network: "198.51.100.7", allowed: true, description: "" },
    ]);
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id, action: "authorized_ip.add" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => JSON.parse(r.detail) as unknown)).toEqual([
      { network: "192.0.2.0/24", allowed: true, description: "office" },
      { network: "192.0.2.0/24", allowed: false, description: "" },
      { network: "198.51.100.7", allowed: true, description: "" },
    ]);
  });

  it("refuse bad input with a field error, writing nothing", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    for (const network of ["", "192.0.2.0/33", "example.com", "2001:db8::/32", "256.0.0.1"]) {
      await expect(addAuthorizedIp(owner, { network }), network).rejects.toMatchObject({ code: "INVALID_INPUT", field: "network", reason: "authorized_ip_invalid" });
    }
    await expect(addAuthorizedIp(owner, { network: "192.0.2.1", description: "x".repeat(201) })).rejects.toMatchObject({ field: "description" });
    await expect(addAuthorizedIp(owner, { network: "192.0.2.1", description: "a\u0007b" })).rejects.toMatchObject({ field: "description" });
    await expect(deleteAuthorizedIps(owner, {})).rejects.toMatchObject({ field: "network" });
    await expect(checkAuthorizedIp(owner, { ip: "192.0.2.0/24" })).rejects.toMatchObject({ field: "ip", reason: "authorized_ip_invalid" });
    expect(await entries(acct.id)).toEqual([]);
    expect(await db.auditLog.count({ where: { accountId: acct.id } })).toBe(0);
  });

  it("hold at most MAX_AUTHORIZED_IPS entries across both lists", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await db.authorizedIp.createMany({ data: Array.from({ length: MAX_AUTHORIZED_IPS }, (_, i) => ({ accountId: acct.id, network: `10.0.${i >> 8}.${i & 255}`, allowed: false })) });
    await expect(addAuthorizedIp(owner, { network: "192.0.2.1" })).rejects.toMatchObject({ code: "CONFLICT", reason: "authorized_ip_limit" });
    expect(await db.authorizedIp.count({ where: { accountId: acct.id } })).toBe(MAX_AUTHORIZED_IPS);
  });

  it("list, filter, check and remove, within the account only", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    await addAuthorizedIp(owner, { network: "192.0.2.0/24", description: "Office LAN" });
    await addAuthorizedIp(owner, { network: "192.0.2.66", allowed: false, description: "old laptop" });
    await addAuthorizedIp(owner, { network: "198.51.100.0/24" });
    await fixtureAuthorizedIp(other.id, "192.0.2.0/24", true);

    const networks = async (input: Parameters<typeof listAuthorizedIps>[1]) => (await listAuthorizedIps(owner, input)).items.map((e) => `${e.network} ${e.allowed}`);
    expect(await networks({})).toEqual(["192.0.2.0/24 true", "198.51.100.0/24 true", "192.0.2.66 false"]);
    expect(await networks({ allowed: false })).toEqual(["192.0.2.66 false"]);
    expect(await networks({ containsIp: "192.0.2.66" })).toEqual(["192.0.2.0/24 true", "192.0.2.66 false"]);
    expect(await networks({ description: "office" })).toEqual(["192.0.2.0/24 true"]);
    expect(await listAuthorizedIps(owner, { count: 1, offset: 1 })).toMatchObject({ total: 3, items: [{ network: "198.51.100.0/24" }] });

    expect(await checkAuthorizedIp(owner, { ip: "192.0.2.7" })).toMatchObject({ allowed: true, match: { network: "192.0.2.0/24" }, address: "192.0.2.7" });
    expect(await checkAuthorizedIp(owner, { ip: "192.0.2.66" })).toMatchObject({ allowed: false, match: { network: "192.0.2.66" } });
    expect(await checkAuthorizedIp(owner, { ip: "203.0.113.9" })).toEqual({ allowed: false, match: null, address: "203.0.113.9" });
    // Another account's lists are not this one's.
    expect(await checkAuthorizedIp(await other.actor("MainAccount"), { ip: "203.0.113.9" })).toMatchObject({ allowed: false });

    expect(await deleteAuthorizedIps(owner, { containsIp: "192.0.2.66", allowed: true })).toBe(1);
    expect(await deleteAuthorizedIps(owner, { network: "10.9.9.9" })).toBe(0);
    expect(await deleteAuthorizedIps(owner, { network: "all" })).toBe(2);
    expect(await entries(acct.id)).toEqual([]);
    expect(await db.authorizedIp.count({ where: { accountId: other.id } })).toBe(1);
    const removed = await db.auditLog.findMany({ where: { accountId: acct.id, action: "authorized_ip.delete" }, orderBy: { id: "asc" } });
    expect(removed.map((r) => JSON.parse(r.detail) as unknown)).toEqual([
      { removed: [{ network: "192.0.2.0/24", allowed: true }] },
      { removed: [{ network: "192.0.2.66", allowed: false }, { network: "198.51.100.0/24", allowed: true }] },
    ]);
  });

  it("follow the Security section: refused for roles without it", async () => {
    const acct = await createTestAccount();
    const support = await acct.actor("Support");
    await expect(addAuthorizedIp(support, { network: "192.0.2.1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuthorizedIps(support)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await listAuthorizedIps(await acct.actor("Developer"))).toEqual({ items: [], total: 0 });
  });
});

describe("the Management API refuses addresses the account's lists refuse", () => {
  type Body = { result?: unknown; error?: { code: number; msg: string } };
  const opts: HandleOptions = { authFailures: new AuthFailureLimiter(() => ({ max: 1000, windowSeconds: 60 })), limiter: new RateLimiter(() => 1_000_000) };
  const call = async (ip: string, token: string): Promise<Body> =>
    (await (
      await handleApiRequest(new Request("http://localhost/platform_api/GetAccountInfo", { method: "POST", headers: { "x-switchboard-client-ip": ip, authorization: `Bearer ${token}` } }), "GetAccountInfo", opts)
    ).json()) as Body;

  it("allow list, block list, IPv4-mapped and IPv6 clients; refusals audited; removing the entries lets everyone in again", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    const key = await insertKey(acct.id, ["Owner"]);
    const token = await tokenFor(key);
    expect((await call("203.0.113.9", token)).error).toBeUndefined();

    await addAuthorizedIp(owner, { network: "192.0.2.0/24" });
    await addAuthorizedIp(owner, { network: "192.0.2.66", allowed: false });
    expect((await call("192.0.2.7", token)).error).toBeUndefined();
    expect((await call("::ffff:192.0.2.8", token)).error).toBeUndefined();
    for (const ip of ["203.0.113.9", "192.0.2.66", "2001:db8::1"]) {
      expect(await call(ip, token), ip).toEqual({
        error: { code: 100, msg: `Authorization failed: the address ${ip} may not call the Management API for this account (its authorized IP lists, Settings > Security)` },
      });
    }
    const refused = await db.auditLog.findMany({ where: { accountId: acct.id, action: "api.auth_failed" } });
    expect(refused).toHaveLength(1); // one row per key per minute, with a count
    expect(JSON.parse(refused[0]!.detail)).toMatchObject({ code: 100, count: 3 });

    await deleteAuthorizedIps(owner, { network: "all" });
    expect((await call("203.0.113.9", token)).error).toBeUndefined();
  });

  it("a forged token learns nothing about the lists: the same answer as any failed authentication", async () => {
    const acct = await createTestAccount();
    const key = await insertKey(acct.id, ["Owner"]);
    await addAuthorizedIp(await acct.actor("MainAccount"), { network: "192.0.2.0/24" });
    const { generateKeyPairSync } = await import("node:crypto");
    const forged = await tokenFor({ ...key, privateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey });
    expect((await call("203.0.113.9", forged)).error).toEqual({ code: 100, msg: "Authorization failed" });
  });
});
