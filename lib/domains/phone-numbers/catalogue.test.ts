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

describe("formatPhoneNumber", () => {
  it("groups North American numbers 3-3-4 and others by dial code, region prefix and subscriber digits", async () => {
    const { formatPhoneNumber } = await import("./catalogue");
    expect(formatPhoneNumber("+12125550123")).toBe("+1 212 555 0123");
    expect(formatPhoneNumber("+18005550199")).toBe("+1 800 555 0199");
    const london = allRegions().find((r) => r.country.code === "GB" && r.region.name === "London")!;
    const n = numbersOfRegion(london.country, london.region)[0]!;
    const shown = formatPhoneNumber(n);
    expect(shown.startsWith(`+44 ${london.region.prefix} `)).toBe(true);
    expect(shown.replace(/ /g, "")).toBe(n);
    // Every catalogue number reads back to itself without the spaces.
    for (const { country, region } of allRegions()) {
      for (const num of numbersOfRegion(country, region).slice(0, 3)) expect(formatPhoneNumber(num).replace(/ /g, "")).toBe(num);
    }
    expect(formatPhoneNumber("+99912345")).toBe("+99912345");
  });
});
