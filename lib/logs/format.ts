// Timestamps in lists render in UTC with a fixed format: server and client render the same
// text whatever the viewer's time zone, so hydration never disagrees.

/** 2026-05-01T12:34:56.789Z -> "2026-05-01 12:34:56 UTC". */
export function formatUtcDateTime(value: Date | string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
