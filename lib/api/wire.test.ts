import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as w from "./wire";

const codeOf = (r: { success: boolean; error?: z.ZodError }) => {
  const issue = r.error?.issues[0] as { params?: { apiCode?: number } } | undefined;
  return issue?.params?.apiCode;
};

describe("wire parameter types", () => {
  it("booleans: true/false/1/0 in any case, anything else refused", () => {
    const b = z.object({ x: w.bool() });
    for (const v of ["true", "True", "TRUE", "1", " true "]) expect(b.parse({ x: v }).x).toBe(true);
    for (const v of ["false", "False", "FALSE", "0"]) expect(b.parse({ x: v }).x).toBe(false);
    for (const v of ["yes", "2", "tru", "on"]) expect(b.safeParse({ x: v }).success).toBe(false);
    expect(b.safeParse({}).success).toBe(false);
    const opt = z.object({ x: w.bool().optional(), t: w.text().optional() });
    expect(opt.parse(w.dropBlanks(opt.shape, { x: "", t: "" }))).toEqual({ t: "" });
    expect(opt.parse(w.dropBlanks(opt.shape, { x: " 1 " }))).toEqual({ x: true });
    const req = z.object({ x: w.bool() });
    expect(req.safeParse(w.dropBlanks(req.shape, { x: "" })).success).toBe(false);
  });

  it("integers are decimal strings; ranges answer the parameter's code", () => {
    const s = z.object({ id: w.id(434) });
    expect(s.parse({ id: "42" }).id).toBe(42);
    expect(s.parse({ id: " 7 " }).id).toBe(7);
    expect(s.parse({ id: "2147483647" }).id).toBe(2147483647);
    // Beyond PostgreSQL's int4 no record can have the id: refused here, not by the database.
    for (const v of ["0", "-1", "1.5", "1e3", "abc", "2147483648", "99999999999999999"]) {
      const r = s.safeParse({ id: v });
      expect(r.success, v).toBe(false);
      expect(codeOf(r), v).toBe(434);
    }
    expect(s.safeParse({ id: ["1", "2"] }).success).toBe(false);
    expect(s.parse({ id: ["5"] }).id).toBe(5);
  });

  it("paging defaults to count 20, offset 0, count at most 1000", () => {
    const p = z.object(w.paging);
    expect(p.parse({})).toEqual({ count: 20, offset: 0 });
    expect(p.parse({ count: "1000", offset: "3" })).toEqual({ count: 1000, offset: 3 });
    expect(p.safeParse({ count: "1001" }).success).toBe(false);
    expect(p.safeParse({ count: "0" }).success).toBe(false);
    expect(p.safeParse({ offset: "-1" }).success).toBe(false);
  });

  it("lists split on ';', merge repeats, drop blanks", () => {
    const l = z.object({ ids: w.intList({ apiCode: 440 }), names: w.stringList(z.string()).optional() });
    expect(l.parse({ ids: "1;2;3" }).ids).toEqual([1, 2, 3]);
    expect(l.parse({ ids: ["1", "2;3"] }).ids).toEqual([1, 2, 3]);
    expect(l.parse({ ids: "1;;2;" }).ids).toEqual([1, 2]);
    expect(l.parse({ ids: "1", names: "a; b;c" }).names).toEqual(["a", "b", "c"]);
    const bad = l.safeParse({ ids: "1;x" });
    expect(bad.success).toBe(false);
    expect(codeOf(bad)).toBe(440);
    expect(codeOf(l.safeParse({ ids: "1;2147483648" }))).toBe(440);
    expect(l.safeParse({ ids: ";" }).success).toBe(false);
  });

  it("id lists take the literal all where allowed", () => {
    const a = z.object({ ids: w.idListOrAll() });
    expect(a.parse({ ids: "all" }).ids).toBe("all");
    expect(a.parse({ ids: "ALL" }).ids).toBe("all");
    expect(a.parse({ ids: "4;5" }).ids).toEqual([4, 5]);
    expect(a.safeParse({ ids: "all;4" }).success).toBe(false);
    expect(z.object({ ids: w.intList() }).safeParse({ ids: "all" }).success).toBe(false);
  });

  it("dates are YYYY-MM-DD HH:mm:ss UTC, real calendar dates only", () => {
    const d = z.object({ at: w.date() });
    expect(d.parse({ at: "2026-02-28 23:59:59" }).at.toISOString()).toBe("2026-02-28T23:59:59.000Z");
    for (const v of ["2026-02-30 00:00:00", "2026-02-28T23:59:59", "2026-02-28", "yesterday"]) {
      const r = d.safeParse({ at: v });
      expect(r.success, v).toBe(false);
      expect(codeOf(r)).toBe(111);
    }
    expect(w.formatApiDate(new Date("2026-05-01T12:34:56.789Z"))).toBe("2026-05-01 12:34:56");
    expect(w.formatApiDate(null)).toBeNull();
  });

  it("text keeps its inner schema's rules and refuses repeats", () => {
    const t = z.object({ name: w.text(z.string().trim().toLowerCase().min(2)) });
    expect(t.parse({ name: " AbC " }).name).toBe("abc");
    expect(t.safeParse({ name: "a" }).success).toBe(false);
    expect(t.safeParse({ name: ["ab", "cd"] }).success).toBe(false);
  });
});
