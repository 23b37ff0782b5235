// recheck's worker now and then answers nothing under load (un-ts/synckit#185): a pattern is not
// refused, nor a request failed, for one lost answer.
import { describe, expect, it, vi } from "vitest";

const recheck = vi.hoisted(() => ({ failures: 0, calls: 0 }));
vi.mock("recheck", async (importOriginal) => {
  const orig = await importOriginal<typeof import("recheck")>();
  return {
    ...orig,
    checkSync: (...args: Parameters<typeof orig.checkSync>) => {
      recheck.calls++;
      if (recheck.failures > 0) {
        recheck.failures--;
        throw new TypeError("Cannot read properties of undefined (reading 'message')");
      }
      return orig.checkSync(...args);
    },
  };
});

const { patternProblem, RECHECK_ATTEMPTS } = await import("./patterns");

describe("patternProblem when recheck's worker loses an answer", () => {
  it("asks again: a lost answer or two still gives the real verdict", async () => {
    recheck.failures = RECHECK_ATTEMPTS - 1;
    recheck.calls = 0;
    expect(patternProblem("\\+?1555.*")).toBeNull();
    expect(recheck.calls).toBe(RECHECK_ATTEMPTS);
    recheck.failures = 1;
    expect(patternProblem("(a+)+b")).toMatch(/catastrophic backtracking/);
  });

  it("gives up after RECHECK_ATTEMPTS lost answers, with the error", async () => {
    recheck.failures = RECHECK_ATTEMPTS;
    expect(() => patternProblem("\\d+")).toThrow(/reading 'message'/);
    recheck.failures = 0;
  });
});
