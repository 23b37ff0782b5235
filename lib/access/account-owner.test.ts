// Threat: a subuser (even an Owner subuser) passing for the account owner on the owner-only pages
// of ours that are not matrix sections (/settings/child-accounts).
import { describe, expect, it } from "vitest";
import { ACCOUNT_OWNER_LABEL, isAccountOwner, OWNER_PAGES, ownerOnlyRefusal } from "./account-owner";

describe("isAccountOwner", () => {
  it("is the account owner's own login only: never a subuser, whatever its roles, nor a key", () => {
    expect(isAccountOwner({ kind: "owner" })).toBe(true);
    expect(isAccountOwner({ kind: "subuser" })).toBe(false);
    expect(isAccountOwner({ kind: "key" })).toBe(false);
  });

  it("refusals name the account owner and the page", () => {
    expect(ACCOUNT_OWNER_LABEL).toBe("the account owner");
    expect(ownerOnlyRefusal("child_accounts")).toBe(`Only the account owner can use “${OWNER_PAGES.child_accounts.title}”.`);
  });
});
