import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { E164_RE } from "@/lib/core/phone";
import { allRegions, COUNTRIES, countryOfNumber, numbersOfRegion, pricesForDestination, regionById } from "./catalogue";
import { syncCatalogue } from "./catalogue-sync";

describe("the number catalogue", () => {
  it("has at least 12 countries, each with regions of every shape the buy page filters by", () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(12);
    const categories = new Set(allRegions().map((r) => r.region.category));
    expect([...categories].sort()).toEqual(["GEOGRAPHIC", "MOBILE", "TOLLFREE"]);
    expect(COUNTRIES.some((c) => c.verificationRequired)).toBe(true);
    expect(COUNTRIES.some((c) => !c.verificationRequired)).toBe(true);
    expect(allRegions().some((r) => r.region.smsSupported)).toBe(true);
    expect(COUNTRIES.some((c) => c.states.length > 0)).toBe(true);
  });

  it("generates each region's numbers deterministically: distinct, E.164, with the region's prefix", () => {
    const all = new Set<string>();
    for (const { country, region } of allRegions()) {
      const numbers = numbersOfRegion(country, region);
      expect(numbers).toEqual(numbersOfRegion(country, region));
      expect(numbers).toHaveLength(region.count);
      for (const n of numbers) {
        expect(n).toMatch(E164_RE);
        expect(n.startsWith(`+${country.dialCode}${region.prefix}`)).toBe(true);
        expect(n.length - 1 - country.dialCode.length).toBe(region.nationalLength);
        expect(all.has(n), n).toBe(false);
        all.add(n);
      }
    }
  });

  it("prices a destination by its country's dial code, and the rest of the world at the dearest rate", () => {
    const gb = COUNTRIES.find((c) => c.code === "GB")!;
    expect(countryOfNumber("+442071234567")?.code).toBe("GB");
    expect(pricesForDestination("+442071234567")).toEqual(gb.prices);
    const dearest = Math.max(...COUNTRIES.map((c) => c.prices.smsOutboundPerSegmentMinor));
    expect(pricesForDestination("+8613800138000").smsOutboundPerSegmentMinor).toBe(dearest);
    expect(regionById(1)?.country.code).toBe("US");
  });

  it("is materialised into the database once: a second sync inserts nothing", async () => {
    const expected = allRegions().reduce((n, r) => n + r.region.count, 0);
    expect(await syncCatalogue(db)).toBe(0);
    expect(await db.phoneNumber.count()).toBeGreaterThanOrEqual(expected);
    const sample = numbersOfRegion(allRegions()[0]!.country, allRegions()[0]!.region)[0]!;
    expect(await db.phoneNumber.findUnique({ where: { number: sample }, select: { regionId: true } })).toEqual({ regionId: allRegions()[0]!.region.id });
  });
});
