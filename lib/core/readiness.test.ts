import { describe, expect, it, vi } from "vitest";
import { checkDatabase } from "./readiness";

describe("checkDatabase", () => {
  it("is null when the run's database answers SELECT 1", async () => {
    expect(await checkDatabase()).toBeNull();
  });

  it("is the error's message when the database does not answer", async () => {
    const failing = { $queryRawUnsafe: vi.fn().mockRejectedValue(new Error("connect ECONNREFUSED db-host:5432")) };
    expect(await checkDatabase(failing as never)).toBe("connect ECONNREFUSED db-host:5432");
  });
});
