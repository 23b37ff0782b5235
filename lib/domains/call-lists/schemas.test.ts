// The call list CSV rules (schemas.ts): delimiters, encodings, the header, the destination
// column, every bad line reported by number, and the row limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/core/errors";
import { decodeCsv, destinationColumnOf, detectDelimiter, MAX_FILE_ROWS, MAX_REPORTED_PROBLEMS, notInThePast, parseCallListCsv, ZCallListSettings, ZCallRowsAgainInput } from "./schemas";

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) {
      expect(e).toMatchObject({ code: "INVALID_INPUT", field: "file", reason: "call_list_file_invalid" });
      return e.message;
    }
    throw e;
  }
  throw new Error("expected the file to be refused");
}

// "Привет" in Windows-1251: not valid UTF-8.
const CP1251_NAME = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);

describe("parseCallListCsv", () => {
  it("reads a ;-separated file: the header's phone_number is the destination, the row's fields its custom data", () => {
    const csv = parseCallListCsv("name;phone_number;order\nAnn;+1 (415) 555-0123;42\nBob;14155550124;43\n");
    expect(csv).toMatchObject({ delimiter: ";", encoding: "utf-8", header: ["name", "phone_number", "order"], destinationColumn: "phone_number" });
    expect(csv.rows).toEqual([
      { line: 2, destination: "+14155550123", data: JSON.stringify({ name: "Ann", phone_number: "+14155550123", order: "42" }) },
      { line: 3, destination: "+14155550124", data: JSON.stringify({ name: "Bob", phone_number: "+14155550124", order: "43" }) },
    ]);
  });

  it("reads a ,-separated file with quoted fields (a ; inside quotes does not make it ;-separated); without a known column the first is the destination", () => {
    const csv = parseCallListCsv('to,greeting\r\n+14155550123,"Hello; dear, friend"\r\n');
    expect(csv.delimiter).toBe(",");
    expect(csv.destinationColumn).toBe("to");
    expect(JSON.parse(csv.rows[0]!.data)).toEqual({ to: "+14155550123", greeting: "Hello; dear, friend" });
  });

  it("detects the delimiter from the header line and the destination column by name, any case", () => {
    expect(detectDelimiter("a;b;c\n1,2,3,4,5")).toBe(";");
    expect(detectDelimiter("a,b\n1;2;3")).toBe(",");
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
    expect(destinationColumnOf(["Name", "PHONE"])).toBe("PHONE");
    expect(destinationColumnOf(["name", "number", "phone_number"])).toBe("phone_number");
  });

  it("takes UTF-8 bytes with a BOM, and Windows-1251 bytes (not valid UTF-8) as Windows-1251", () => {
    const utf8 = new TextEncoder().encode("\uFEFFphone;name\n+14155550123;Привет\n");
    expect(decodeCsv(utf8).encoding).toBe("utf-8");
    const a = parseCallListCsv(utf8);
    expect(a.header).toEqual(["phone", "name"]);
    expect(JSON.parse(a.rows[0]!.data).name).toBe("Привет");

    const head = new TextEncoder().encode("phone;name\n+14155550123;");
    const cp = new Uint8Array([...head, ...CP1251_NAME, 0x0a]);
    const b = parseCallListCsv(cp);
    expect(b.encoding).toBe("windows-1251");
    expect(JSON.parse(b.rows[0]!.data).name).toBe("Привет");
  });

  it("reports every bad line by its number: bad destination, wrong field count, an empty line, an empty destination", () => {
    const message = problemOf(() =>
      parseCallListCsv(["phone_number;name", "+14155550123;ok", "hello;bad", "+14155550124", "", "+14155550125;ok;extra", ";nobody", "+14155550126;ok"].join("\n")),
    );
    expect(message.split("\n")).toEqual([
      "The file has 5 problems, so nothing was saved:",
      "Line 3: phone_number “hello” is not a phone number in international format (E.164 digits, e.g. +14155550123)",
      "Line 4: 1 field, the header has 2",
      "Line 5: the line is empty",
      "Line 6: 3 fields, the header has 2",
      "Line 7: phone_number is empty",
    ]);
  });

  it(`lists the first ${MAX_REPORTED_PROBLEMS} bad lines and counts the rest`, () => {
    const lines = ["phone;name", ...Array.from({ length: 120 }, (_, i) => `x${i};n`)];
    const message = problemOf(() => parseCallListCsv(lines.join("\n")));
    const out = message.split("\n");
    expect(out[0]).toBe("The file has 120 problems, so nothing was saved:");
    expect(out).toHaveLength(1 + MAX_REPORTED_PROBLEMS + 1);
    expect(out[1]).toMatch(/^Line 2: /);
    expect(out.at(-1)).toBe(`…and ${120 - MAX_REPORTED_PROBLEMS} more`);
  });

  it("requires a header: an empty file, a first line that is a number, a header without rows, duplicate or empty column names", () => {
    expect(problemOf(() => parseCallListCsv(""))).toMatch(/empty/);
    expect(problemOf(() => parseCallListCsv("+14155550123;Ann\n+14155550124;Bob"))).toMatch(/Line 1: the first line must be the header/);
    expect(problemOf(() => parseCallListCsv("phone;name\n"))).toMatch(/header but no rows/);
    expect(problemOf(() => parseCallListCsv("phone;Phone\n+14155550123;x"))).toMatch(/Line 1: the header names “Phone” twice/);
    expect(problemOf(() => parseCallListCsv("phone;\n+14155550123;x"))).toMatch(/Line 1: every header column needs a name/);
    expect(problemOf(() => parseCallListCsv('phone;name\n+14155550123;"open'))).toMatch(/^Line \d+: not valid CSV/m);
  });

  it("an append's file must carry the list's header", () => {
    expect(parseCallListCsv("phone;name\n+14155550123;x", { expectHeader: ["phone", "name"] }).rows).toHaveLength(1);
    expect(problemOf(() => parseCallListCsv("phone;nom\n+14155550123;x", { expectHeader: ["phone", "name"] }))).toMatch(/Line 1: the header must be the list's: phone;name/);
  });

  it(`takes ${MAX_FILE_ROWS.toLocaleString("en-US")} rows and refuses ${(MAX_FILE_ROWS + 1).toLocaleString("en-US")}`, () => {
    const rows = (n: number) => `phone\n${Array.from({ length: n }, (_, i) => `+1415${String(1_000_000 + i).padStart(7, "0")}`).join("\n")}\n`;
    expect(parseCallListCsv(rows(MAX_FILE_ROWS)).rows).toHaveLength(MAX_FILE_ROWS);
    expect(problemOf(() => parseCallListCsv(rows(MAX_FILE_ROWS + 1)))).toMatch(/100,001 rows; a file may have at most 100,000/);
  });
});

describe("a list's start", () => {
  const startAt = ZCallListSettings.startAt;
  // A server away from UTC: `new Date("2026-05-01T10:00")` would read 14:00 UTC here.
  const tz = process.env.TZ;
  beforeAll(() => void (process.env.TZ = "America/New_York"));
  afterAll(() => void (tz === undefined ? delete process.env.TZ : (process.env.TZ = tz)));
  it("reads the panel's datetime-local value as UTC, whatever the server's time zone", () => {
    expect(startAt.parse("2026-05-01T10:00")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(startAt.parse("2026-05-01T12:00:00+02:00")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(startAt.parse(new Date("2026-05-01T10:00:00Z"))).toEqual(new Date("2026-05-01T10:00:00Z"));
  });
  it("is now when empty, and names what to type when it does not parse", () => {
    expect(startAt.parse("")).toBeUndefined();
    expect(startAt.parse(undefined)).toBeUndefined();
    const r = startAt.safeParse("next Tuesday");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("Enter a date and time as YYYY-MM-DD HH:mm (UTC)");
  });
});

describe("the panel's next call (notInThePast)", () => {
  const now = () => new Date("2026-12-05T10:30:45Z").getTime();
  const schema = notInThePast(ZCallRowsAgainInput, now);
  const at = (startAt: string | undefined) => schema.safeParse({ listId: 1, status: "failed", attemptsLeft: 1, startAt });
  it("takes the current minute, a later one, or none; refuses an earlier one under startAt", () => {
    expect(["2026-12-05 10:30", "2026-12-05 10:31", "", undefined].map((t) => at(t).success)).toEqual([true, true, true, true]);
    const r = at("2026-12-05 10:29");
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["startAt", "That time has passed: leave it empty to call as soon as the list can"]]);
  });
});
