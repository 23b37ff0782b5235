import { describe, expect, it } from "vitest";
import { lastPageOf, parseListParams, skipOf } from "./search-params";

const SORTS = ["name", "displayName", "createdAt"] as const;
const parse = (raw: Record<string, string | string[] | undefined>) => parseListParams(raw, { sort: [...SORTS], defaultSort: "name" });

describe("parseListParams", () => {
  it("reads a valid URL state", () => {
    expect(parse({ q: "  al ", sort: "displayName", dir: "desc", page: "3", size: "50" })).toEqual({ q: "al", sort: "displayName", dir: "desc", page: 3, size: 50 });
  });

  it("falls back to the defaults, field by field, instead of failing", () => {
    expect(parse({})).toEqual({ q: "", sort: "name", dir: "asc", page: 1, size: 20 });
    expect(parse({ sort: "passwordHash", dir: "sideways", page: "0", size: "7" })).toEqual({ q: "", sort: "name", dir: "asc", page: 1, size: 20 });
    expect(parse({ page: "-2" }).page).toBe(1);
    expect(parse({ page: "2.5" }).page).toBe(1);
    expect(parse({ page: "abc" }).page).toBe(1);
    expect(parse({ size: "1000" }).size).toBe(20);
    expect(parse({ q: "x".repeat(101) }).q).toBe("");
  });

  it("takes the first of repeated parameters", () => {
    expect(parse({ sort: ["createdAt", "name"], size: ["10", "100"] })).toMatchObject({ sort: "createdAt", size: 10 });
  });

  it("honours per-list defaults", () => {
    expect(parseListParams({}, { sort: ["createdAt", "action"], defaultDir: "desc", defaultSize: 50 })).toEqual({ q: "", sort: "createdAt", dir: "desc", page: 1, size: 50 });
  });

  it("pages", () => {
    expect(skipOf({ page: 3, size: 20 })).toBe(40);
    expect(lastPageOf(0, 20)).toBe(1);
    expect(lastPageOf(41, 20)).toBe(3);
  });
});

describe("parseListParams' search text", () => {
  it("searches nothing for text with a control character or a lone surrogate (PostgreSQL refuses a NUL)", () => {
    for (const q of ["a\u0000b", "\u0000", "tab\there", "del\u007f", "\ud800x"]) expect(parse({ q }).q, JSON.stringify(q)).toBe("");
    expect(parse({ q: "émile 77" }).q).toBe("émile 77");
  });
});
