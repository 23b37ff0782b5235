// The benchmark's seed: the number catalogue and the demo account, exactly as `npm start` seeds
// them (prisma/seed.ts), into the throwaway database DATABASE_URL names. Unlike prisma/seed.ts it
// writes the demo service account's credentials beside that database, so a benchmark never
// overwrites data/demo-credentials.json.
import path from "node:path";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { seedDemo } from "@/lib/domains/accounts/demo";
import { syncCatalogue } from "@/lib/domains/phone-numbers/catalogue-sync";

const credentials = process.argv[2] ?? path.join("data", "bench", "demo-credentials.json");

// SQLite-only, like the rest of bench/: it seeds the throwaway file bench/lib.mjs made.
if (!env().DATABASE_URL.startsWith("file:")) {
  console.error(`bench/seed.ts seeds the benchmark's throwaway SQLite file only (the benchmarks are SQLite-only), not ${env().DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@")}`);
  process.exit(2);
}

syncCatalogue(db)
  .then(() => seedDemo(db, credentials))
  .then(async (seeded) => {
    if (!seeded) throw new Error("The benchmark database was not empty");
    await db.$disconnect();
  })
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
