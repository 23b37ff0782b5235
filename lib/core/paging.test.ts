import { describe, expect, it } from "vitest";
import { keysetAfter } from "./paging";

describe("keysetAfter", () => {
  const at = new Date("2026-06-01T00:00:00Z");
  it("pages past (value, id) either way, with the column bounded so the index can seek", () => {
    expect(keysetAfter("startedAt", "desc", { value: at, id: 7 })).toEqual({
      startedAt: { lte: at },
      OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: 7 } }],
    });
    expect(keysetAfter("createdAt", "asc", { value: at, id: 7 })).toEqual({
      createdAt: { gte: at },
      OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: 7 } }],
    });
  });
});
