// Dates render in UTC with a fixed format, so the server and the browser print the same text
// whatever the viewer's time zone. Lists show recent and imminent moments relatively ("5 min ago",
// "in 10 seconds") with the exact UTC time on hover (components/ui/date-time.tsx), others as the
// UTC date and time.

/** "2026-05-01 12:34 UTC". */
export function formatUtc(value: Date | string, withSeconds = false): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return `${d.toISOString().slice(0, withSeconds ? 19 : 16).replace("T", " ")} UTC`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back a moment is "recent" and shown relatively. */
export const RECENT_MS = 7 * DAY;

/**
 * A count with its noun: "1 number", "2 numbers", "1,204 calls" (thousands grouped, en-US).
 * `many` for nouns whose plural is not the singular + "s" ("SMS", "tickets have").
 */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago" for a moment in the last
 * seven days (as of `now`); "in 10 seconds", "in 5 minutes" for one in the coming hour (a running
 * call's planned end); null for anything older or further ahead, which lists show as formatUtc
 * instead (a renewal or an expiry matters as a date).
 */
export function formatRelative(value: Date | string, now: Date = new Date()): string | null {
  const d = typeof value === "string" ? new Date(value) : value;
  const ago = now.getTime() - d.getTime();
  if (Number.isNaN(ago) || ago <= -HOUR || ago >= RECENT_MS) return null;
  // Less than a second ahead is clock skew (the row stamped by another clock), not a countdown.
  if (ago <= -1000) {
    const seconds = Math.ceil(-ago / 1000);
    return seconds < 60 ? `in ${countOf(seconds, "second")}` : `in ${countOf(Math.max(1, Math.floor(-ago / MINUTE)), "minute")}`;
  }
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) return `${countOf(Math.floor(ago / MINUTE), "minute")} ago`;
  if (ago < DAY) return `${countOf(Math.floor(ago / HOUR), "hour")} ago`;
  if (ago < 2 * DAY) return "yesterday";
  return `${countOf(Math.floor(ago / DAY), "day")} ago`;
}
