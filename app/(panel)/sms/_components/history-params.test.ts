// The SMS histories' URL filters: days follow the one rule of lib/core/day-range.ts (Billing's and
// Logs'), and a day that is not one is dropped rather than failing the page or its export.
import { describe, expect, it } from "vitest";
import { historyQuery, parseHistoryFilters } from "./history-params";

describe("SMS history filters", () => {
  it("keeps real UTC days, and the query ends at the midnight after the last one", () => {
    const f = parseHistoryFilters({ from: "2026-02-01", to: "2026-02-28" }, "two_way");
    expect(f).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    const q = historyQuery("two_way", { q: "", dir: "desc" }, f);
    expect([q.from?.toISOString(), q.to?.toISOString()]).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });

  it("drops what is not a day of 2000-2999, as Billing's and Logs' filters refuse it", () => {
    for (const bad of ["2026-02-30", "2026-2-1", "1999-12-31", "3000-01-01", "yesterday", ""]) {
      expect(parseHistoryFilters({ from: bad, to: bad }, "a2p"), bad).toEqual({});
    }
  });
});
