// The child account roles of seed 004, as the one function every feature asks (childAccountMay):
// Administrator keeps everything; Developer cannot manage sub-accounts, read the organisation's
// data or use caller IDs; ProvisioningAgent cannot manage sub-accounts, read SMS text or delete
// recordings. Threat: a restricted child doing through one feature what its role forbids.
import { describe, expect, it } from "vitest";
import { CHILD_ACCOUNT_ROLES, childAccountMay, keyMayActOnChild, type ChildAccountCapability } from "./child-account-roles";

const CAPABILITIES: ChildAccountCapability[] = ["manage_child_accounts", "read_organisation_data", "caller_ids", "read_sms_text", "delete_recordings"];

describe("childAccountMay (seed 004)", () => {
  it("denies exactly what the seed says for each role", () => {
    const denied = Object.fromEntries(CHILD_ACCOUNT_ROLES.map((r) => [r, CAPABILITIES.filter((c) => !childAccountMay(r, c))]));
    expect(denied).toEqual({
      Administrator: [],
      Developer: ["manage_child_accounts", "read_organisation_data", "caller_ids"],
      ProvisioningAgent: ["manage_child_accounts", "read_sms_text", "delete_recordings"],
    });
  });

  it("a top-level account (no child role) keeps everything; an unknown stored role grants nothing", () => {
    for (const c of CAPABILITIES) {
      expect(childAccountMay(null, c)).toBe(true);
      expect(childAccountMay("Superuser", c)).toBe(false);
    }
  });
});

describe("keyMayActOnChild", () => {
  it("only keys the account owner created act on a child account", () => {
    expect(keyMayActOnChild({ subuserId: null })).toBe(true);
    expect(keyMayActOnChild({ subuserId: 3 })).toBe(false);
  });
});
