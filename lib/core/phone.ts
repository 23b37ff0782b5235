// E.164 phone numbers (ITU-T E.164): "+", a country code whose first digit is not 0, and at most
// 15 digits in all. Input may carry spaces, dots, dashes and parentheses, which are dropped.
// Pure: forms validate as users type, servers with the same function.
import { z } from "zod";
import { issue } from "./validate";

export const E164_RE = /^\+[1-9]\d{6,14}$/;

/** The E.164 form of `input` ("+44 20 7123-4567" -> "+442071234567"), or null when it is not one. */
export function toE164(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, "");
  return E164_RE.test(compact) ? compact : null;
}

/** A phone number field: normalised to E.164, with one clear message when it is not one. */
export const ZE164 = z.string({ error: "Enter a phone number" }).transform((v, ctx) => {
  const n = toE164(v);
  if (!n) {
    issue(ctx, "Enter the number in international format: + then the country code and number, e.g. +14155550123");
    return z.NEVER;
  }
  return n;
});
