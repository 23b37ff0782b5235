// A range of UTC days as list filters carry it in a page's URL (?from=2026-03-01&to=2026-03-31,
// both days included: the Transactions tab, the Logs page). Parsing never throws: a malformed or
// inverted day is left out of the range and named in `errors`, so a hand-edited link shows a
// message next to its input rather than a 500.

import { firstParam } from "./url-params";

/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** The same day of the next month, UTC (the 31st becomes the month's last day): a monthly subscription's next renewal. */
export function addMonth(d: Date): Date {
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return next;
}

/** The last millisecond of `d`'s UTC day (23:59:59.999): "as of the end of that day". */
export function endOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + DAY_MS - 1);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-01" -> that day's first instant, UTC; null for anything else (2026-02-30 and years outside 2000-2999 included). */
export function parseUtcDay(text: string): Date | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d && y >= 2000 && y <= 2999 ? at : null;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date and time as the panel's inputs send it, read as UTC like every time the panel shows:
 * "2026-05-01T10:00" (a datetime-local input), "2026-05-01 10:00:30", "2026-05-01" (midnight).
 * A value that names its zone ("…Z", "…+02:00", a full ISO 8601 instant) keeps it. Null for
 * anything else, an impossible day or time (2026-02-30, 24:00) and years outside 2000-2999
 * included. Never the server's local time, which is what `new Date("2026-05-01T10:00")` reads.
 */
export function parseUtcDateTime(text: string): Date | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m || !parseUtcDay(m[1]!)) return null;
  const [hh, mm, ss] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59 || (m[6] && m[2] === undefined)) return null;
  const at = new Date(`${m[1]}T${m[2] ?? "00"}:${m[3] ?? "00"}:${m[4] ?? "00"}.${(m[5] ?? "0").padEnd(3, "0")}${m[6] ?? "Z"}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

export type DayRange = {
  /** The days as typed (for the form's inputs), "" when absent. */
  fromDay: string;
  toDay: string;
  /** The range for a query: `from` inclusive (the first day's midnight), `to` exclusive (the midnight after `toDay`), UTC. */
  range: { from?: Date; to?: Date };
  /** Messages for the date inputs that could not be used. */
  errors: { from?: string; to?: string };
};

/** Why `text` is not a day: not shaped YYYY-MM-DD, or shaped so but not a day of 2000-2999 (2026-02-30). */
function dayProblem(which: "start" | "end", text: string): string {
  return ISO_DAY.test(text) ? `There is no day ${text}: enter the ${which} date as YYYY-MM-DD (years 2000 to 2999)` : `Enter the ${which} date as YYYY-MM-DD`;
}

/** The day range of a URL's `from` and `to` values (see the header). */
export function parseDayRange(rawFrom: string | string[] | undefined, rawTo: string | string[] | undefined): DayRange {
  const fromDay = firstParam(rawFrom).slice(0, 10);
  const toDay = firstParam(rawTo).slice(0, 10);
  const errors: DayRange["errors"] = {};
  const from = fromDay ? parseUtcDay(fromDay) : null;
  const toStart = toDay ? parseUtcDay(toDay) : null;
  if (fromDay && !from) errors.from = dayProblem("start", fromDay);
  if (toDay && !toStart) errors.to = dayProblem("end", toDay);
  let to = toStart ? new Date(toStart.getTime() + DAY_MS) : null;
  if (from && to && to <= from) {
    errors.to = "The end date is before the start date";
    to = null;
  }
  return { fromDay, toDay, range: { ...(from ? { from } : {}), ...(to ? { to } : {}) }, errors };
}
