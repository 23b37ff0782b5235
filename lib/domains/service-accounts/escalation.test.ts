// Threat: privilege escalation through the API. An Owner subuser may hold an Owner key (keys
// never exceed their creator's roles), but it cannot create or edit subusers in the panel, so
// its key must not either: otherwise it could give itself an Admin subuser to log in as.
import { describe, expect, it } from "vitest";
import { createTestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot } from "@/test/api-kit";

const newSubuser = { new_subuser_name: "escalated", new_subuser_password: "Escal4te-Now!", role_name: "Admin" };

describe("keys reach no further than their creator", () => {
  it("a subuser-made Owner key gets 104 on AddSubUser and SetSubUserRoles, with nothing written", async () => {
    const account = await createTestAccount();
    const ownerSubuser = await account.actor("Owner");
    const key = await insertKey(account.id, ["Owner"], ownerSubuser.subuserId);
    const before = await snapshot(account.id);
    const add = await callAs(key, "AddSubUser", newSubuser);
    expect(add.body.error?.code).toBe(104);
    const grant = await callAs(key, "SetSubUserRoles", { subuser_id: String(ownerSubuser.subuserId), role_name: "Admin" });
    expect(grant.body.error?.code).toBe(104);
    expect(await snapshot(account.id)).toEqual(before);
    // What the Owner subuser may see in the panel, its key may read.
    const list = await callAs(key, "GetSubUsers");
    expect(list.body.error).toBeUndefined();
  });

  it("an Owner key made by the account owner may create subusers", async () => {
    const account = await createTestAccount();
    const key = await insertKey(account.id, ["Owner"], null);
    const add = await callAs(key, "AddSubUser", newSubuser);
    expect(add.body.error).toBeUndefined();
    expect(add.body.result).toMatchObject({ subuser_id: expect.any(Number) });
  });
});
