import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ASSIGNABLE_ROLES, ROLES, SECTIONS, SECTION_IDS, can, explain, rolesGranting, sectionsFor, describeGranters, assertCan, refusalMessage, section,
} from "./matrix";
import local from "./role-matrix.json";

type RawSection = { id: string; roles: string[]; kind: string; path?: string };
const raw = local.sections as RawSection[];

describe("access matrix", () => {
  it("is the spec's table, unchanged", () => {
    const spec = path.resolve(import.meta.dirname, "../../../shared/spec/role-matrix.json");
    // The repo carries a copy so it builds on its own; when the spec is beside it, they agree.
    if (existsSync(spec)) expect(JSON.parse(readFileSync(spec, "utf8"))).toEqual(local);
    expect(raw).toHaveLength(53);
    expect(SECTION_IDS).toEqual(raw.map((s) => s.id));
    expect(ROLES).toEqual(local.roles);
    expect(ASSIGNABLE_ROLES).toEqual(local.assignable_roles);
  });

  for (const role of ROLES) {
    it(`${role}: sectionsFor and can agree with the JSON for all 53 sections`, () => {
      const expected = new Set(raw.filter((s) => s.roles.includes(role)).map((s) => s.id));
      expect(sectionsFor([role])).toEqual(expected);
      for (const s of raw) {
        expect(can({ roles: [role] }, s.id as (typeof SECTION_IDS)[number])).toBe(s.roles.includes(role));
      }
    });
  }

  it("grants the union of several roles' sections", () => {
    for (const a of ASSIGNABLE_ROLES) {
      for (const b of ASSIGNABLE_ROLES) {
        const union = new Set([...sectionsFor([a]), ...sectionsFor([b])]);
        expect(sectionsFor([a, b])).toEqual(union);
      }
    }
  });

  it("fails closed: no roles and unknown role names grant nothing", () => {
    expect(sectionsFor([]).size).toBe(0);
    expect(sectionsFor(["Root", "mainaccount", "owner"]).size).toBe(0);
    for (const id of SECTION_IDS) expect(can({ roles: [] }, id)).toBe(false);
  });

  it("keeps the seed's quirks", () => {
    expect(rolesGranting("numbers.reserved")).toEqual(["PhoneNumberManager"]);
    expect(can({ roles: ["MainAccount"] }, "numbers.reserved")).toBe(false);
    expect(can({ roles: ["Owner"] }, "subusers")).toBe(true);
    expect(can({ roles: ["Owner"] }, "subusers.create")).toBe(false);
    expect(can({ roles: ["Owner"] }, "support")).toBe(false);
    expect(can({ roles: ["UserManager"] }, "application")).toBe(false);
    expect(can({ roles: ["UserManager"] }, "application.users")).toBe(true);
    expect(can({ roles: ["CallListManager"] }, "application.call_lists")).toBe(true);
    expect(can({ roles: ["PhoneNumberManager"] }, "profile")).toBe(false);
  });

  it("titles rows without the spec's provenance marker: people read them in refusals, 403 pages and Logs", () => {
    expect(raw.filter((s) => (s as RawSection & { title: string }).title.endsWith("(ours)")).map((s) => s.id)).toEqual(["recordings.delete", "billing.verification"]);
    expect(section("recordings.delete").title).toBe("Deleting call recordings");
    expect(refusalMessage("billing.verification")).toMatch(/can use “Account verification”\.$/);
    for (const s of SECTIONS) expect(s.title, s.id).not.toMatch(/ours/);
  });

  it("explains who grants a section", () => {
    expect(explain(["Developer", "Payer"], "application.kvs")).toEqual({
      section: "application.kvs", granted: true, grantedBy: ["Developer"], wouldGrant: ["MainAccount", "Owner", "Admin", "Developer"],
    });
    expect(explain(["Payer"], "subusers").granted).toBe(false);
    expect(describeGranters("subusers")).toBe("the account owner or Owner");
    expect(describeGranters("subusers.create")).toBe("the account owner");
    expect(() => assertCan({ roles: ["Owner"] }, "subusers.create")).toThrow(/Only the account owner/);
  });

  it("has a route for every page section and a UI place for every action section", () => {
    for (const s of SECTIONS) {
      if (s.kind === "page") expect(s.path, s.id).toMatch(/^\//);
      else expect(s.ui, s.id).toBeTruthy();
    }
  });
});
