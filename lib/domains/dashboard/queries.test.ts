import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, type TestAccount } from "@/test/factories";
import { getDashboardOverview } from "./queries";

async function addApplication(accountId: number, name: string, users: number) {
  const app = await db.application.create({ data: { accountId, name } });
  for (let i = 0; i < users; i++) {
    await db.appUser.create({ data: { accountId, applicationId: app.id, name: `u${i}`, displayName: `User ${i}`, passwordHash: TEST_PASSWORD_HASH } });
  }
}

describe("getDashboardOverview", () => {
  let mine: TestAccount;
  let other: TestAccount;
  let owner: Actor;

  beforeAll(async () => {
    mine = await createTestAccount();
    other = await createTestAccount();
    owner = await mine.actor("MainAccount");
    await addApplication(mine.id, "sales", 3);
    await addApplication(mine.id, "support", 2);
    await db.subuser.create({ data: { accountId: mine.id, name: "first-sub", passwordHash: TEST_PASSWORD_HASH } });
    await db.ledgerEntry.createMany({
      data: [
        { accountId: mine.id, amountMinor: 50_00, kind: "credit" },
        { accountId: mine.id, amountMinor: -1_25, kind: "charge" },
      ],
    });
    // The other account is bigger in every way, so any leak would show.
    await addApplication(other.id, "sales", 4);
    await addApplication(other.id, "other", 1);
    await addApplication(other.id, "third", 0);
    await db.subuser.createMany({
      data: ["x-sub-one", "x-sub-two"].map((name) => ({ accountId: other.id, name, passwordHash: TEST_PASSWORD_HASH })),
    });
    await db.ledgerEntry.create({ data: { accountId: other.id, amountMinor: 1_000_00, kind: "credit" } });
  });

  it("counts the actor's own account only, with the balance as the ledger sum", async () => {
    expect(await getDashboardOverview(owner)).toEqual({ applications: 2, appUsers: 5, subusers: 1, balanceMinor: 48_75 });
    expect(await getDashboardOverview(await other.actor("MainAccount"))).toEqual({
      applications: 3, appUsers: 5, subusers: 2, balanceMinor: 1_000_00,
    });
  });

  it("is open to every principal holding the control panel, and refuses keys", async () => {
    for (const role of PRINCIPALS) {
      const actor = await mine.actor(role);
      if (can(actor, "control_panel")) {
        const o = await getDashboardOverview(actor);
        expect(o.applications, role).toBe(2);
        expect(o.balanceMinor, role).toBe(48_75);
      } else {
        await expect(getDashboardOverview(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    await expect(getDashboardOverview({ ...owner, kind: "key", keyId: "k", roles: ["Owner"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
