// Service accounts in the panel: for every principal, those with the section create keys and
// the rest get FORBIDDEN with nothing written; nobody grants a key more than it holds; a
// subuser reaches only its own keys; other accounts' keys are NOT_FOUND; bad input names its
// field. Threat: privilege escalation through a key, and cross-tenant key access.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { ASSIGNABLE_ROLES, can, OWNER_ROLE, type AssignableRole } from "@/lib/access/matrix";
import type { Actor, PanelActor } from "@/lib/access/actor-types";
import { AppError } from "@/lib/core/errors";
import { createTestAccount, PRINCIPALS } from "@/test/factories";
import { createKey, deleteKey, editKey, updateKey } from "./mutations";
import { grantableKeyRoles, grantableOn, keyCallerOf, listKeys } from "./queries";
import { reasonFor } from "@/test/reasons";

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const actorRef: { current: PanelActor | null } = { current: null };
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => actorRef.current }));

async function dataOf(accountId: number) {
  const [keys, roles] = await Promise.all([
    db.apiKey.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.apiKeyRole.findMany({ where: { key: { accountId } }, orderBy: [{ keyId: "asc" }, { role: "asc" }] }),
  ]);
  return { keys, roles };
}

async function expectAppError(p: Promise<unknown>, code: AppError["code"], field?: string, apiCode?: number) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected an AppError").toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (field) expect((e as AppError).field).toBe(field);
  if (apiCode) expect((e as AppError).reason).toBe(reasonFor(apiCode));
}

