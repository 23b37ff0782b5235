// Dates render in UTC with a fixed format, so the server and the browser print the same text
// whatever the viewer's time zone (no hydration mismatch).

/** "2026-05-01 12:34 UTC". */
export function formatUtc(value: Date | string, withSeconds = false): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return `${d.toISOString().slice(0, withSeconds ? 19 : 16).replace("T", " ")} UTC`;
}
