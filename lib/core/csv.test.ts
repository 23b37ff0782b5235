import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { csvFileName, csvResponse, neutralizeFormula } from "./csv";

describe("neutralizeFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["+14155550100", "+14155550100"],
    ["-12.50", "-12.50"],
    ["plain text", "plain text"],
    ["", ""],
  ])("%j -> %j", (input, out) => expect(neutralizeFormula(input)).toBe(out));
});

describe("csvResponse", () => {
  it("streams a header and one row per item, quoting commas, quotes and newlines, dates in UTC", async () => {
    async function* rows() {
      yield { a: "x,y", b: 'say "hi"', c: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) };
      yield { a: "=HYPERLINK()", b: "line\nbreak", c: null };
    }
    const res = csvResponse({ fileName: "t.csv", columns: [{ header: "a", value: (r) => r.a }, { header: "b", value: (r) => r.b }, { header: "c", value: (r) => r.c }], rows: rows() });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="t.csv"');
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe("a,b,c");
    expect(parse(text, { columns: true })).toEqual([
      { a: "x,y", b: 'say "hi"', c: "2026-01-02T03:04:05.000Z" },
      { a: "'=HYPERLINK()", b: "line\nbreak", c: "" },
    ]);
  });

  it("names files <stem>-<UTC date>.csv with a header-safe stem", () => {
    expect(csvFileName('sms "history"/x', new Date(Date.UTC(2026, 10, 30, 23, 59)))).toBe("sms__history__x-2026-11-30.csv");
  });
});
