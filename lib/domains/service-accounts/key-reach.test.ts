// Threat: privilege escalation between API keys (docs/management-api.md "Reach between keys",
// docs/SECURITY.md "Key reach"): a weaker key deleting, renaming, stripping or listing a stronger
// one, or a subuser's key raising a key of the account owner and then acting through it. First the
// findings of issue 7 as they were observed, then a generated test: every key-management method
// x pairs of keys with different role sets and creators, checked against the rule as restated
// here (independently of lib/access/key-reach.ts): reach only when it allows, nothing written
// otherwise.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { API_ROLE_IDS } from "@/lib/access/api-roles";
import { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/access/matrix";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";
import { callAs, insertKey, snapshot, type Params, type TestKey } from "@/test/api-kit";

async function expectRefused(caller: TestKey, method: string, params: Params) {
  const before = await snapshot(caller.accountId);
  const { body } = await callAs(caller, method, params);
  expect(body.error?.code, `${method} ${JSON.stringify(params)} -> ${JSON.stringify(body)}`).toBe(104);
  expect(await snapshot(caller.accountId)).toEqual(before);
}

const rolesOf = async (keyId: string) => (await db.apiKeyRole.findMany({ where: { keyId } })).map((r) => r.role).sort();

describe("key reach: a key never acts on a key more powerful than itself (issue 7 findings)", () => {
  it("a Support key made by the account owner cannot delete the owner's Owner key, which keeps working", async () => {
    const acct = await createTestAccount();
    const ownerKey = await insertKey(acct.id, ["Owner"], null, "the-owner-key");
    const support = await insertKey(acct.id, ["Support"], null, "support-key");
    await expectRefused(support, "DeleteKey", { key_id: ownerKey.id });
    expect((await callAs(ownerKey, "GetSubUsers")).body.error).toBeUndefined();
  });

  it("the same Support key cannot rename the Owner key, strip its Owner role, read its roles, or list it", async () => {
    const acct = await createTestAccount();
    const ownerKey = await insertKey(acct.id, ["Owner"], null, "the-owner-key");
    const support = await insertKey(acct.id, ["Support"], null, "support-key");
    await expectRefused(support, "UpdateKey", { key_id: ownerKey.id, description: "mine now", key_name: "renamed" });
    await expectRefused(support, "RemoveKeyRoles", { key_id: ownerKey.id, role_name: "Owner" });
    await expectRefused(support, "GetKeyRoles", { key_id: ownerKey.id });
    expect(await rolesOf(ownerKey.id)).toEqual(["Owner"]);
    const listed = (await callAs(support, "GetKeys", { count: "1000" })).body;
    expect((listed.result as { key_id: string }[]).map((k) => k.key_id)).toEqual([support.id]);
    expect(listed.total_count).toBe(1);
    expect((await callAs(support, "GetKeys", { key_id: ownerKey.id })).body).toMatchObject({ result: [], total_count: 0 });
  });

  it("an Owner subuser's key cannot raise the owner's Payer key to Owner, so AddSubUser stays out of its reach", async () => {
    const acct = await createTestAccount();
    const ownerSub = await db.subuser.create({
      data: { accountId: acct.id, name: "owner-sub", passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role: "Owner" }] } },
    });
    const raiser = await insertKey(acct.id, ["Owner"], ownerSub.id, "raiser");
    const payer = await insertKey(acct.id, ["Payer"], null, "payer-key");
    await expectRefused(raiser, "SetKeyRoles", { key_id: payer.id, role_name: "Owner" });
    expect(await rolesOf(payer.id)).toEqual(["Payer"]);
    const before = await snapshot(acct.id);
    const add = await callAs(payer, "AddSubUser", { new_subuser_name: "escalated", new_subuser_password: "Escal4te-Now!", role_name: "Admin;Owner" });
    expect(add.body.error?.code).toBe(104);
    expect(await snapshot(acct.id)).toEqual(before);
    // Its own reach is unchanged: it can still not call AddSubUser itself either.
    await expectRefused(raiser, "AddSubUser", { new_subuser_name: "escalated", new_subuser_password: "Escal4te-Now!", role_name: "Admin" });
  });
});

