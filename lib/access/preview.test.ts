// Threat: privilege escalation through the role preview. A preview must only narrow what the
// account owner's own login grants, never widen it, and only the owner's own login previews.
import { describe, expect, it } from "vitest";
import { ASSIGNABLE_ROLES, OWNER_ROLE, SECTION_IDS, can, sectionsFor } from "./matrix";
import { isAccountOwner, parsePreview, previewFor, serializePreview } from "./preview";

const owner = { kind: "owner" as const, roles: [OWNER_ROLE] };

describe("role preview", () => {
  it("parses a cookie into known assignable roles, in the matrix's order, or nothing", () => {
    expect(parsePreview("Support,Developer,Support")).toEqual({ roles: ["Developer", "Support"] });
    expect(parsePreview(serializePreview(["PhoneNumberManager", "Owner"]))).toEqual({ roles: ["Owner", "PhoneNumberManager"] });
    for (const bad of ["", undefined, null, "MainAccount", "Developer,Root", "developer", ",", "x".repeat(401)]) {
      expect(parsePreview(bad), String(bad)).toBeNull();
    }
  });

  it("applies to the account owner's own login only", () => {
    expect(previewFor({ kind: "owner" }, "Developer")).toEqual({ roles: ["Developer"] });
    expect(previewFor({ kind: "subuser" }, "Developer")).toBeNull();
    expect(previewFor({ kind: "key" }, "Developer")).toBeNull();
  });

  for (const role of ASSIGNABLE_ROLES) {
    it(`previewing ${role} grants exactly the role's sections that the owner's login also holds`, () => {
      const viewer = { ...owner, preview: { roles: [role] } };
      const expected = new Set([...sectionsFor([role])].filter((s) => sectionsFor([OWNER_ROLE]).has(s)));
      for (const id of SECTION_IDS) expect(can(viewer, id), id).toBe(expected.has(id));
    });
  }

  it("never widens: a subuser's own roles still bound what a preview shows", () => {
    const sub = { kind: "subuser", roles: ["Payer"], preview: { roles: ["Admin"] } };
    for (const id of SECTION_IDS) if (can(sub, id)) expect(can({ roles: ["Payer"] }, id)).toBe(true);
    // The one section no role of the owner's login grants stays shut under any preview.
    expect(can({ ...owner, preview: { roles: ["PhoneNumberManager"] } }, "numbers.reserved")).toBe(false);
  });

  it("an owner previewing is not the account owner acting as itself", () => {
    expect(isAccountOwner(owner)).toBe(true);
    expect(isAccountOwner({ ...owner, preview: { roles: ["Admin"] } })).toBe(false);
    expect(isAccountOwner({ kind: "subuser" })).toBe(false);
  });
});
