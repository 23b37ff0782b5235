// A call list's start time is labelled by what happened: waiting, started, or stopped unstarted.
import { describe, expect, it } from "vitest";
import { startLabel } from "./columns";

describe("startLabel", () => {
  const list = (status: "queued" | "in_progress" | "paused" | "completed" | "cancelled", called = 0) => ({ status, succeeded: called, failed: 0, inProgress: 0 });
  it("reads Starts while queued, Started once anyone was called, and Was to start for a list stopped first", () => {
    expect(startLabel(list("queued"))).toBe("Starts");
    expect(startLabel(list("in_progress"))).toBe("Started");
    expect(startLabel(list("completed", 3))).toBe("Started");
    expect(startLabel({ status: "paused", succeeded: 0, failed: 1, inProgress: 0 })).toBe("Started");
    expect(startLabel(list("cancelled"))).toBe("Was to start");
    expect(startLabel(list("paused"))).toBe("Was to start");
  });
});
