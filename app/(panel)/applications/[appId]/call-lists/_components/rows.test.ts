// What the Call lists pages show: a list's start (when it could first call), and a row's attempts
// and next call.
import { describe, expect, it } from "vitest";
import type { CallListDto, CallListRowDto } from "@/lib/domains/call-lists/queries";
import type { CallListStatus } from "@/lib/domains/call-lists/client-safe";
import { routes } from "@/lib/routes";
import { toCallListRow, toListRowView } from "./rows";

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

describe("toListRowView", () => {
  const now = new Date("2026-12-05T10:00:00Z");
  const running = (status: CallListStatus): CallListDto => ({ ...list("2026-12-05T09:00:00Z", "2026-12-05T09:00:00Z"), status, numAttempts: 3 });
  const row = (over: Partial<CallListRowDto>): CallListRowDto => ({
    id: 11, position: 2, line: 3, destination: "+15550001111", data: { phone_number: "+15550001111", name: "Ann" }, status: "pending", attempts: 1,
    nextAttemptAt: new Date("2026-12-05T10:05:00Z"), lastSessionId: 40, result: "", reason: "Busy (attempt 1 of 3; next in 300 s)", report: null,
    attemptsAllowed: null, costMinor: 125, updatedAt: new Date("2026-12-05T09:55:00Z"), ...over,
  });

  it("counts the row's calls against the list's attempts, or its own once called again", () => {
    expect(toListRowView(running("in_progress"), row({}), null, now)).toMatchObject({ attempts: 1, attemptsAllowed: 3 });
    expect(toListRowView(running("in_progress"), row({ attempts: 3, attemptsAllowed: 5 }), null, now)).toMatchObject({ attempts: 3, attemptsAllowed: 5 });
  });

  it("gives a waiting row's next call while the list runs or waits for its start", () => {
    expect(toListRowView(running("in_progress"), row({}), null, now).nextCall).toEqual({ at: "2026-12-05T10:05:00.000Z" });
    expect(toListRowView(running("queued"), row({ attempts: 0 }), null, now).nextCall).toEqual({ at: "2026-12-05T10:05:00.000Z" });
  });

  it("calls a row whose time has come due; gives no next call for a row not waiting, or a list that is paused or over", () => {
    expect(toListRowView(running("in_progress"), row({ nextAttemptAt: new Date("2026-12-05T09:59:00Z") }), null, now).nextCall).toBe("due");
    expect(toListRowView(running("in_progress"), row({ nextAttemptAt: now }), null, now).nextCall).toBe("due");
    expect(toListRowView(running("in_progress"), row({ status: "succeeded" }), null, now).nextCall).toBeNull();
    for (const status of ["paused", "completed", "cancelled"] as const) expect(toListRowView(running(status), row({}), null, now).nextCall).toBeNull();
  });

  it("shows the fields, the cost and the last attempt, with the link it is given", () => {
    const href = routes.applicationCallSession(7, 40);
    const view = toListRowView(running("in_progress"), row({}), href, now);
    expect(view).toMatchObject({ fields: "phone_number: +15550001111, name: Ann", lastAttemptAt: "2026-12-05T09:55:00.000Z", lastCallHref: href });
    expect(view.cost).toMatch(/1\.25/);
    expect(toListRowView(running("in_progress"), row({ attempts: 0 }), null, now).lastAttemptAt).toBeNull();
  });
});