// The generated test. Principals: the account owner and three subusers; keys of each with
// different role sets (none, one, several, the Owner super role).
type Principal = { label: string; roles: AssignableRole[] | null };
const PRINCIPALS: Principal[] = [
  { label: "owner", roles: null },
  { label: "owner-subuser", roles: ["Owner"] },
  { label: "admin-support-subuser", roles: ["Admin", "Support"] },
  { label: "support-subuser", roles: ["Support"] },
];
const KEYS: { principal: string; roles: AssignableRole[] }[] = [
  { principal: "owner", roles: ["Owner"] },
  { principal: "owner", roles: ["Admin"] },
  { principal: "owner", roles: ["Support"] },
  { principal: "owner", roles: ["Admin", "Support"] },
  { principal: "owner", roles: ["Payer"] },
  { principal: "owner", roles: [] },
  { principal: "owner-subuser", roles: ["Owner"] },
  { principal: "owner-subuser", roles: [] },
  { principal: "admin-support-subuser", roles: ["Admin"] },
  { principal: "admin-support-subuser", roles: ["Admin", "Support"] },
  { principal: "admin-support-subuser", roles: ["Support"] },
  { principal: "support-subuser", roles: ["Support"] },
];
const label = (k: { principal: string; roles: AssignableRole[] }) => `${k.principal}[${k.roles.join("+") || "none"}]`;

/** The rule, restated: a key's authority is its roles (within its creator's); an Owner key's, all its creator's roles. */
function authority(k: { principal: string; roles: AssignableRole[] }): AssignableRole[] {
  const creator = PRINCIPALS.find((p) => p.label === k.principal)!.roles ?? [...ASSIGNABLE_ROLES];
  const held = k.roles.filter((r) => creator.includes(r));
  return held.includes("Owner") ? creator : held;
}
function reaches(caller: (typeof KEYS)[number], target: (typeof KEYS)[number]): boolean {
  if (caller === target) return true;
  return caller.principal === target.principal && target.roles.every((r) => authority(caller).includes(r));
}

type World = { accountId: number; keys: Map<(typeof KEYS)[number], TestKey> };

async function world(): Promise<World> {
  const acct = await createTestAccount();
  const subuserIds = new Map<string, number | null>([["owner", null]]);
  for (const p of PRINCIPALS.filter((x) => x.roles)) {
    const sub = await db.subuser.create({
      data: { accountId: acct.id, name: p.label.slice(0, 20), passwordHash: TEST_PASSWORD_HASH, roles: { create: p.roles!.map((role) => ({ role })) } },
    });
    subuserIds.set(p.label, sub.id);
  }
  const keys = new Map<(typeof KEYS)[number], TestKey>();
  for (const k of KEYS) keys.set(k, await insertKey(acct.id, k.roles, subuserIds.get(k.principal)!, label(k)));
  return { accountId: acct.id, keys };
}

const roleIds = (roles: readonly AssignableRole[]) => roles.map((r) => String(API_ROLE_IDS[r])).join(";");

type Case = {
  /** The call on `target` (CreateKey: a new key with the target's role set). */
  params: (target: TestKey, t: (typeof KEYS)[number], c: (typeof KEYS)[number]) => Params;
  /** The expected outcome when the rule allows it: "ok", or an error code. */
  allowed: (t: (typeof KEYS)[number], c: (typeof KEYS)[number]) => "ok" | number;
  /** When the rule refuses: 104 with nothing written, or (GetKeys) an empty list. */
  refused: "104" | "empty";
  /** After an allowed call: what must have been written. */
  check?: (w: World, target: TestKey, t: (typeof KEYS)[number]) => Promise<void>;
  /** Whether the rule applies to the target key (false: CreateKey, where only the caller's grant counts). */
  onTarget: boolean;
};

