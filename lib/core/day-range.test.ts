import { describe, expect, it } from "vitest";
import { parseDayRange, parseUtcDateTime, parseUtcDay } from "./day-range";

describe("parseUtcDay", () => {
  it("reads a real day in 2000-2999 as its first instant, UTC", () => {
    expect(parseUtcDay("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    for (const bad of ["2023-02-29", "2026-02-30", "1999-12-31", "3000-01-01", "2026-3-1", "2026-03-01T00:00", "", "yesterday"]) expect(parseUtcDay(bad)).toBeNull();
  });
});

describe("parseDayRange", () => {
  it("includes both days: to is the midnight after the last day", () => {
    expect(parseDayRange("2026-03-01", "2026-03-31")).toEqual({
      fromDay: "2026-03-01",
      toDay: "2026-03-31",
      range: { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") },
      errors: {},
    });
    expect(parseDayRange("2026-03-02", "2026-03-02").range).toEqual({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z") });
    expect(parseDayRange(undefined, undefined)).toEqual({ fromDay: "", toDay: "", range: {}, errors: {} });
  });

  it("takes the first of repeated values and trims them", () => {
    expect(parseDayRange([" 2026-03-01 ", "2026-01-01"], undefined).range).toEqual({ from: new Date("2026-03-01T00:00:00Z") });
  });

  it("leaves a bad or inverted day out and names it, never throws", () => {
    expect(parseDayRange("2026-02-30", "yesterday")).toMatchObject({
      range: {},
      errors: { from: "There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999)", to: "Enter the end date as YYYY-MM-DD" },
    });
    expect(parseDayRange("2026-03-02", "2026-03-01")).toMatchObject({ range: { from: new Date("2026-03-02T00:00:00Z") }, errors: { to: "The end date is before the start date" } });
  });
});

describe("parseUtcDateTime", () => {
  it("reads a value without a zone as UTC, whatever the server's time zone", () => {
    expect(parseUtcDateTime("2026-05-01T10:00")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(parseUtcDateTime("2026-05-01 10:00:30")).toEqual(new Date("2026-05-01T10:00:30Z"));
    expect(parseUtcDateTime(" 2026-05-01T10:00:30.25 ")).toEqual(new Date("2026-05-01T10:00:30.250Z"));
    expect(parseUtcDateTime("2026-05-01")).toEqual(new Date("2026-05-01T00:00:00Z"));
  });
  it("keeps a zone the value names", () => {
    expect(parseUtcDateTime("2026-05-01T10:00:00Z")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(parseUtcDateTime("2026-05-01T10:00:00.000Z")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(parseUtcDateTime("2026-05-01T12:00+02:00")).toEqual(new Date("2026-05-01T10:00:00Z"));
  });
  it.each(["", "tomorrow", "2026-02-30T10:00", "2026-05-01T24:00", "2026-05-01T10:60", "2026-05-01T10", "1999-12-31T10:00", "2026-05-01Z", "2026-05-01T10:00+2"])(
    "refuses %j",
    (text) => expect(parseUtcDateTime(text)).toBeNull(),
  );
});
