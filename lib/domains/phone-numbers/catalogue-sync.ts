// Materialises the catalogue (catalogue.ts) into the PhoneNumber table: every number a region
// offers gets a row, available until an account reserves or buys it. Run at every start by
// prisma/seed.ts (no "server-only" marker: it runs under tsx) and by the test setup; idempotent,
// and safe when several app servers start at once (a number another server inserted first is
// simply skipped). Prices of numbers nobody holds follow the catalogue; held numbers keep the
// prices they were bought at.
import type { Db } from "@/lib/core/db";
import { uniqueViolationFields } from "@/lib/core/errors";
import { allRegions, numbersOfRegion } from "./catalogue";

/** Inserts the catalogue's missing numbers and refreshes available ones' prices. Returns how many rows it inserted. */
export async function syncCatalogue(db: Db): Promise<number> {
  let inserted = 0;
  for (const { country, region } of allRegions()) {
    const numbers = numbersOfRegion(country, region);
    const existing = new Set(
      (await db.phoneNumber.findMany({ where: { number: { in: numbers } }, select: { number: true } })).map((r) => r.number),
    );
    const missing = numbers.filter((n) => !existing.has(n));
    const catalogueFields = {
      countryCode: country.code,
      regionId: region.id,
      category: region.category,
      smsSupported: region.smsSupported,
      setupPriceMinor: region.setupPriceMinor,
      monthlyPriceMinor: region.monthlyPriceMinor,
    };
    if (missing.length > 0) {
      try {
        const r = await db.phoneNumber.createMany({ data: missing.map((number) => ({ number, ...catalogueFields })) });
        inserted += r.count;
      } catch (e) {
        // Another server synced this region a moment earlier: its rows are the same rows.
        if (!uniqueViolationFields(e)) throw e;
      }
    }
    await db.phoneNumber.updateMany({ where: { regionId: region.id, status: "available" }, data: catalogueFields });
  }
  return inserted;
}
