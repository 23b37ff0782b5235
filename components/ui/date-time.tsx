import { formatRelative, formatUtc } from "@/lib/core/format";

/**
 * The panel's one date-time format for lists: relative when recent ("5 minutes ago") or in the
 * coming hour ("in 10 seconds"), the UTC date and time otherwise, and always the exact UTC time
 * (with seconds) on hover and in the machine-readable dateTime. The relative text depends on the
 * clock, so the server's and the browser's render may differ by a minute: that difference is
 * expected, not a hydration bug. `exact`: the UTC date and time always, the relative text after it
 * in brackets (a detail such as a call list's start, where the minute matters and a tooltip is
 * out of reach of touch and keyboard).
 */
export function DateTime({ value, className, exact: showExact }: { value: Date | string; className?: string; exact?: boolean }) {
  const iso = typeof value === "string" ? value : value.toISOString();
  const exact = formatUtc(iso, true);
  const relative = formatRelative(iso);
  return (
    <time dateTime={iso} title={exact} className={className ?? "whitespace-nowrap"} suppressHydrationWarning>
      {showExact ? `${formatUtc(iso)}${relative ? ` (${relative})` : ""}` : (relative ?? formatUtc(iso))}
    </time>
  );
}
