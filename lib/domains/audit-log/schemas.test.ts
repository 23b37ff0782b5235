import { describe, expect, it } from "vitest";
import { auditLogFilterSearch, parseAuditLogFilterParams } from "./schemas";

describe("the Logs filters in the URL", () => {
  it("reads an inclusive UTC day range, an outcome and a kind", () => {
    expect(parseAuditLogFilterParams({ from: "2026-03-01", to: "2026-03-31", outcome: "denied", kind: "changes" })).toEqual({
      fromDay: "2026-03-01",
      toDay: "2026-03-31",
      outcome: "denied",
      kind: "changes",
      errors: {},
      filter: { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z"), outcome: "denied", kind: "changes" },
    });
    expect(parseAuditLogFilterParams({})).toEqual({ fromDay: "", toDay: "", errors: {}, filter: {} });
  });

  it("drops unknown values and names a bad day, never throws", () => {
    expect(parseAuditLogFilterParams({ outcome: "maybe", kind: ["everything"], from: "2026-02-30" })).toEqual({
      fromDay: "2026-02-30",
      toDay: "",
      errors: { from: "There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999)" },
      filter: {},
    });
    expect(parseAuditLogFilterParams({ outcome: ["failed", "ok"], kind: " access " }).filter).toEqual({ outcome: "failed", kind: "access" });
  });

  it("auditLogFilterSearch is its inverse, leaving out a day the page could not use", () => {
    const parsed = parseAuditLogFilterParams({ from: "2026-03-01", to: "2026-03-31", outcome: "denied", kind: "access" });
    const search = auditLogFilterSearch("alice", parsed);
    expect(search.toString()).toBe("q=alice&from=2026-03-01&to=2026-03-31&outcome=denied&kind=access");
    expect(parseAuditLogFilterParams(Object.fromEntries(search))).toEqual(parsed);
    expect(auditLogFilterSearch("", parseAuditLogFilterParams({ from: "2026-03-02", to: "2026-03-01" })).toString()).toBe("from=2026-03-02");
    expect(auditLogFilterSearch("", parseAuditLogFilterParams({ from: "2026-02-30" })).toString()).toBe("");
  });
});
