// Threat: privilege escalation through the API. An Owner subuser cannot create or edit subusers
// in the panel; it must not be able to mint an Owner key and do it through AddSubUser instead.
import { describe, expect, it } from "vitest";
import { authorize, isOwnerOnly } from "./authorize";
import { API_METHODS, keyMayCall, needsOwnerReach } from "./api-methods";
import { SECTION_IDS } from "./matrix";
import type { Actor } from "./actor-types";

const key = (roles: Actor["roles"], subuserId: number | null): Actor => ({
  kind: "key", accountId: 1, accountName: "a", subuserId, keyId: "k", name: "k", roles, ip: "",
});

describe("authorize", () => {
  it("owner-only sections are exactly those no assignable role grants", () => {
    expect(SECTION_IDS.filter(isOwnerOnly).sort()).toEqual(
      ["api_keys", "marketplace", "onboarding", "subusers.create", "subusers.edit", "support.tickets", "webhooks"].sort(),
    );
  });

  it("lets an owner-made Owner key create subusers, but not a subuser-made one", () => {
    expect(() => authorize(key(["Owner"], null), { section: "subusers.create", method: "AddSubUser" })).not.toThrow();
    expect(() => authorize(key(["Owner"], 7), { section: "subusers.create", method: "AddSubUser" })).toThrow(/account owner/);
    expect(() => authorize(key(["Owner"], 7), { section: "subusers.edit", method: "SetSubUserRoles" })).toThrow();
    // Sections subusers also hold stay open to their keys.
    expect(() => authorize(key(["Owner"], 7), { section: "subusers", method: "GetSubUsers" })).not.toThrow();
    expect(() => authorize(key(["Admin"], 7), { section: "applications", method: "AddApplication" })).not.toThrow();
  });

  it("owner-only reach is exactly the methods of docs/management-api.md: subuser changes and every child-account method", () => {
    expect(API_METHODS.filter(needsOwnerReach).sort()).toEqual(
      ["AddSubUser", "DelSubUser", "SetSubUserInfo", "SetSubUserRoles", "RemoveSubUserRoles", "AddAccount", "GetChildrenAccounts", "SetChildAccountInfo"].sort(),
    );
    // Whatever its roles, a subuser's key calls none of them; the owner's key by its roles.
    for (const m of API_METHODS.filter(needsOwnerReach)) {
      expect(keyMayCall({ roles: ["Owner", "Admin"], subuserId: 7 }, m), m).toBe(false);
      expect(keyMayCall({ roles: ["Owner", "Admin"], subuserId: null }, m), m).toBe(true);
    }
    expect(keyMayCall({ roles: ["Owner"], subuserId: 7 }, "GetSubUsers")).toBe(true);
    expect(() => authorize(key(["Admin"], 7), { section: "applications", method: "AddAccount" })).toThrow(/account owner/);
  });

  it("refuses a key whose roles do not allow the method, and panel-only rules", () => {
    expect(() => authorize(key(["Admin"], null), { section: "subusers.create", method: "AddSubUser" })).toThrow();
    expect(() => authorize(key(["Owner"], null), { section: "subusers.edit" })).toThrow(/Not available/);
  });

  it("checks panel actors against the matrix", () => {
    const panel: Actor = { kind: "subuser", accountId: 1, accountName: "a", subuserId: 2, keyId: null, name: "s", roles: ["Owner"], ip: "" };
    expect(() => authorize(panel, { section: "subusers" })).not.toThrow();
    expect(() => authorize(panel, { section: "subusers.create" })).toThrow(/Only the account owner/);
  });
});
