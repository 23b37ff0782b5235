// What a destination costs, from the catalogue's prices, without zod: the SMS composers estimate
// as users type (issue 11: first-load JavaScript per route). The data is catalogue.json itself,
// which catalogue.ts checks with its schema when the server loads it; catalogue.ts re-exports
// these functions.
// Its types are the JSON's own, so nothing here imports catalogue.ts (which imports this).
import data from "./catalogue.json";

/** A catalogue country as catalogue.json holds it (the same shape as catalogue.ts's CatalogueCountry). */
type DestinationCountry = (typeof data.countries)[number];
type CountryPrices = DestinationCountry["prices"];

const COUNTRIES: readonly DestinationCountry[] = data.countries;

/** Prices where no catalogue country matches a destination (ours): the dearest of the catalogue. */
const REST_OF_WORLD: CountryPrices = {
  smsOutboundPerSegmentMinor: Math.max(...COUNTRIES.map((c) => c.prices.smsOutboundPerSegmentMinor)),
  smsInboundPerSegmentMinor: 0,
  callOutboundPerMinuteMinor: Math.max(...COUNTRIES.map((c) => c.prices.callOutboundPerMinuteMinor)),
  callInboundPerMinuteMinor: 0,
};

const BY_DIAL_CODE = [...COUNTRIES].sort((a, b) => b.dialCode.length - a.dialCode.length);

/**
 * The catalogue country an E.164 number dials into (the longest matching dial code; +1 reads as
 * the first +1 country, whose prices the others share), or undefined outside the catalogue.
 */
export function countryOfNumber(e164: string): DestinationCountry | undefined {
  const digits = e164.replace(/^\+/, "");
  return BY_DIAL_CODE.find((c) => digits.startsWith(c.dialCode));
}

/** The per-segment SMS and per-minute call prices of a destination, minor units of CATALOGUE_CURRENCY. */
export function pricesForDestination(e164: string): CountryPrices {
  return countryOfNumber(e164)?.prices ?? REST_OF_WORLD;
}
