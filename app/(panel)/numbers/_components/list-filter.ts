// /numbers' list state beyond the kit's (?q=&sort=&dir=&page=&size=): the filters, read from the
// URL by the page and by the CSV export alike, so the file holds exactly the numbers on screen.
// Parsing never throws: an unknown value is no filter.
import type { RawSearchParams } from "@/components/data-table/search-params";
import type { ListAccountNumbersInput } from "@/lib/domains/phone-numbers/schemas";
import { parseRecordId } from "@/lib/core/ids";

export const NUMBER_LIST_SORTS = ["number", "countryCode", "monthlyPriceMinor", "nextRenewalAt"] as const;

/** The filter values as the URL carries them ("" when unset). */
export type NumberFilterValues = { app: string; country: string; sms: string; status: string };
export const FILTER_KEYS = ["app", "country", "sms", "status"] as const satisfies readonly (keyof NumberFilterValues)[];

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function parseNumberFilters(raw: RawSearchParams): NumberFilterValues {
  const app = first(raw.app);
  const country = first(raw.country).toUpperCase();
  const sms = first(raw.sms);
  const status = first(raw.status);
  return {
    app: app === "none" || parseRecordId(app) ? app : "",
    country: /^[A-Z]{2}$/.test(country) ? country : "",
    sms: sms === "on" || sms === "off" ? sms : "",
    status: status === "active" || status === "blocked" ? status : "",
  };
}

/**
 * The domain filter of the URL's search text and filters. The search is by digits ("+1 (212)"
 * searches 1212); text without a digit matches nothing, so `null` is returned for it.
 */
export function numbersFilterOf(q: string, f: NumberFilterValues): ListAccountNumbersInput | null {
  const digits = q.replace(/\D/g, "").slice(0, 15);
  if (q.trim() && !digits) return null;
  return {
    ...(digits ? { digits: digits } : {}),
    ...(f.app === "none" ? { attached: false } : f.app ? { applicationId: Number(f.app) } : {}),
    ...(f.country ? { countryCodes: [f.country] } : {}),
    ...(f.sms ? { smsEnabled: f.sms === "on" } : {}),
    ...(f.status ? { statuses: [f.status as "active" | "blocked"] } : {}),
  };
}
