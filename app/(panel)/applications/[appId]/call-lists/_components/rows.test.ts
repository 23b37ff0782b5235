// What the Call lists pages show as a list's start: when it could first call.
import { describe, expect, it } from "vitest";
import type { CallListDto } from "@/lib/domains/call-lists/queries";
import { toCallListRow } from "./rows";

const list = (startAt: string, createdAt: string): CallListDto => ({
  id: 3, applicationId: 7, ruleId: 1, ruleName: "campaign", name: "Spring", priority: 0, maxSimultaneous: 2, numAttempts: 1, intervalSeconds: 60,
  startAt: new Date(startAt), status: "completed", header: ["phone_number"], destinationColumn: "phone_number",
  total: 1, succeeded: 1, failed: 0, cancelled: 0, inProgress: 0, pending: 0, costMinor: 0, createdByName: "owner", createdAt: new Date(createdAt), completedAt: null,
});

describe("toCallListRow's start", () => {
  it("is the start typed when it was ahead of the list's creation", () => {
    expect(toCallListRow(7, list("2026-12-05T10:00:00Z", "2026-12-05T09:00:00Z")).startAt).toBe("2026-12-05T10:00:00.000Z");
  });
  it("is the creation for a start typed in the past: the list called from then, not a year before", () => {
    expect(toCallListRow(7, list("2025-12-05T09:00:00Z", "2026-12-05T09:00:00Z")).startAt).toBe("2026-12-05T09:00:00.000Z");
  });
});
