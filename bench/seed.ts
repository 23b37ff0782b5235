// The benchmark's seed: the demo account, exactly as `npm start` seeds it, into the throwaway
// database DATABASE_URL names. Unlike prisma/seed.ts it writes the demo service account's
// credentials beside that database, so a benchmark never overwrites data/demo-credentials.json.
import path from "node:path";
import { db } from "@/lib/core/db";
import { seedDemo } from "@/lib/domains/accounts/demo";

const credentials = process.argv[2] ?? path.join("data", "bench", "demo-credentials.json");

seedDemo(db, credentials)
  .then(async (seeded) => {
    if (!seeded) throw new Error("The benchmark database was not empty");
    await db.$disconnect();
  })
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
