// The demo account (PRODUCT.md section 10): fixed so a newcomer, the README and any test can
// rely on it. Seeded once, into an empty database, unless SEED_DEMO=false.
import type { Db } from "@/lib/db";
import { ASSIGNABLE_ROLES } from "@/lib/access/matrix";
import { hashPassword } from "@/lib/login/passwords";

export const DEMO = {
  accountName: "demo",
  email: "demo@switchboard.local",
  ownerPassword: "Demo-Owner-1!",
  subuserPassword: "Demo-Subuser-1!",
  /** One subuser per assignable role, named after it in lowercase, holding only that role. */
  subusers: ASSIGNABLE_ROLES.map((role) => ({ name: role.toLowerCase(), role })),
  applications: [
    { name: "sales", users: [["alice", "Alice Archer"], ["bob", "Bob Baker"], ["carol", "Carol Chen"]] },
    { name: "support", users: [["dave", "Dave Dunn"], ["erin", "Erin Evans"]] },
  ],
  userPassword: "Demo-User-1!",
  /** Opening balance credited to the ledger, in minor units. */
  openingBalanceMinor: 100_00,
} as const;

/** Seeds the demo account if the database has no accounts. Returns whether it seeded. */
export async function seedDemo(db: Db): Promise<boolean> {
  if ((await db.account.count()) > 0) return false;
  const [ownerHash, userHash, ...subHashes] = await Promise.all([
    hashPassword(DEMO.ownerPassword),
    hashPassword(DEMO.userPassword),
    ...DEMO.subusers.map(() => hashPassword(DEMO.subuserPassword)),
  ]);
  await db.$transaction(async (tx) => {
    const account = await tx.account.create({ data: { name: DEMO.accountName, email: DEMO.email, passwordHash: ownerHash! } });
    await tx.ledgerEntry.create({ data: { accountId: account.id, amountMinor: DEMO.openingBalanceMinor, kind: "credit", memo: "Demo opening balance" } });
    for (const [i, s] of DEMO.subusers.entries()) {
      await tx.subuser.create({
        data: { accountId: account.id, name: s.name, passwordHash: subHashes[i]!, description: `Demo ${s.role}`, roles: { create: [{ role: s.role }] } },
      });
    }
    for (const app of DEMO.applications) {
      const created = await tx.application.create({ data: { accountId: account.id, name: app.name } });
      for (const [name, displayName] of app.users) {
        await tx.appUser.create({ data: { accountId: account.id, applicationId: created.id, name, displayName, passwordHash: userHash! } });
      }
    }
    await tx.auditLog.create({
      data: { accountId: account.id, actorType: "system", actorId: "seed", actorName: "seed", action: "account.seed_demo", targetType: "account", targetId: String(account.id) },
    });
  });
  return true;
}
