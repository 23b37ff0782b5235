// The simulated carrier's catalogue (ours; no telephone network is reached, docs/PRODUCT.md
// section 7): countries with their regions, number categories, setup and monthly prices, SMS
// capability, per-segment SMS and per-minute call prices, and whether buying there needs a
// verified account. Read once from catalogue.json and checked at load. The numbers of a region
// are generated from its prefix, deterministically, so every installation offers the same ones;
// lib/domains/phone-numbers/mutations.ts materialises them into the PhoneNumber table. Pure.
import { z } from "zod";
import data from "./catalogue.json";
import { countryOfNumber, pricesForDestination } from "./destination-prices";

export const NUMBER_CATEGORIES = ["GEOGRAPHIC", "MOBILE", "TOLLFREE"] as const;
export type NumberCategory = (typeof NUMBER_CATEGORIES)[number];

const ZRegion = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  state: z.string().nullable(),
  category: z.enum(NUMBER_CATEGORIES),
  /** National digits every number of the region starts with (after the country's dial code). */
  prefix: z.string().regex(/^\d+$/),
  /** Digits after the dial code, prefix included. */
  nationalLength: z.number().int().min(6).max(13),
  setupPriceMinor: z.number().int().min(0),
  monthlyPriceMinor: z.number().int().min(0),
  smsSupported: z.boolean(),
  /** How many numbers the region offers. */
  count: z.number().int().min(1).max(10_000),
});

const ZCountry = z.object({
  /** ISO 3166-1 alpha-2. */
  code: z.string().regex(/^[A-Z]{2}$/),
  name: z.string().min(1),
  dialCode: z.string().regex(/^[1-9]\d{0,3}$/),
  verificationRequired: z.boolean(),
  prices: z.object({
    smsOutboundPerSegmentMinor: z.number().int().min(0),
    smsInboundPerSegmentMinor: z.number().int().min(0),
    callOutboundPerMinuteMinor: z.number().int().min(0),
    callInboundPerMinuteMinor: z.number().int().min(0),
  }),
  states: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })),
  regions: z.array(ZRegion).min(1),
});

const ZCatalogue = z.object({ note: z.string(), currency: z.string().length(3), countries: z.array(ZCountry).min(12) });

export type CatalogueRegion = z.output<typeof ZRegion>;
export type CatalogueCountry = z.output<typeof ZCountry>;
export type CountryPrices = CatalogueCountry["prices"];

const catalogue = ZCatalogue.parse(data);

/** The catalogue's currency: every price in it is in minor units of this currency. */
export const CATALOGUE_CURRENCY = catalogue.currency;
export const COUNTRIES: readonly CatalogueCountry[] = catalogue.countries;

const COUNTRY_BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));
const REGIONS = COUNTRIES.flatMap((country) => country.regions.map((region) => ({ country, region })));
const REGION_BY_ID = new Map(REGIONS.map((r) => [r.region.id, r]));
if (REGION_BY_ID.size !== REGIONS.length) throw new Error("catalogue.json: region ids must be unique");

export function countryByCode(code: string): CatalogueCountry | undefined {
  return COUNTRY_BY_CODE.get(code.toUpperCase());
}

export function regionById(id: number): { country: CatalogueCountry; region: CatalogueRegion } | undefined {
  return REGION_BY_ID.get(id);
}

/** Every region, with its country, in catalogue order. */
export function allRegions(): readonly { country: CatalogueCountry; region: CatalogueRegion }[] {
  return REGIONS;
}

// A destination's country and prices: in a module of their own, without zod, for the SMS composers.
export { countryOfNumber, pricesForDestination };

/** A 32-bit FNV-1a hash: spreads the generated numbers' digits without a random source. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The numbers a region offers, in E.164 ("+" dial code, prefix, subscriber digits), always the
 * same `count` numbers for the same catalogue. North American regions use the fictional 555
 * exchange; elsewhere the first subscriber digit is 2-9.
 */
export function numbersOfRegion(country: CatalogueCountry, region: CatalogueRegion): string[] {
  const nanp = country.dialCode === "1" && region.category !== "TOLLFREE";
  const fixed = nanp ? `${region.prefix}555` : region.prefix;
  const free = region.nationalLength - fixed.length;
  if (free < 3) throw new Error(`catalogue.json: region ${region.id} leaves fewer than 3 free digits`);
  const out = new Set<string>();
  for (let i = 0; out.size < region.count; i++) {
    let digits = "";
    for (let chunk = 0; digits.length < free; chunk++) digits += String(fnv1a(`${region.id}:${i}:${chunk}`)).padStart(10, "0");
    digits = digits.slice(0, free);
    if (!nanp) digits = String(2 + (Number(digits[0]) % 8)) + digits.slice(1);
    out.add(`+${country.dialCode}${fixed}${digits}`);
    if (i > region.count * 20) throw new Error(`catalogue.json: region ${region.id} cannot yield ${region.count} distinct numbers`);
  }
  return [...out];
}

/** How the panel names a category. */
export const CATEGORY_LABELS: Record<NumberCategory, string> = { GEOGRAPHIC: "Geographic", MOBILE: "Mobile", TOLLFREE: "Toll-free" };

/** Splits national digits into groups a person reads: 3s, with the last group 4 where it fits. */
function groupDigits(digits: string): string[] {
  const out: string[] = [];
  let rest = digits;
  while (rest.length > 4) {
    const take = rest.length === 8 ? 4 : 3;
    out.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * An E.164 number as a person reads it: "+1 212 555 0123" in North America, elsewhere the dial
 * code, the catalogue region's prefix (the area or mobile code) and the subscriber digits in
 * groups: "+44 20 7946 0321". A number outside the catalogue's countries is returned as given.
 * Display only: every comparison, search and export uses the E.164 form.
 */
export function formatPhoneNumber(e164: string): string {
  const country = countryOfNumber(e164);
  if (!country || !/^\+\d+$/.test(e164)) return e164;
  const national = e164.slice(1 + country.dialCode.length);
  if (country.dialCode === "1" && national.length === 10) return `+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  const prefix = country.regions
    .map((r) => r.prefix)
    .filter((p) => national.startsWith(p) && p.length < national.length)
    .sort((a, b) => b.length - a.length)[0];
  const head = prefix ?? "";
  return [`+${country.dialCode}`, head, ...groupDigits(national.slice(head.length))].filter(Boolean).join(" ");
}
