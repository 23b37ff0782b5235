import { describe, expect, it } from "vitest";
import { ASSIGNABLE_ROLES, sectionsFor } from "./matrix";
import {
  API_ROLE_GROUPS, API_ROLE_IDS, API_ROLES_BY_ID, apiRoleById, apiRoleByName, expandRoles, isGuiOnlyRole, isSuperKey, rolesImpliedBy,
} from "./api-roles";

describe("API roles", () => {
  it("has the contract's stable ids", () => {
    expect(API_ROLE_IDS).toEqual({
      Owner: 1, Admin: 2, Support: 3, Developer: 4, Supervisor: 5, CallListManager: 6,
      Accountant: 7, UserManager: 8, Payer: 9, PayerNoVerify: 10, PhoneNumberManager: 11,
    });
    expect(API_ROLES_BY_ID.map((r) => API_ROLE_IDS[r])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([...API_ROLES_BY_ID].sort()).toEqual([...ASSIGNABLE_ROLES].sort());
    for (const r of ASSIGNABLE_ROLES) expect(apiRoleById(API_ROLE_IDS[r])).toBe(r);
    expect(apiRoleById(0)).toBeUndefined();
    expect(apiRoleById(12)).toBeUndefined();
    expect(apiRoleByName("admin")).toBe("Admin");
    expect(apiRoleByName("MainAccount")).toBeUndefined();
  });

  it("gui_only is Payer and PayerNoVerify", () => {
    expect(ASSIGNABLE_ROLES.filter(isGuiOnlyRole)).toEqual(["Payer", "PayerNoVerify"]);
  });

  it("groups cover every role exactly once", () => {
    expect(API_ROLE_GROUPS.map((g) => [g.id, g.name])).toEqual([[1, "Management"], [2, "Development"], [3, "Operations"], [4, "Finance"]]);
    expect(API_ROLE_GROUPS.flatMap((g) => g.roles).sort()).toEqual([...ASSIGNABLE_ROLES].sort());
  });

  it("implied roles are exactly the roles whose sections are a subset", () => {
    for (const a of ASSIGNABLE_ROLES) {
      const mine = sectionsFor([a]);
      for (const b of ASSIGNABLE_ROLES) {
        if (a === b) continue;
        const subset = [...sectionsFor([b])].every((s) => mine.has(s));
        expect(rolesImpliedBy(a).includes(b), `${a} implies ${b}`).toBe(subset);
      }
    }
    expect(rolesImpliedBy("Admin")).toContain("Support");
    expect(rolesImpliedBy("Owner")).not.toContain("Support");
  });

  it("expandRoles lists implied, unheld roles with the held roles implying them", () => {
    const x = expandRoles(["Admin", "Developer"]);
    expect(x.find((e) => e.role === "Support")?.impliedBy).toEqual(["Admin"]);
    expect(x.find((e) => e.role === "CallListManager")?.impliedBy).toEqual(["Admin", "Developer"]);
    expect(x.some((e) => e.role === "Admin" || e.role === "Developer")).toBe(false);
    expect(expandRoles([])).toEqual([]);
  });

  it("only the Owner role makes a super key", () => {
    expect(ASSIGNABLE_ROLES.filter((r) => isSuperKey({ roles: [r] }))).toEqual(["Owner"]);
    expect(isSuperKey({ roles: [] })).toBe(false);
  });
});
