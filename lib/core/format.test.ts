import { describe, expect, it } from "vitest";
import { countOf, formatRelative, formatUtc } from "./format";

const now = new Date("2026-05-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("date formats", () => {
  it("prints UTC with or without seconds", () => {
    expect(formatUtc("2026-05-01T12:34:56.789Z")).toBe("2026-05-01 12:34 UTC");
    expect(formatUtc(new Date("2026-05-01T12:34:56.789Z"), true)).toBe("2026-05-01 12:34:56 UTC");
  });

  it("says recent moments relatively, and nothing for old or far future ones", () => {
    expect(formatRelative(ago(10_000), now)).toBe("just now");
    expect(formatRelative(ago(60_000), now)).toBe("1 minute ago");
    expect(formatRelative(ago(59 * 60_000), now)).toBe("59 minutes ago");
    expect(formatRelative(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(formatRelative(ago(30 * 3_600_000), now)).toBe("yesterday");
    expect(formatRelative(ago(6 * 86_400_000), now)).toBe("6 days ago");
    expect(formatRelative(ago(7 * 86_400_000), now)).toBeNull();
    expect(formatRelative(ago(-3_600_000), now)).toBeNull();
    expect(formatRelative("garbage", now)).toBeNull();
  });

  it("counts down to a moment in the coming hour (a running call's planned end) instead of saying \"just now\"", () => {
    expect(formatRelative(now, now)).toBe("just now");
    expect(formatRelative(ago(-400), now)).toBe("just now");
    expect(formatRelative(ago(-1_000), now)).toBe("in 1 second");
    expect(formatRelative(ago(-1_200), now)).toBe("in 2 seconds");
    expect(formatRelative(ago(-10_000), now)).toBe("in 10 seconds");
    expect(formatRelative(ago(-59_500), now)).toBe("in 1 minute");
    expect(formatRelative(ago(-60_000), now)).toBe("in 1 minute");
    expect(formatRelative(ago(-150_000), now)).toBe("in 2 minutes");
    expect(formatRelative(ago(-(3_600_000 - 1)), now)).toBe("in 59 minutes");
    expect(formatRelative(ago(-3_600_000), now)).toBeNull();
    expect(formatRelative(ago(-86_400_000), now)).toBeNull();
  });
});

describe("countOf", () => {
  it("names one or many, groups thousands, and takes an irregular plural", () => {
    expect(countOf(1, "number")).toBe("1 number");
    expect(countOf(0, "number")).toBe("0 numbers");
    expect(countOf(1204, "call")).toBe("1,204 calls");
    expect(countOf(2, "SMS", "SMS")).toBe("2 SMS");
    expect(countOf(3, "ticket has", "tickets have")).toBe("3 tickets have");
  });
});
