import { beforeEach, describe, expect, it, vi } from "vitest";
import { can, type Role } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { PRINCIPALS } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

function actorWith(role: Role): PanelActor {
  return {
    kind: role === "MainAccount" ? "owner" : "subuser",
    accountId: 1,
    accountName: "acme",
    accountEmail: "acme@test.local",
    subuserId: role === "MainAccount" ? null : 2,
    keyId: null,
    name: role.toLowerCase(),
    roles: [role],
    ip: "127.0.0.1",
    sessionId: "s",
    sessionCreatedAt: new Date(),
    sessionExpiresAt: new Date(Date.now() + 3_600_000),
  };
}

describe("GET /calls/export", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    const res = await GET();
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("call_id");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "calls.downloads");
    it(`${role}: ${allowed ? "downloads the CSV" : "403 naming the roles that would grant it"}`, async () => {
      session.actor = actorWith(role);
      const res = await GET();
      const body = await res.text();
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="calls-acme-\d{4}-\d{2}-\d{2}\.csv"$/);
        // No call table yet: exactly the header row.
        expect(body).toBe("call_id,start_time_utc,duration_seconds,application,direction,from,to,status,cost\r\n");
      } else {
        expect(res.status).toBe(403);
        expect(body).toMatch(/^Only the account owner, .* can use “All call downloads”\.$/);
        expect(body).not.toContain("call_id");
      }
    });
  }
});
