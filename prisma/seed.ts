// Every start (npm start runs this, after the migrations, before the server starts): checks the
// database, brings the number catalogue into it, then seeds the demo account on an empty database
// and prints its credentials.
import { db, dbKind } from "@/lib/core/db";
import { assertCollation } from "@/lib/core/db-check";
import { existsSync } from "node:fs";
import { env } from "@/lib/core/env";
import { DEMO, seedDemo } from "@/lib/domains/accounts/demo";
import { syncCatalogue } from "@/lib/domains/phone-numbers/catalogue-sync";
import { seedDemoCalls } from "@/lib/domains/calls/demo";

async function main() {
  // Validates every variable before the server starts: a bad PORT fails here, naming it.
  const config = env();
  // prisma.config.ts refused a non-C PostgreSQL database before migrating; this covers a
  // database migrated some other way, before the server starts on it.
  if (dbKind() === "postgres") await assertCollation((sql) => db.$queryRawUnsafe(sql));
  const added = await syncCatalogue(db);
  if (added > 0) console.log(`Number catalogue: ${added} numbers added.`);
  if (!config.SEED_DEMO) return;
  // Test and bench databases keep their demo key beside them, never over the real demo's file.
  const credentialsPath = config.DEMO_CREDENTIALS_PATH;
  const seeded = await seedDemo(db, credentialsPath);
  // A few past calls made by the call simulator, so the call history is not empty.
  if (seeded) await seedDemoCalls(DEMO.accountName, DEMO.callerId);
  const demo = await db.account.findUnique({ where: { name: DEMO.accountName }, select: { id: true } });
  if (!demo) return;
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  console.log(
    [
      seeded ? "Seeded the demo account." : "Demo account present.",
      `  Owner:     ${base}/login  as  ${DEMO.accountName} (or ${DEMO.email})  /  ${DEMO.ownerPassword}`,
      `  Subusers:  ${base}/login/subuser/${demo.id}  as  ${DEMO.subusers.map((s) => s.name).join(", ")}  /  ${DEMO.subuserPassword}`,
      existsSync(credentialsPath)
        ? `  API:       service account ${DEMO.serviceAccount.name} (${DEMO.serviceAccount.roles.join(", ")}): credentials in ${credentialsPath}, for ${base}/platform_api`
        : `  API:       service account ${DEMO.serviceAccount.name}: its credentials file ${credentialsPath} is gone; create a new service account in the panel`,
    ].join("\n"),
  );
}

main()
  .then(() => db.$disconnect())
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
