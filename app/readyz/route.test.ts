import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as healthz } from "../healthz/route";

const database = vi.hoisted(() => ({ error: null as string | null }));
vi.mock("@/lib/core/readiness", () => ({ checkDatabase: async () => database.error }));
const { GET: readyz } = await import("./route");

describe("/healthz and /readyz", () => {
  afterEach(() => {
    database.error = null;
    vi.restoreAllMocks();
  });

  it("/healthz answers static JSON", async () => {
    const res = healthz();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 when the database answers", async () => {
    const res = await readyz();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("/readyz answers 503 when it does not, logging the reason but never sending it", async () => {
    database.error = "connect ECONNREFUSED db-host:5432";
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await readyz();
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "unavailable" });
    expect(text).not.toContain("db-host");
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("db-host"));
  });
});
