// auditNow(): rows of calls in flight together share one INSERT, each caller resolves only once
// its row is committed, the rows keep every field (time, flags, detail) as audit() writes them,
// a row that cannot be written fails alone, and a client's NUL never fails a row, on every adapter.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { audit, auditInsertCount, auditNow, auditRepeated, type AuditPrincipal } from "./audit";

const who = (accountId: number, actorId = "k1"): AuditPrincipal => ({ accountId, actorType: "key", actorId, actorName: "script", ip: "203.0.113.7" });

describe("auditNow", () => {
  it("writes the rows of calls in flight together with one statement, each committed before its caller goes on", async () => {
    const acct = await createTestAccount();
    const before = auditInsertCount();
    const at = new Date("2026-11-30T12:34:56.789Z");
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        auditNow(who(acct.id), { action: "api.call", targetType: "api_method", targetId: `M${i}`, detail: { method: `M${i}` }, outcome: "ok", at }).then(async () => {
          // Resolved means written: the caller's own row is already there.
          expect(await db.auditLog.count({ where: { accountId: acct.id, targetId: `M${i}` } })).toBe(1);
        }),
      ),
    );
    expect(auditInsertCount() - before).toBe(1);
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.targetId)).toEqual(Array.from({ length: 25 }, (_, i) => `M${i}`));
    expect(rows[3]).toMatchObject({ actorType: "key", actorId: "k1", actorName: "script", ip: "203.0.113.7", action: "api.call", targetType: "api_method", outcome: "ok", routine: true, detail: '{"method":"M3"}', createdAt: at });
  });

  it("stores a row exactly as audit() does, and a row without a time gets the time of the call", async () => {
    const acct = await createTestAccount();
    const entry = { action: "subuser.create", targetType: "subuser", targetId: 7, detail: { name: "x" }, outcome: "denied" as const, at: new Date("2026-01-02T03:04:05.006Z") };
    await audit(db, who(acct.id, "a"), entry);
    await auditNow(who(acct.id, "b"), entry);
    const [viaAudit, viaNow] = await db.auditLog.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" }, omit: { id: true, actorId: true } });
    expect(viaNow).toEqual(viaAudit);
    // Both in one date-range query: the raw INSERT stores the time in the same format as Prisma.
    expect(await db.auditLog.count({ where: { accountId: acct.id, createdAt: { gte: entry.at, lte: entry.at } } })).toBe(2);

    const t0 = Date.now();
    await auditNow(who(acct.id), { action: "api.call" });
    const row = await db.auditLog.findFirstOrThrow({ where: { accountId: acct.id, action: "api.call" } });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(t0 - 1);
    expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.routine).toBe(true);
  });

  it("fails only the row that cannot be written when a batch fails", async () => {
    const acct = await createTestAccount();
    const results = await Promise.allSettled([
      auditNow(who(acct.id), { action: "api.call", targetId: "first" }),
      auditNow(who(2_000_000_000), { action: "api.call", targetId: "no such account" }),
      auditNow(who(acct.id), { action: "api.call", targetId: "last" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await db.auditLog.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" } })).map((r) => r.targetId)).toEqual(["first", "last"]);
  });

  it("stores a NUL from a client (a method name, a login name) as U+FFFD, through audit(), auditNow() and auditRepeated()", async () => {
    const acct = await createTestAccount();
    const client = { accountId: acct.id, actorType: "key" as const, actorId: "k\u0000", actorName: "n\u0000ame", ip: "203.0.113.7\u0000" };
    const entry = { action: "api.call", targetType: "api_method", targetId: "Get\u0000Users", detail: { method: "Get\u0000Users" } };
    await audit(db, client, entry);
    await auditNow(client, entry);
    await auditRepeated(client, { ...entry, action: "api.auth_failed", at: new Date() }, 60_000);
    await auditRepeated(client, { ...entry, action: "api.auth_failed", at: new Date() }, 60_000);
    const rows = await db.auditLog.findMany({ where: { accountId: acct.id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r).toMatchObject({ actorId: "k\uFFFD", actorName: "n\uFFFDame", ip: "203.0.113.7\uFFFD", targetId: "Get\uFFFDUsers" });
      // detail is JSON: the NUL is its escape there and reads back as it was sent.
      expect((JSON.parse(r.detail) as { method: string }).method).toBe("Get\u0000Users");
    }
    // The repeat found the first failure's row: one row, counted twice.
    expect(JSON.parse(rows[2]!.detail)).toMatchObject({ count: 2 });
  });
});