describe("createKey for every principal", () => {
  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "service_accounts");
    it(`${role}: ${allowed ? "creates a key holding at most its own roles" : "FORBIDDEN, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const actor = await acct.actor(role);
      const before = await dataOf(acct.id);
      const own = role === OWNER_ROLE ? [] : [role as AssignableRole];
      if (!allowed) {
        await expectAppError(createKey(actor, { name: "k", roles: own }), "FORBIDDEN");
        expect(await dataOf(acct.id)).toEqual(before);
        return;
      }
      const { key, credentials } = await createKey(actor, { name: "mine", description: "d", roles: own });
      expect(key).toMatchObject({ name: "mine", description: "d", roles: own, subuser: role === OWNER_ROLE ? null : { id: actor.subuserId } });
      expect(credentials).toMatchObject({ account_id: acct.id, account_email: `${acct.name}@test.local`, key_id: key.id });
      const pub = (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).publicKeyPem;
      expect(createPublicKey(pub).export({ format: "der", type: "spki" })).toEqual(
        createPublicKey(createPrivateKey(credentials.private_key)).export({ format: "der", type: "spki" }),
      );
      // A role it does not hold: refused (435), nothing written.
      const beyond = ASSIGNABLE_ROLES.find((r) => !(role === OWNER_ROLE || r === role))!;
      if (role !== OWNER_ROLE) {
        const mid = await dataOf(acct.id);
        await expectAppError(createKey(actor, { name: "more", roles: [beyond] }), "INVALID_INPUT", "roles", 435);
        expect(await dataOf(acct.id)).toEqual(mid);
      } else {
        expect(await grantableKeyRoles(actor)).toEqual([...ASSIGNABLE_ROLES]);
      }
      const audit = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "service_account.create" } });
      expect(audit.targetId).toBe(key.id);
      expect(audit.detail).not.toContain("PRIVATE");
    });
  }
});

describe("reach and tenancy", () => {
  it("the owner sees every key; a subuser only its own; other principals' keys are FORBIDDEN, other accounts' NOT_FOUND", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const dev = await acct.actor("Developer");
    const sup = await acct.actor("Support");
    const ownerKey = (await createKey(owner, { name: "owner-key", roles: ["Admin"] })).key;
    const devKey = (await createKey(dev, { name: "dev-key", roles: ["Developer"] })).key;
    const supKey = (await createKey(sup, { name: "sup-key", roles: [] })).key;
    expect((await listKeys(owner)).items.map((k) => k.name)).toEqual(["owner-key", "dev-key", "sup-key"]);
    expect((await listKeys(dev)).items.map((k) => k.name)).toEqual(["dev-key"]);
    const before = await dataOf(acct.id);
    // Same account, another principal (docs/management-api.md "Reach between keys"): FORBIDDEN (104).
    await expectAppError(editKey(dev, { keyId: ownerKey.id, name: "x", description: "", roles: [] }), "FORBIDDEN", "keyId", 104);
    await expectAppError(deleteKey(dev, { keyId: supKey.id }), "FORBIDDEN", "keyId", 104);
    const stranger = await createTestAccount();
    const strangerOwner = await stranger.actor(OWNER_ROLE);
    await expectAppError(deleteKey(strangerOwner, { keyId: devKey.id }), "NOT_FOUND");
    await expectAppError(updateKey(strangerOwner, { keyId: devKey.id, name: "stolen" }), "NOT_FOUND");
    expect(await dataOf(acct.id)).toEqual(before);
    await deleteKey(owner, { keyId: devKey.id });
    expect((await listKeys(owner)).items.map((k) => k.name)).toEqual(["owner-key", "sup-key"]);
  });

  it("editKey replaces name, description and roles, never adding a role the editor lacks", async () => {
    const acct = await createTestAccount();
    const admin = await acct.actor("Admin");
    const { key } = await createKey(admin, { name: "edit-me", roles: [] });
    const edited = await editKey(admin, { keyId: key.id, name: "edited", description: "now with roles", roles: ["Admin"] });
    expect(edited).toMatchObject({ name: "edited", description: "now with roles", roles: ["Admin"] });
    const before = await dataOf(acct.id);
    await expectAppError(editKey(admin, { keyId: key.id, name: "edited", description: "", roles: ["Admin", "Owner"] }), "INVALID_INPUT", "roles", 435);
    expect(await dataOf(acct.id)).toEqual(before);
    // A key actor cannot use the panel-only editor.
    const keyActor: Actor = { ...admin, kind: "key", keyId: key.id, roles: ["Admin"] };
    await expectAppError(editKey(keyActor, { keyId: key.id, name: "x", description: "", roles: [] }), "FORBIDDEN");
  });

  it("bad input names its field and writes nothing", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const before = await dataOf(acct.id);
    await expectAppError(createKey(owner, { name: "" }), "INVALID_INPUT", "name", 134);
    await expectAppError(createKey(owner, { name: "   " }), "INVALID_INPUT", "name");
    await expectAppError(createKey(owner, { name: "n".repeat(51) }), "INVALID_INPUT", "name");
    await expectAppError(createKey(owner, { name: "ok", description: "d".repeat(256) }), "INVALID_INPUT", "description");
    await expectAppError(createKey(owner, { name: "ok", roles: ["Root"] }), "INVALID_INPUT", "roles", 441);
    await expectAppError(createKey(owner, { name: "ok", roles: [OWNER_ROLE] }), "INVALID_INPUT", "roles", 441);
    await expectAppError(deleteKey(owner, { keyId: "../etc" }), "INVALID_INPUT", "keyId", 433);
    expect(await dataOf(acct.id)).toEqual(before);
  });
});

describe("the panel asks the same reach rule (lib/access/key-reach.ts)", () => {
  // Threat: privilege escalation between keys through the panel: a subuser editing or deleting a
  // key beyond its roles, or the owner raising a subuser's key above the subuser.
  it("a subuser reaches its own keys within its roles only; nothing written otherwise", async () => {
    const acct = await createTestAccount();
    const admin = await acct.actor("Admin");
    const mine = (await createKey(admin, { name: "mine", roles: ["Admin"] })).key;
    // A key of its holding a role beyond the subuser's (written before the rule, or by hand).
    const beyond = await db.apiKey.create({
      data: { id: crypto.randomUUID(), accountId: acct.id, subuserId: admin.subuserId, name: "beyond", publicKeyPem: "x", roles: { create: [{ role: "Admin" }, { role: "Owner" }] } },
    });
    expect((await listKeys(admin)).items.map((k) => k.name)).toEqual(["mine"]);
    const before = await dataOf(acct.id);
    await expectAppError(editKey(admin, { keyId: beyond.id, name: "x", description: "", roles: [] }), "FORBIDDEN", "keyId", 104);
    await expectAppError(deleteKey(admin, { keyId: beyond.id }), "FORBIDDEN", "keyId", 104);
    expect(await dataOf(acct.id)).toEqual(before);
    expect(await editKey(admin, { keyId: mine.id, name: "mine", description: "ok", roles: [] })).toMatchObject({ description: "ok", roles: [] });
  });

  it("the owner reaches a subuser's key but grants it nothing beyond the subuser's roles", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const support = await acct.actor("Support");
    const key = (await createKey(support, { name: "support-key", roles: ["Support"] })).key;
    expect(key.creatorRoles).toEqual(["Support"]);
    const caller = await keyCallerOf(owner);
    expect(grantableOn(caller, key)).toEqual(["Support"]);
    const before = await dataOf(acct.id);
    await expectAppError(editKey(owner, { keyId: key.id, name: "support-key", description: "", roles: ["Support", "Admin"] }), "INVALID_INPUT", "roles", 435);
    expect(await dataOf(acct.id)).toEqual(before);
    expect(await editKey(owner, { keyId: key.id, name: "renamed", description: "", roles: [] })).toMatchObject({ name: "renamed", roles: [] });
  });
});

describe("server actions", () => {
  it("createKeyAction returns the credentials once; a principal without the section is refused", async () => {
    const { createKeyAction, deleteKeyAction } = await import("@/app/(panel)/settings/service-accounts/actions");
    const acct = await createTestAccount();
    const dev = await acct.actor("Developer");
    actorRef.current = { ...dev, kind: "subuser", accountEmail: "", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date() };
    const ok = await createKeyAction({ name: "via-action", roles: ["Developer"] });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.data.credentials.private_key).toContain("BEGIN PRIVATE KEY");
    const bad = await createKeyAction({ name: "", roles: [] });
    expect(bad).toEqual({ ok: false, fieldErrors: { name: "Name is required" } });
    const payer = await acct.actor("Payer");
    actorRef.current = { ...payer, kind: "subuser", accountEmail: "", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date() };
    const before = await dataOf(acct.id);
    const refused = await createKeyAction({ name: "nope", roles: [] });
    expect(refused.ok).toBe(false);
    if (ok.ok) expect((await deleteKeyAction({ keyId: ok.data.id })).ok).toBe(false);
    expect(await dataOf(acct.id)).toEqual(before);
    actorRef.current = null;
  });
});
