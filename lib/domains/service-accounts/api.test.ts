// Key methods over HTTP: CreateKey's one-time credentials really work, a key's reach (its own
// principal's keys whose roles lie within its own; an Owner key all of its principal's; a key
// without roles only itself and roleless keys of its principal), role grants never above the
// caller, and the panel and the API see the same keys. Threat: a key escalating itself or
// reaching keys of another principal or account.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { listKeys } from "./queries";
import { MAX_KEYS_PER_ACCOUNT } from "./schemas";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";
import { ZKeyInfo } from "./api";
import { callAs, callApi, insertKey, snapshot, tokenFor, type Params, type TestKey } from "@/test/api-kit";

async function expectError(key: TestKey, method: string, params: Params, code: number, msgPart?: RegExp) {
  const before = await snapshot(key.accountId);
  const { body } = await callAs(key, method, params);
  expect(body.error?.code, `${method} ${JSON.stringify(params)} -> ${JSON.stringify(body)}`).toBe(code);
  if (msgPart) expect(body.error?.msg).toMatch(msgPart);
  expect(await snapshot(key.accountId)).toEqual(before);
}

const keyIds = (body: { result?: unknown }) => (body.result as { key_id: string }[]).map((k) => k.key_id).sort();

describe("CreateKey", () => {
  it("returns an array of one KeyInfo whose PKCS#8 private key signs working tokens; only the public key is stored", async () => {
    const acct = await createTestAccount();
    const owner = await insertKey(acct.id, ["Owner"]);
    const r = await callAs(owner, "CreateKey", { key_name: "integration", description: "ci", role_name: "Admin;Developer" });
    const [info, ...rest] = ZKeyInfo.array().parse(r.body.result);
    expect(rest).toEqual([]);
    expect(info!).toMatchObject({ account_id: acct.id, account_email: `${acct.name}@test.local` });
    expect(info!.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    const privateKey = createPrivateKey(info!.private_key);
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: info!.key_id }, include: { roles: true } });
    expect(row).toMatchObject({ accountId: acct.id, subuserId: null, name: "integration", description: "ci" });
    expect(row.roles.map((x) => x.role).sort()).toEqual(["Admin", "Developer"]);
    expect(row.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(createPublicKey(row.publicKeyPem).export({ format: "der", type: "spki" })).toEqual(createPublicKey(privateKey).export({ format: "der", type: "spki" }));
    expect(JSON.stringify(row)).not.toContain("PRIVATE");
    // The new key works at once. It belongs to the account owner: the owner's Owner key reaches
    // it; it reaches itself but not that Owner key (Owner is beyond its roles).
    const made: TestKey = { id: info!.key_id, accountId: acct.id, privateKey };
    expect(keyIds((await callAs(made, "GetKeys", { with_roles: "true" })).body)).toEqual([info!.key_id]);
    expect(keyIds((await callAs(owner, "GetKeys", { with_roles: "true" })).body)).toEqual([owner.id, info!.key_id].sort());
    const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "service_account.create" } });
    expect(audit.detail).not.toContain("PRIVATE");
  });

  it("generates a name when key_name is absent; refuses an empty or long name, roles above the caller, and more than the maximum", async () => {
    const acct = await createTestAccount();
    const admin = await insertKey(acct.id, ["Admin"]);
    const r = await callAs(admin, "CreateKey", {});
    const id = (r.body.result as { key_id: string }[])[0]!.key_id;
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).name).toBe(`key-${id.slice(0, 8)}`);
    await expectError(admin, "CreateKey", { key_name: "" }, 134, /key_name/);
    await expectError(admin, "CreateKey", { key_name: "k".repeat(51) }, 101, /key_name/);
    await expectError(admin, "CreateKey", { key_name: "up", role_name: "Owner" }, 435, /Owner/);
    await expectError(admin, "CreateKey", { key_name: "up", role_id: "2;1" }, 435);
    for (let i = (await db.apiKey.count({ where: { accountId: acct.id } })); i < MAX_KEYS_PER_ACCOUNT; i++) await insertKey(acct.id, []);
    await expectError(admin, "CreateKey", { key_name: "one-too-many" }, 437);
  });

  it("a key created by a subuser's key belongs to that subuser and is capped by the subuser's roles", async () => {
    const acct = await createTestAccount();
    const sub = await db.subuser.create({
      data: { accountId: acct.id, name: "keysmith", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Owner" }, { role: "Developer" }] } },
    });
    const subOwnerKey = await insertKey(acct.id, ["Owner"], sub.id);
    // An Owner key grants what its creator holds: Developer yes, Admin no.
    const r = await callAs(subOwnerKey, "CreateKey", { key_name: "dev", role_name: "Developer" });
    const id = (r.body.result as { key_id: string }[])[0]!.key_id;
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).subuserId).toBe(sub.id);
    await expectError(subOwnerKey, "CreateKey", { key_name: "adm", role_name: "Admin" }, 435);
  });
});

