// The one-way page's destination list as people paste it: one number per line, or several on a
// line separated by commas or semicolons, in international format with the usual spaces, dots,
// dashes and parentheses. Pure: the form checks it as users type and the server action parses
// the same text with the same function (checks.ts, ZA2PPanelInput), so both name the same bad lines.
import { toE164 } from "@/lib/core/phone";

export type DestinationList = {
  /** The valid destinations in E.164, in the order given, each once. */
  numbers: string[];
  /** Entries that are not phone numbers, with their 1-based line. */
  invalid: { line: number; value: string }[];
  /** Entries that repeat an earlier one (sent once). */
  duplicates: number;
};

/** Splits and checks a pasted destination list; blank entries are skipped. */
export function parseDestinations(raw: string): DestinationList {
  const numbers: string[] = [];
  const seen = new Set<string>();
  const invalid: DestinationList["invalid"] = [];
  let duplicates = 0;
  raw.split(/\r\n|\r|\n/).forEach((text, i) => {
    for (const part of text.split(/[,;]/)) {
      const value = part.trim();
      if (!value) continue;
      const e164 = toE164(value);
      if (!e164) invalid.push({ line: i + 1, value });
      else if (seen.has(e164)) duplicates += 1;
      else {
        seen.add(e164);
        numbers.push(e164);
      }
    }
  });
  return { numbers, invalid, duplicates };
}

/** The message for a list with bad entries: each by its line, the first few of them. */
export function invalidDestinationsMessage(invalid: DestinationList["invalid"], shown = 5): string {
  const listed = invalid.slice(0, shown).map((b) => `line ${b.line} “${b.value.length > 24 ? `${b.value.slice(0, 24)}…` : b.value}”`);
  const more = invalid.length > shown ? ` and ${invalid.length - shown} more` : "";
  return `Not phone numbers in international format (+ country code and number): ${listed.join(", ")}${more}`;
}
