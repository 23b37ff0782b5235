// The Billing page's pure rules: amounts typed in major units become exact minor units (no float
// drift), the Transactions filters travel in the URL and parse without ever throwing, and the
// verification form's country list.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName, countryOptions } from "./countries";
import {
  LEDGER_KIND_LABELS,
  LEDGER_KINDS,
  ZVerificationDetailsInput,
  ledgerFilterSearch,
  majorToMinor,
  minorToMajor,
  parseLedgerFilterParams,
  zMajorAmount,
} from "./schemas";

describe("major units <-> minor units", () => {
  it("converts what people type exactly", () => {
    expect(majorToMinor("25")).toBe(25_00);
    expect(majorToMinor("25.5")).toBe(25_50);
    expect(majorToMinor(" 25.50 ")).toBe(25_50);
    // 0.29 * 100 is 28.999999999999996 in floating point: the digits are converted, not the float.
    expect(majorToMinor("0.29")).toBe(29);
    expect(majorToMinor("1,000.07")).toBe(1_000_07);
    expect(majorToMinor("$19.99")).toBe(19_99);
    expect(majorToMinor("99999999.99")).toBe(9_999_999_999);
    // A leading point, as people type it.
    expect(majorToMinor(".5")).toBe(50);
    expect(majorToMinor("$.05")).toBe(5);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "abc", "-5", "1.234", "1e3", "25,50", "1,5000", "0x10", ".", ".567", "5.", "Infinity", "123456789"]) expect(majorToMinor(bad), bad).toBeNull();
  });

  it("round-trips every amount", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (minor) => majorToMinor(minorToMajor(minor)) === minor));
    expect(minorToMajor(-45)).toBe("-0.45");
    expect(minorToMajor(-12_50)).toBe("-12.50");
    expect(minorToMajor(0)).toBe("0.00");
  });

  it("as a zod field: a message naming the field", () => {
    const z = zMajorAmount("amount");
    expect(z.parse("10.10")).toBe(10_10);
    expect(z.safeParse("").error?.issues[0]?.message).toBe("Enter the amount");
    expect(z.safeParse("ten").error?.issues[0]?.message).toBe("Enter the amount as a number, like 25 or 25.50");
    // A number that is almost right says what is wrong with it.
    expect(z.safeParse("1.234").error?.issues[0]?.message).toBe("Enter the amount with at most two decimals, like 25.50");
    for (const negative of ["-5", "-5.50", "-$5", "- 5", "-.5"]) expect(z.safeParse(negative).error?.issues[0]?.message).toBe("The amount cannot be negative");
    expect(z.safeParse("-five").error?.issues[0]?.message).toBe("Enter the amount as a number, like 25 or 25.50");
    expect(z.safeParse("99999999999999999999").error?.issues[0]?.message).toBe("The amount is too large");
    expect(z.safeParse("1,234,567,890.5").error?.issues[0]?.message).toBe("The amount is too large");
    expect(z.safeParse(undefined).error?.issues[0]?.message).toBe("Enter the amount");
  });
});

describe("the Transactions filters in the URL", () => {
  it("reads kinds and an inclusive UTC day range", () => {
    const p = parseLedgerFilterParams({ kind: ["sms", "topup", "nope"], from: "2026-03-01", to: "2026-03-31" });
    expect(p).toEqual({
      kinds: ["topup", "sms"],
      fromDay: "2026-03-01",
      toDay: "2026-03-31",
      filter: { kinds: ["topup", "sms"], from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") },
      errors: {},
    });
    expect(parseLedgerFilterParams({ kind: "refund" }).filter).toEqual({ kinds: ["refund"] });
    expect(parseLedgerFilterParams({})).toEqual({ kinds: [], fromDay: "", toDay: "", filter: {}, errors: {} });
  });

  it("a bad or inverted date is left out and named, never thrown", () => {
    expect(parseLedgerFilterParams({ from: "2026-02-30", to: "yesterday" })).toMatchObject({
      filter: {},
      errors: { from: "There is no day 2026-02-30: enter the start date as YYYY-MM-DD (years 2000 to 2999)", to: "Enter the end date as YYYY-MM-DD" },
    });
    expect(parseLedgerFilterParams({ from: "2026-03-02", to: "2026-03-01" })).toMatchObject({
      filter: { from: new Date("2026-03-02T00:00:00Z") },
      errors: { to: "The end date is before the start date" },
    });
    // One day: from and to the same day is that whole day.
    expect(parseLedgerFilterParams({ from: "2026-03-02", to: "2026-03-02" }).filter).toEqual({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z") });
  });

  it("ledgerFilterSearch is its inverse", () => {
    const search = ledgerFilterSearch({ kinds: ["topup", "sms"], fromDay: "2026-03-01", toDay: "2026-03-31", q: "x" });
    expect(search.toString()).toBe("kind=topup&kind=sms&from=2026-03-01&to=2026-03-31&q=x");
    const back = parseLedgerFilterParams({ kind: search.getAll("kind"), from: search.get("from")!, to: search.get("to")! });
    expect(back).toMatchObject({ kinds: ["topup", "sms"], fromDay: "2026-03-01", toDay: "2026-03-31" });
  });

  it("every kind has a label", () => {
    for (const k of LEDGER_KINDS) expect(LEDGER_KIND_LABELS[k]).toMatch(/^[A-Z]/);
  });
});

describe("verification countries", () => {
  it("lists the ISO 3166 countries by name and accepts only them", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(countryName("DE")).toBe("Germany");
    const options = countryOptions();
    expect(options[0]!.name < options.at(-1)!.name).toBe(true);
    const details = { subjectType: "individual", legalName: "Ann Example", address: "1 High Street, London" };
    expect(ZVerificationDetailsInput.safeParse({ ...details, countryCode: "gb" }).data?.countryCode).toBe("GB");
    expect(ZVerificationDetailsInput.safeParse({ ...details, countryCode: "XX" }).error?.issues[0]).toMatchObject({ path: ["countryCode"], message: "Choose a country" });
  });
});
