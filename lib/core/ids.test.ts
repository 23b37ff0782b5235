import { describe, expect, it } from "vitest";
import { MAX_RECORD_ID, parseRecordId } from "./ids";

describe("parseRecordId", () => {
  it("accepts decimal ids from 1 to PostgreSQL's int4 maximum", () => {
    expect(parseRecordId("1")).toBe(1);
    expect(parseRecordId("42")).toBe(42);
    expect(parseRecordId(String(MAX_RECORD_ID))).toBe(MAX_RECORD_ID);
  });
  it("reads anything else as no id: zero, signs, exponents, padding, beyond int4", () => {
    for (const raw of ["", "0", "01", "-1", "+1", "1e3", "1.0", " 1", "abc", "2147483648", "99999999999", null, undefined]) {
      expect(parseRecordId(raw)).toBeNull();
    }
  });
});
