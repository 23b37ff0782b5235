import { describe, expect, it } from "vitest";
import type { Actor } from "./actor-types";
import { assignableGranters, authorizeAccessRequest } from "./access-requests";
import { ASSIGNABLE_ROLES, OWNER_ROLE, SECTIONS, can } from "./matrix";

const PAGES = SECTIONS.filter((s) => s.kind === "page").map((s) => s.id);

const actor = (kind: Actor["kind"], roles: Actor["roles"]): Actor => ({
  kind, accountId: 1, accountName: "a", subuserId: kind === "owner" ? null : 2, keyId: kind === "key" ? "k" : null, name: "n", roles, ip: "",
});

describe("access requests", () => {
  it("name the assignable roles that grant a section, never the owner's own login", () => {
    expect(assignableGranters("numbers.reserved")).toEqual(["PhoneNumberManager"]);
    expect(assignableGranters("subusers")).toEqual(["Owner"]);
    expect(assignableGranters("onboarding")).toEqual([]);
  });

  for (const role of ASSIGNABLE_ROLES) {
    it(`a ${role} subuser may ask for exactly the pages it lacks that some role opens`, () => {
      const sub = actor("subuser", [role]);
      for (const s of PAGES) {
        const askable = !can(sub, s) && assignableGranters(s).length > 0;
        if (askable) expect(authorizeAccessRequest(sub, s), s).toEqual(assignableGranters(s));
        else expect(() => authorizeAccessRequest(sub, s), s).toThrow();
      }
    });
  }

  it("refuses the account owner, keys and action sections", () => {
    expect(() => authorizeAccessRequest(actor("owner", [OWNER_ROLE]), "numbers.reserved")).toThrow(/no one to ask/);
    expect(() => authorizeAccessRequest(actor("key", ["Payer"]), "logs")).toThrow(/API/);
    expect(() => authorizeAccessRequest(actor("subuser", ["Payer"]), "subusers.create")).toThrow(/page/);
  });
});
