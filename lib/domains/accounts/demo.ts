// The demo account (docs/PRODUCT.md section 10): fixed so a newcomer, the README and any test can
// rely on it. Seeded once, into an empty database, unless SEED_DEMO=false.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/core/db";
import { audit } from "@/lib/core/audit";
import { lockSeed } from "@/lib/core/locks";
import { env } from "@/lib/core/env";
import { ASSIGNABLE_ROLES } from "@/lib/access/matrix";
import { DEMO_SERVICE_ACCOUNT_ROLES } from "@/lib/access/api-roles";
import { hashPassword } from "@/lib/auth/passwords";
import { generateKeyPair } from "@/lib/domains/service-accounts/key-pair";

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
  /** A service account for the Management API; its credentials.json is written once, on first seed. */
  serviceAccount: { name: "demo-owner", roles: DEMO_SERVICE_ACCOUNT_ROLES },
} as const;

/**
 * Seeds the demo account if the database has no accounts, and writes the demo service account's
 * credentials.json (mode 600) to `credentialsPath` (DEMO_CREDENTIALS_PATH, default data/demo-credentials.json: the
 * only copy of its private key). Returns whether it seeded.
 */
export async function seedDemo(db: Db, credentialsPath: string = env().DEMO_CREDENTIALS_PATH): Promise<boolean> {
  if ((await db.account.count()) > 0) return false;
  const [ownerHash, userHash, keyPair, ...subHashes] = await Promise.all([
    hashPassword(DEMO.ownerPassword),
    hashPassword(DEMO.userPassword),
    generateKeyPair(),
    ...DEMO.subusers.map(() => hashPassword(DEMO.subuserPassword)),
  ]);
  const keyId = randomUUID();
  const accountId = await db.$transaction(async (tx) => {
    // Several app servers may start on one empty database at once: one seeds, the others find it done.
    await lockSeed(tx);
    if ((await tx.account.count()) > 0) return null;
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
    const sa = DEMO.serviceAccount;
    await tx.apiKey.create({
      data: {
        id: keyId,
        accountId: account.id,
        name: sa.name,
        description: `Demo service account (${sa.roles.join(", ")}); credentials in ${credentialsPath}`,
        publicKeyPem: keyPair.publicKeyPem,
        roles: { create: sa.roles.map((role) => ({ role })) },
      },
    });
    await audit(tx, { accountId: account.id, actorType: "system", actorId: "seed", actorName: "seed", ip: "" }, {
      action: "account.seed_demo",
      targetType: "account",
      targetId: account.id,
    });
    return account.id;
  });
  if (accountId === null) return false;
  // After the commit: the file must never name a key that does not exist. If writing fails the
  // key is merely unusable (the owner can create another), so say so and carry on.
  const credentials = { account_email: DEMO.email, account_id: accountId, key_id: keyId, private_key: keyPair.privateKeyPem };
  try {
    const file = path.resolve(credentialsPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(credentials, null, 2) + "\n", { mode: 0o600 });
    await chmod(file, 0o600);
  } catch (e) {
    console.error(`Could not write the demo service account's credentials to ${credentialsPath}:`, e);
  }
  return true;
}
