// Threat: privilege escalation between API keys (docs/management-api.md "Reach between keys"): a
// weaker key deleting, renaming, stripping or raising a stronger one, or a subuser's key touching
// the account owner's keys. The pure rule, case by case; the generated API test is
// lib/domains/service-accounts/key-reach.test.ts.
import { describe, expect, it } from "vitest";
import { ASSIGNABLE_ROLES } from "./matrix";
import { callerPrincipalRoles, grantableKeyRoles, keyAuthority, keyReachVerdict, mayReachKey, type KeyCaller } from "./key-reach";

const [OWNER, ADMIN, SUPPORT, DEVELOPER, PAYER] = ["Owner", "Admin", "Support", "Developer", "Payer"] as const;

const ownerKey = (roles: string[], keyId = "caller"): KeyCaller => ({ kind: "key", keyId, subuserId: null, roles, creatorRoles: null });
const subKey = (subuserId: number, creatorRoles: string[], roles: string[], keyId = "caller"): KeyCaller => ({ kind: "key", keyId, subuserId, roles, creatorRoles });
const target = (roles: string[], subuserId: number | null = null, id = "target") => ({ id, subuserId, roles });

describe("keyAuthority", () => {
  it("the owner's login holds every role; a subuser its own; a key its roles within its creator's", () => {
    expect(keyAuthority({ kind: "owner" })).toEqual([...ASSIGNABLE_ROLES]);
    expect(keyAuthority({ kind: "subuser", subuserId: 1, roles: [SUPPORT, "Bogus"] })).toEqual([SUPPORT]);
    expect(keyAuthority(ownerKey([SUPPORT]))).toEqual([SUPPORT]);
    expect(keyAuthority(subKey(1, [SUPPORT], [SUPPORT, ADMIN]))).toEqual([SUPPORT]);
    expect(keyAuthority(ownerKey([]))).toEqual([]);
  });

  it("an Owner key acts with all of its creator's roles, never more", () => {
    expect(keyAuthority(ownerKey([OWNER]))).toEqual([...ASSIGNABLE_ROLES]);
    expect(keyAuthority(subKey(1, [OWNER, DEVELOPER], [OWNER]))).toEqual([OWNER, DEVELOPER]);
    // A creator who lost Owner leaves its Owner key nothing of it.
    expect(keyAuthority(subKey(1, [SUPPORT], [OWNER]))).toEqual([]);
  });
});

describe("keyReachVerdict", () => {
  it("a Support key of the owner reaches the owner's keys within Support only", () => {
    const support = ownerKey([SUPPORT]);
    expect(keyReachVerdict(support, target([OWNER]))).toBe("outranks");
    expect(keyReachVerdict(support, target([SUPPORT, ADMIN]))).toBe("outranks");
    expect(keyReachVerdict(support, target([SUPPORT]))).toBe("reach");
    expect(keyReachVerdict(support, target([]))).toBe("reach");
  });

  it("an Owner key of the owner reaches every key of the owner, and no subuser's", () => {
    for (const r of ASSIGNABLE_ROLES) expect(mayReachKey(ownerKey([OWNER]), target([r, OWNER]))).toBe(true);
    expect(keyReachVerdict(ownerKey([OWNER]), target([], 4))).toBe("other_principal");
  });

  it("a subuser's key never reaches the owner's keys nor another subuser's, whatever its roles", () => {
    expect(keyReachVerdict(subKey(4, [OWNER], [OWNER]), target([PAYER]))).toBe("other_principal");
    expect(keyReachVerdict(subKey(4, [OWNER], [OWNER]), target([], 5))).toBe("other_principal");
    expect(keyReachVerdict(subKey(4, [OWNER, ADMIN], [OWNER]), target([ADMIN], 4))).toBe("reach");
    expect(keyReachVerdict(subKey(4, [OWNER, ADMIN], [ADMIN]), target([OWNER], 4))).toBe("outranks");
  });

  it("a key always reaches itself, even with no roles", () => {
    expect(keyReachVerdict(ownerKey([], "me"), target([], null, "me"))).toBe("reach");
    expect(keyReachVerdict(subKey(4, [], [ADMIN], "me"), target([ADMIN], 4, "me"))).toBe("reach");
  });

  it("panel principals: the owner's login reaches every key; a subuser its own keys within its roles", () => {
    expect(mayReachKey({ kind: "owner" }, target([OWNER], 9))).toBe(true);
    const sub: KeyCaller = { kind: "subuser", subuserId: 4, roles: [ADMIN] };
    expect(keyReachVerdict(sub, target([ADMIN], 4))).toBe("reach");
    expect(keyReachVerdict(sub, target([ADMIN, OWNER], 4))).toBe("outranks");
    expect(keyReachVerdict(sub, target([], null))).toBe("other_principal");
    expect(keyReachVerdict(sub, target([], 5))).toBe("other_principal");
  });
});

describe("grantableKeyRoles", () => {
  it("never exceeds the caller's authority nor the target's creator", () => {
    expect(grantableKeyRoles(ownerKey([SUPPORT]), null)).toEqual([SUPPORT]);
    expect(grantableKeyRoles(ownerKey([OWNER]), null)).toEqual([...ASSIGNABLE_ROLES]);
    // The account owner cannot raise a Support subuser's key beyond Support.
    expect(grantableKeyRoles({ kind: "owner" }, [SUPPORT])).toEqual([SUPPORT]);
    // An Owner subuser's key can never grant Owner to anything of the account owner's: it does not reach it, and
    // on its own keys it grants only what its creator holds.
    const c = subKey(4, [OWNER], [OWNER]);
    expect(grantableKeyRoles(c, callerPrincipalRoles(c))).toEqual([OWNER]);
    expect(grantableKeyRoles(ownerKey([]), null)).toEqual([]);
  });
});
