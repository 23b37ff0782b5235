// E.164 phone numbers (ITU-T E.164): "+", a country code whose first digit is not 0, and at most
// 15 digits in all. Input may carry spaces, dots, dashes and parentheses, which are dropped.
// Pure and without zod: forms validate as users type, servers with the same function (their zod
// field is lib/core/validate.ts's ZE164), and client components do not load zod for it (issue
// 11: first-load JavaScript per route).

export const E164_RE = /^\+[1-9]\d{6,14}$/;

/** The E.164 form of `input` ("+44 20 7123-4567" -> "+442071234567"), or null when it is not one. */
export function toE164(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, "");
  return E164_RE.test(compact) ? compact : null;
}
