// A call list's rows by status: which ?status= is read, the links' URLs, and their counts.
import { describe, expect, it } from "vitest";
import { routes } from "@/lib/routes";
import { parseRowStatus } from "@/lib/domains/call-lists/client-safe";
import { rowCount, rowStatusHref } from "./status-filter";

describe("the rows-by-status filter", () => {
  it("reads a row status from ?status=, anything else as all rows", () => {
    expect(parseRowStatus("failed")).toBe("failed");
    expect(parseRowStatus(["in_progress", "failed"])).toBe("in_progress");
    for (const raw of [undefined, "", "FAILED", "done", "__proto__"]) expect(parseRowStatus(raw)).toBeUndefined();
  });

  it("links keep the number filter and a page size other than the default, and start at page 1", () => {
    const base = routes.callList(7, 3);
    expect(rowStatusHref(base, { q: "", size: 20 }, undefined)).toBe("/applications/7/call-lists/3");
    expect(rowStatusHref(base, { q: "+1212", size: 50 }, "failed")).toBe("/applications/7/call-lists/3?q=%2B1212&size=50&status=failed");
    expect(rowStatusHref(base, { q: "", size: 20 }, "pending")).toBe("/applications/7/call-lists/3?status=pending");
  });

  it("counts from the list's own counters", () => {
    const list = { total: 10, pending: 4, inProgress: 1, succeeded: 3, failed: 1, cancelled: 1 };
    expect([undefined, "pending", "in_progress", "succeeded", "failed", "cancelled"].map((s) => rowCount(list, s as never))).toEqual([10, 4, 1, 3, 1, 1]);
  });
});
