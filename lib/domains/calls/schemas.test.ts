// The call history's URL filters: a stale or hand-edited link never throws, and a filter that
// can match no call (an inverted range) is named, so "No calls match" is not a mystery.
import { describe, expect, it } from "vitest";
import { callFilterProblems, parseCallFilter } from "./schemas";

describe("call history filters", () => {
  it("reads the URL's filters, leaving out what does not parse", () => {
    expect(parseCallFilter({ from: "2026-05-01", to: "2026-05-02T10:30", minDuration: "5", maxDuration: "x", status: ["no_answer", "busy"], direction: "sideways" })).toEqual({
      from: new Date("2026-05-01T00:00:00Z"),
      to: new Date("2026-05-02T10:30:00Z"),
      minDuration: 5,
      status: "no_answer",
    });
  });

  it("reads the filter form's empty fields as no filter (an empty max duration is not 0 s)", () => {
    const empty = { from: "", to: "", q: "", user: "", rule: "", status: "", direction: "", minDuration: "", maxDuration: "" };
    expect(parseCallFilter(empty)).toEqual({});
    expect(parseCallFilter({ ...empty, maxDuration: " ", minDuration: "0" })).toEqual({ minDuration: 0 });
    expect(parseCallFilter({ ...empty, from: "2026-12-04T00:00", to: "2026-12-05T00:00" })).toEqual({ from: new Date("2026-12-04T00:00:00Z"), to: new Date("2026-12-05T00:00:00Z") });
  });

  it("names an inverted duration or date range, and nothing for a consistent filter", () => {
    expect(callFilterProblems(parseCallFilter({ minDuration: "100", maxDuration: "5" }))).toEqual([
      "Min duration (100 s) is above max duration (5 s): no call can match. Swap or clear one of them.",
    ]);
    expect(callFilterProblems(parseCallFilter({ from: "2026-05-02", to: "2026-05-01" }))).toEqual([
      "“Started from” is not before “Started before”: no call can match. Swap or clear one of them.",
    ]);
    expect(callFilterProblems(parseCallFilter({ from: "2026-05-01", to: "2026-05-02", minDuration: "5", maxDuration: "5" }))).toEqual([]);
    expect(callFilterProblems(parseCallFilter({ minDuration: "5" }))).toEqual([]);
  });
});
