// The export streams: 100,000 sessions leave the heap within a bound far below what holding the
// rows (or the file) would take, because the query walks the index by keyset in batches and the
// CSV is written as the response is read.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount } from "@/test/factories";
import { fixtureCallApp } from "@/lib/domains/calls/call-fixtures";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET } = await import("./route");

const ROWS = 100_000;

// A full collection before each sample, so the heap measured is what is live, not garbage not yet
// collected (the documented way to reach gc() without starting node with --expose-gc).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

describe("the call history export's memory", () => {
  beforeAll(async () => {
    const acct = await createTestAccount();
    const app = await fixtureCallApp(acct.id);
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < ROWS; i += 5000) {
      await db.callSession.createMany({
        data: Array.from({ length: 5000 }, (_, j) => {
          const at = new Date(start + (i + j) * 60_000);
          return { accountId: acct.id, applicationId: app.id, initiator: "panel", direction: "outbound", fromNumber: "+14155550100", toNumber: "+12125550199", status: "completed", startedAt: at, plannedEndAt: at, durationSeconds: 61, costMinor: 4, customData: "x".repeat(100) };
        }),
      });
    }
    session.actor = { ...(await acct.actor(OWNER_ROLE)), accountEmail: "x@test.local", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date(Date.now() + 3_600_000) } as PanelActor;
  }, 120_000);

  it(`streams ${ROWS.toLocaleString("en")} rows with bounded heap growth`, async () => {
    const baseline = liveHeap();
    let peak = baseline;
    let lines = 0;
    let bytes = 0;
    const res = await GET(new Request("http://panel.test/calls/export"));
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      const before = lines;
      for (const b of value) if (b === 10) lines++;
      // Sample the live heap every 10,000 rows, mid-stream.
      if (Math.floor(before / 10_000) !== Math.floor(lines / 10_000)) peak = Math.max(peak, liveHeap());
    }
    expect(lines).toBe(ROWS + 1);
    // Holding 100,000 rows as objects takes well over 100 MB and the file is ~17 MB; streaming
    // keeps a few batches of 500 rows live.
    expect(bytes).toBeGreaterThan(6_000_000);
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
