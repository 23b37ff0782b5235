import { describe, expect, it } from "vitest";
import { LruMap } from "./lru";

describe("LruMap", () => {
  it("keeps at most max entries, dropping the least recently used (a read counts as use)", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.get("a")).toBe(1); // "b" is now the least recently used
    m.set("c", 3);
    expect(m.size).toBe(2);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(1);
    expect(m.get("c")).toBe(3);
  });

  it("setting a present key replaces its value without growing", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("a", 2);
    expect(m.size).toBe(1);
    expect(m.get("a")).toBe(2);
  });
});
