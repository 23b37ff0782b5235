import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { CSV_CHUNK_ROWS, csvFileName, csvResponse, neutralizeFormula } from "./csv";

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

  it("sends CSV_CHUNK_ROWS rows per chunk, reading rows only as the client reads the body", async () => {
    let read = 0;
    function* rows() {
      for (let i = 0; i < 2 * CSV_CHUNK_ROWS + 1; i++) {
        read++;
        yield { n: i };
      }
    }
    const res = csvResponse({ fileName: "t.csv", columns: [{ header: "n", value: (r: { n: number }) => r.n }], rows: rows() });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    await Promise.resolve();
    expect(read).toBe(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value));
      // The chunk just taken is all that has been read: nothing is buffered ahead of the client.
      expect(read).toBe(Math.min(chunks.length * CSV_CHUNK_ROWS, 2 * CSV_CHUNK_ROWS + 1));
    }
    expect(chunks.map((c) => c.split("\r\n").length - 1)).toEqual([CSV_CHUNK_ROWS + 1, CSV_CHUNK_ROWS, 1]);
    expect(chunks.join("").split("\r\n").slice(0, 2)).toEqual(["n", "0"]);
  });

  it("answers the header alone for no rows, and no header when told", async () => {
    const columns = [{ header: "a", value: (r: { a: string }) => r.a }];
    expect(await csvResponse({ fileName: "t.csv", columns, rows: [] }).text()).toBe("a\r\n");
    expect(await csvResponse({ fileName: "t.csv", columns, rows: [], header: false }).text()).toBe("");
    expect(await csvResponse({ fileName: "t.csv", columns, rows: [{ a: "x" }], header: false }).text()).toBe("x\r\n");
  });

  it("ends the body with the row source's error", async () => {
    async function* rows() {
      yield { a: "first" };
      throw new Error("database gone");
    }
    const res = csvResponse({ fileName: "t.csv", columns: [{ header: "a", value: (r: { a: string }) => r.a }], rows: rows() });
    await expect(res.text()).rejects.toThrow("database gone");
  });

  it("names files <stem>-<UTC date>.csv with a header-safe stem", () => {
    expect(csvFileName('sms "history"/x', new Date(Date.UTC(2026, 10, 30, 23, 59)))).toBe("sms__history__x-2026-11-30.csv");
  });
});