describe("key reach", () => {
  async function world() {
    const acct = await createTestAccount();
    const sub = await db.subuser.create({
      data: { accountId: acct.id, name: "reacher", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Admin" }, { role: "Owner" }] } },
    });
    const ownerOwner = await insertKey(acct.id, ["Owner"], null, "owner-owner");
    const ownerAdmin = await insertKey(acct.id, ["Admin"], null, "owner-admin");
    const subAdmin = await insertKey(acct.id, ["Admin"], sub.id, "sub-admin");
    const subOwner = await insertKey(acct.id, ["Owner"], sub.id, "sub-owner");
    const bare = await insertKey(acct.id, [], null, "bare");
    const stranger = await createTestAccount();
    const foreign = await insertKey(stranger.id, ["Owner"]);
    return { acct, sub, ownerOwner, ownerAdmin, subAdmin, subOwner, bare, foreign };
  }

  it("GetKeys: an Owner key sees all of its principal's keys; others their principal's keys within their roles; a key without roles itself", async () => {
    const w = await world();
    expect(keyIds((await callAs(w.ownerOwner, "GetKeys", { count: "1000" })).body)).toEqual([w.ownerOwner, w.ownerAdmin, w.bare].map((k) => k.id).sort());
    expect(keyIds((await callAs(w.subOwner, "GetKeys", { count: "1000" })).body)).toEqual([w.subAdmin, w.subOwner].map((k) => k.id).sort());
    expect(keyIds((await callAs(w.ownerAdmin, "GetKeys")).body)).toEqual([w.ownerAdmin, w.bare].map((k) => k.id).sort());
    expect(keyIds((await callAs(w.subAdmin, "GetKeys")).body)).toEqual([w.subAdmin.id]);
    expect(keyIds((await callAs(w.bare, "GetKeys")).body)).toEqual([w.bare.id]);
    expect((await callAs(w.ownerOwner, "GetKeys", { key_id: w.subAdmin.id })).body).toMatchObject({ result: [], total_count: 0 });
    const withCreator = (await callAs(w.subOwner, "GetKeys", { key_id: w.subAdmin.id, with_roles: "true" })).body.result;
    expect(withCreator).toEqual([
      {
        key_id: w.subAdmin.id,
        key_name: "sub-admin",
        description: "",
        roles: [{ role_id: 2, role_name: "Admin", gui_only: false }],
        subuser: [{ subuser_id: w.sub.id, subuser_name: "reacher", description: "" }],
      },
    ]);
    expect((await callAs(w.ownerOwner, "GetKeys", { key_id: w.foreign.id })).body).toMatchObject({ result: [], total_count: 0 });
  });

  it("keys outside the reach get 104, another account's read as 433; none is touched", async () => {
    const w = await world();
    for (const [caller, target, code] of [
      [w.subAdmin, w.ownerAdmin, 104],
      [w.ownerAdmin, w.subAdmin, 104],
      [w.bare, w.ownerAdmin, 104],
      [w.ownerOwner, w.subOwner, 104],
      [w.ownerAdmin, w.ownerOwner, 104],
      [w.ownerOwner, w.foreign, 433],
    ] as const) {
      await expectError(caller, "UpdateKey", { key_id: target.id, description: "pwned" }, code, /key/i);
      await expectError(caller, "DeleteKey", { key_id: target.id }, code);
      await expectError(caller, "GetKeyRoles", { key_id: target.id }, code);
      await expectError(caller, "RemoveKeyRoles", { key_id: target.id, role_id: "2" }, code);
    }
    await expectError(w.ownerOwner, "DeleteKey", { key_id: "not-a-uuid" }, 433, /key_id/);
    await expectError(w.ownerOwner, "UpdateKey", { key_id: w.ownerAdmin.id }, 485, /'description'/);
  });

  it("a key without roles manages only itself and cannot raise itself", async () => {
    const w = await world();
    await expectError(w.bare, "CreateKey", { key_name: "spawn" }, 104);
    await expectError(w.bare, "SetKeyRoles", { key_id: w.bare.id, role_name: "Owner" }, 435);
    expect((await callAs(w.bare, "UpdateKey", { key_id: w.bare.id, description: "me", key_name: "still-bare" })).body).toEqual({ result: 1 });
    expect((await callAs(w.bare, "GetKeyRoles", { key_id: w.bare.id })).body).toEqual({ result: [], count: 0, total_count: 0 });
    for (const m of ["GetAccountInfo", "GetRoles", "GetRoleGroups"]) expect((await callAs(w.bare, m)).body.error, m).toBeUndefined();
    await expectError(w.bare, "GetSubUsers", {}, 104);
    expect((await callAs(w.bare, "DeleteKey", { key_id: w.bare.id })).body).toEqual({ result: 1 });
    expect((await callAs(w.bare, "GetRoles")).body.error?.code).toBe(100);
  });

  it("SetKeyRoles adds roles the caller holds; RemoveKeyRoles removes; GetKeyRoles expands", async () => {
    const w = await world();
    expect((await callAs(w.ownerOwner, "SetKeyRoles", { key_id: w.bare.id, role_id: "2;4" })).body).toEqual({ result: 1 });
    expect((await callAs(w.ownerOwner, "SetKeyRoles", { key_id: w.bare.id, role_name: "Owner" })).body).toEqual({ result: 1 });
    const roles = await callAs(w.ownerOwner, "GetKeyRoles", { key_id: w.bare.id, with_expanded_roles: "1" });
    const rv = roles.body.result as { role_id: number; inherited?: boolean; parent_role_id?: number[] }[];
    expect(rv.filter((r) => !r.inherited).map((r) => r.role_id)).toEqual([1, 2, 4]);
    expect(rv.find((r) => r.role_id === 3)).toMatchObject({ inherited: true, parent_role_id: [2] });
    // An Admin key cannot hand out Owner, not even to a key it reaches.
    await expectError(w.ownerAdmin, "SetKeyRoles", { key_id: w.ownerAdmin.id, role_name: "Owner" }, 435);
    expect((await callAs(w.ownerOwner, "RemoveKeyRoles", { key_id: w.bare.id, role_name: "Owner;Admin" })).body).toEqual({ result: 1 });
    expect((await db.apiKeyRole.findMany({ where: { keyId: w.bare.id } })).map((r) => r.role)).toEqual(["Developer"]);
    // Role changes bite on the next request. (The owner's keys do not reach a subuser's: the
    // subuser's Owner key strips itself.)
    expect((await callAs(w.ownerAdmin, "GetRoles")).body.error).toBeUndefined();
    await expectError(w.ownerOwner, "RemoveKeyRoles", { key_id: w.subOwner.id, role_name: "Owner" }, 104);
    expect((await callAs(w.subOwner, "RemoveKeyRoles", { key_id: w.subOwner.id, role_name: "Owner" })).body).toEqual({ result: 1 });
    expect((await callAs(w.subOwner, "GetSubUsers")).body.error?.code).toBe(104);
  });

  it("what the API creates and changes is what the panel lists, and the reverse", async () => {
    const w = await world();
    const created = await callAs(w.ownerOwner, "CreateKey", { key_name: "both-ways", role_name: "Support" });
    const id = (created.body.result as { key_id: string }[])[0]!.key_id;
    await callAs(w.ownerOwner, "UpdateKey", { key_id: id, description: "seen in the panel" });
    const owner = await w.acct.actor("MainAccount");
    const panel = await listKeys(owner);
    expect(panel.items.find((k) => k.id === id)).toMatchObject({ name: "both-ways", description: "seen in the panel", roles: ["Support"] });
    await db.apiKey.update({ where: { id }, data: { name: "renamed-in-panel" } });
    const api = await callApi("GetKeys", { key_id: id }, { token: await tokenFor(w.ownerOwner) });
    expect((api.body.result as { key_name: string }[])[0]!.key_name).toBe("renamed-in-panel");
  });
});