const CASES: Record<string, Case> = {
  GetKeys: {
    onTarget: true,
    refused: "empty",
    params: (k) => ({ key_id: k.id, with_roles: "true" }),
    allowed: () => "ok",
  },
  GetKeyRoles: { onTarget: true, refused: "104", params: (k) => ({ key_id: k.id }), allowed: () => "ok" },
  UpdateKey: {
    onTarget: true,
    refused: "104",
    params: (k) => ({ key_id: k.id, description: "touched", key_name: "touched" }),
    allowed: () => "ok",
    check: async (_w, k) => expect(await db.apiKey.findUniqueOrThrow({ where: { id: k.id } })).toMatchObject({ name: "touched", description: "touched" }),
  },
  DeleteKey: {
    onTarget: true,
    refused: "104",
    params: (k) => ({ key_id: k.id }),
    allowed: () => "ok",
    check: async (_w, k) => expect(await db.apiKey.findUnique({ where: { id: k.id } })).toBeNull(),
  },
  RemoveKeyRoles: {
    onTarget: true,
    refused: "104",
    params: (k, t) => ({ key_id: k.id, role_id: roleIds(t.roles.length ? [t.roles[0]!] : ["Admin"]) }),
    allowed: () => "ok",
    check: async (_w, k, t) => expect(await rolesOf(k.id)).toEqual(t.roles.slice(1).sort()),
  },
  SetKeyRoles: {
    onTarget: true,
    refused: "104",
    // Raise the target to Owner: allowed only when the caller's authority holds Owner (and so the target's creator does).
    params: (k) => ({ key_id: k.id, role_name: "Owner" }),
    allowed: (_t, c) => (authority(c).includes("Owner") ? "ok" : 435),
    check: async (_w, k) => expect(await rolesOf(k.id)).toContain("Owner"),
  },
  CreateKey: {
    onTarget: false,
    refused: "104",
    params: (_k, t) => ({ key_name: "made", ...(t.roles.length ? { role_id: roleIds(t.roles) } : {}) }),
    allowed: (t, c) => (c.roles.length === 0 ? 104 : t.roles.every((r) => authority(c).includes(r)) ? "ok" : 435),
  },
};

describe("generated: every key-management method x pairs of keys (role sets x creators)", () => {
  for (const [method, c] of Object.entries(CASES)) {
    for (const caller of KEYS) {
      it(`${method} by ${label(caller)}`, async () => {
        const w = await world();
        const me = w.keys.get(caller)!;
        // The caller itself last: deleting or changing it would change the other pairs.
        const targets = [...KEYS.filter((k) => k !== caller), caller];
        // CreateKey reads only the target's role set: each set once (a key pair is made per call).
        const sets = new Set<string>();
        for (const target of targets) {
          const set = target.roles.join("+");
          if (!c.onTarget && sets.has(set)) continue;
          sets.add(set);
          const key = w.keys.get(target)!;
          const allowed = !c.onTarget || reaches(caller, target);
          const expected = allowed ? c.allowed(target, caller) : c.refused;
          const before = await snapshot(w.accountId);
          const { body } = await callAs(me, method, c.params(key, target, caller));
          const what = `${method} by ${label(caller)} on ${label(target)}: ${JSON.stringify(body)}`;
          if (expected === "ok") {
            expect(body.error, what).toBeUndefined();
            if (method === "GetKeys") expect((body.result as { key_id: string }[]).map((k) => k.key_id), what).toEqual([key.id]);
            await c.check?.(w, key, target);
          } else if (expected === "empty") {
            expect(body, what).toMatchObject({ result: [], count: 0, total_count: 0 });
          } else {
            expect(body.error?.code, what).toBe(Number(expected));
            expect(await snapshot(w.accountId), what).toEqual(before);
          }
        }
      });
    }
  }
});
