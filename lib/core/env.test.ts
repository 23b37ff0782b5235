// Issue 11: a production process reads its environment once; elsewhere a changed variable is seen.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function freshEnv() {
  vi.resetModules();
  return (await import("./env")).env;
}

describe("env()", () => {
  it("sees a variable changed at run time outside production", async () => {
    const env = await freshEnv();
    vi.stubEnv("API_RATE_LIMIT_PER_SECOND", "7");
    expect(env().API_RATE_LIMIT_PER_SECOND).toBe(7);
    vi.stubEnv("API_RATE_LIMIT_PER_SECOND", "9");
    expect(env().API_RATE_LIMIT_PER_SECOND).toBe(9);
  });

  it("reads the environment once in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("API_RATE_LIMIT_PER_SECOND", "7");
    const env = await freshEnv();
    expect(env().API_RATE_LIMIT_PER_SECOND).toBe(7);
    vi.stubEnv("API_RATE_LIMIT_PER_SECOND", "9");
    expect(env().API_RATE_LIMIT_PER_SECOND).toBe(7);
    expect(env().NODE_ENV).toBe("production");
  });

  it("names the variable when a value is unusable", async () => {
    vi.stubEnv("API_RATE_LIMIT_PER_SECOND", "fast");
    const env = await freshEnv();
    expect(() => env()).toThrow(/API_RATE_LIMIT_PER_SECOND/);
  });
});
