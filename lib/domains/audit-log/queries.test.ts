import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { audit } from "@/lib/core/audit";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { auditLogEntries, describeDetail, listAuditLog, listRecentChanges } from "./queries";
import { COUNT_CAP } from "@/lib/core/paging";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

async function addRows(accountId: number, rows: { action: string; actorName: string; minute: number; actorType?: string }[]) {
  for (const r of rows) {
    await db.auditLog.create({
      data: {
        accountId,
        actorType: r.actorType ?? "subuser",
        actorId: "1",
        actorName: r.actorName,
        action: r.action,
        targetType: "subuser",
        targetId: "7",
        detail: JSON.stringify({ name: r.actorName, roles: ["Admin"] }),
        ip: "10.0.0.1",
        createdAt: new Date(T0 + r.minute * 60_000),
      },
    });
  }
}

describe("listAuditLog", () => {
  let mine: TestAccount;
  let other: TestAccount;
  let owner: Actor;

  beforeAll(async () => {
    mine = await createTestAccount();
    other = await createTestAccount();
    owner = await mine.actor("MainAccount");
    // 25 rows in my account, minutes 0..24; actions alternate so filtering has something to find.
    await addRows(
      mine.id,
      Array.from({ length: 25 }, (_, i) => ({
        action: i % 5 === 0 ? "application.create" : "subuser.update",
        actorName: i < 10 ? "alice-admin" : "bob-builder",
        minute: i,
      })),
    );
    await addRows(other.id, [
      { action: "application.create", actorName: "alice-admin", minute: 100 },
      { action: "secret.foreign", actorName: "mallory", minute: 101 },
    ]);
  });

  it("shows only the actor's account, newest first, with a stable total", async () => {
    const page = await listAuditLog(owner, { size: 100 });
    expect(page.total).toBe(25);
    expect(page.rows).toHaveLength(25);
    expect(page.rows.map((r) => r.actorName)).not.toContain("mallory");
    const times = page.rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.rows[0]!.createdAt.getTime()).toBe(T0 + 24 * 60_000);
  });

  it("never reaches another account's rows, even when the filter matches only them", async () => {
    const page = await listAuditLog(owner, { q: "foreign" });
    expect(page.total).toBe(0);
    expect(page.rows).toEqual([]);
    const theirs = await listAuditLog(await other.actor("MainAccount"), { q: "foreign" });
    expect(theirs.total).toBe(1);
  });

  it("pages in order without gaps or repeats", async () => {
    const seen: number[] = [];
    for (let p = 1; p <= 3; p++) {
      const page = await listAuditLog(owner, { page: p, size: 10, dir: "asc" });
      expect(page.page).toBe(p);
      expect(page.rows.length).toBe(p < 3 ? 10 : 5);
      seen.push(...page.rows.map((r) => r.createdAt.getTime()));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => T0 + i * 60_000));
  });

  it("reads the last page when asked for one past it", async () => {
    const page = await listAuditLog(owner, { page: 99, size: 10 });
    expect(page.page).toBe(3);
    expect(page.rows).toHaveLength(5);
  });

  it("sorts by action and by actor, ties by time in the same direction", async () => {
    const key = (r: { action: string; actorName: string; createdAt: Date }, column: "action" | "actorName") => `${r[column]} ${r.createdAt.toISOString()}`;
    for (const column of ["action", "actorName"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const keys = (await listAuditLog(owner, { sort: column, dir, size: 100 })).rows.map((r) => key(r, column));
        const sorted = [...keys].sort();
        expect(keys, `${column} ${dir}`).toEqual(dir === "asc" ? sorted : sorted.reverse());
      }
    }
    const byAction = await listAuditLog(owner, { sort: "action", dir: "asc", size: 100 });
    expect(byAction.rows.slice(0, 5).map((r) => [r.action, r.createdAt.getTime()])).toEqual([0, 5, 10, 15, 20].map((m) => ["application.create", T0 + m * 60_000]));
    const byActorDesc = await listAuditLog(owner, { sort: "actorName", dir: "desc", size: 100 });
    expect(byActorDesc.rows[0]).toMatchObject({ actorName: "bob-builder", createdAt: new Date(T0 + 24 * 60_000) });
    expect(byActorDesc.rows.at(-1)).toMatchObject({ actorName: "alice-admin", createdAt: new Date(T0) });
  });

  it("filters by action text and by actor text, case-insensitively", async () => {
    const byAction = await listAuditLog(owner, { q: "APPLICATION.create", size: 100 });
    expect(byAction.total).toBe(5);
    expect(byAction.rows.every((r) => r.action === "application.create")).toBe(true);
    const byActor = await listAuditLog(owner, { q: "alice", size: 100 });
    expect(byActor.total).toBe(10);
    expect(byActor.rows.every((r) => r.actorName === "alice-admin")).toBe(true);
    const none = await listAuditLog(owner, { q: "no-such-thing" });
    expect(none).toMatchObject({ total: 0, rows: [], page: 1 });
  });

  it("finds an action written as its sentence says it, with spaces or hyphens for the name's underscores", async () => {
    const a = await createTestAccount();
    const actor = await a.actor("MainAccount");
    await db.auditLog.create({ data: { accountId: a.id, actorType: "owner", actorId: String(a.id), actorName: a.name, action: "profile.two_step_on", detail: "{}" } });
    for (const q of ["two-step", "Two Step", "two_step", "TWO-STEP ON"]) expect((await listAuditLog(actor, { q })).total, q).toBe(1);
    expect((await listAuditLog(actor, { q: "three-step" })).total).toBe(0);
  });

  it("filters by the target named in the detail, case-insensitively, inside the account", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    const row = (accountId: number, name: string) =>
      db.auditLog.create({ data: { accountId, actorType: "owner", actorId: "1", actorName: "owner", action: "application.create", targetType: "application", targetId: "9", detail: JSON.stringify({ name }) } });
    await row(a.id, "Sales-Line");
    await row(a.id, "support");
    await row(b.id, "sales-line");
    const found = await listAuditLog(await a.actor("MainAccount"), { q: "sales-LINE" });
    expect(found.total).toBe(1);
    expect(found.rows[0]!.sentence).toContain("Sales-Line");
  });

  it("filters by a time range, from inclusive and to exclusive (UTC)", async () => {
    const at = (minute: number) => new Date(T0 + minute * 60_000);
    const range = await listAuditLog(owner, { from: at(5), to: at(10), size: 100, dir: "asc" });
    expect(range.rows.map((r) => r.createdAt)).toEqual([5, 6, 7, 8, 9].map(at));
    expect(range).toMatchObject({ total: 5, capped: false });
    expect((await listAuditLog(owner, { from: at(20) })).total).toBe(5);
    expect((await listAuditLog(owner, { to: at(3) })).total).toBe(3);
    // With the text filter too: the range narrows it.
    expect((await listAuditLog(owner, { from: at(5), to: at(10), q: "application.create" })).rows.map((r) => r.createdAt)).toEqual([at(5)]);
  });

  it("filters by outcome and by kind of entry", async () => {
    const acct = await createTestAccount();
    const o = await acct.actor("MainAccount");
    const who = { accountId: acct.id, actorType: "owner" as const, actorId: "1", actorName: "owner", ip: "" };
    await audit(db, who, { action: "application.create", detail: { name: "a" }, at: new Date(T0) });
    await audit(db, who, { action: "subuser.delete", outcome: "denied", detail: { name: "b" }, at: new Date(T0 + 1000) });
    await audit(db, who, { action: "session.login", outcome: "failed", at: new Date(T0 + 2000) });
    await audit(db, who, { action: "api.call", outcome: "denied", detail: { method: "DelSubUser" }, at: new Date(T0 + 3000) });
    const actions = async (q: Parameters<typeof listAuditLog>[1]) => (await listAuditLog(o, q)).rows.map((r) => r.action);
    expect(await actions({ outcome: "denied" })).toEqual(["api.call", "subuser.delete"]);
    expect(await actions({ outcome: "failed" })).toEqual(["session.login"]);
    expect(await actions({ outcome: "ok" })).toEqual(["application.create"]);
    expect(await actions({ kind: "changes" })).toEqual(["subuser.delete", "application.create"]);
    expect(await actions({ kind: "access" })).toEqual(["api.call", "session.login"]);
    expect(await actions({ kind: "changes", outcome: "denied" })).toEqual(["subuser.delete"]);
    // The other account's denied rows never show.
    expect((await listAuditLog(owner, { outcome: "denied" })).total).toBe(0);
  });

  it("stops counting past COUNT_CAP and says so, still paging to the cap", async () => {
    const acct = await createTestAccount();
    const o = await acct.actor("MainAccount");
    const row = (i: number) => ({ accountId: acct.id, actorType: "owner", actorId: "1", actorName: "owner", action: "api.call", routine: true, createdAt: new Date(T0 + i * 1000) });
    await db.auditLog.createMany({ data: Array.from({ length: COUNT_CAP + 5 }, (_, i) => row(i)) });
    await db.auditLog.create({ data: { ...row(COUNT_CAP + 5), action: "application.create", routine: false } });
    const all = await listAuditLog(o, { size: 100 });
    expect(all).toMatchObject({ total: COUNT_CAP + 1, capped: true });
    expect(all.rows[0]!.action).toBe("application.create");
    // The last page the pager offers, and past it, read rows (the cap is a floor, not the end).
    const last = await listAuditLog(o, { size: 100, page: 999 });
    expect(last).toMatchObject({ page: Math.ceil((COUNT_CAP + 1) / 100), capped: true });
    expect(last.rows.length).toBeGreaterThan(0);
    // Exactly at the cap, the count is exact.
    expect(await listAuditLog(o, { kind: "access", from: new Date(T0 + 5000) })).toMatchObject({ total: COUNT_CAP, capped: false });
    expect(await listAuditLog(o, { kind: "changes" })).toMatchObject({ total: 1, capped: false });
  });

  it("returns display-ready rows", async () => {
    const [row] = (await listAuditLog(owner, { size: 10 })).rows;
    expect(row).toMatchObject({ actorType: "subuser", targetType: "subuser", targetId: "7", ip: "10.0.0.1", outcome: "ok" });
    expect(row!.detail).toBe('name: bob-builder, roles: ["Admin"]');
    expect(describeDetail("{}")).toBe("");
    expect(describeDetail("not json")).toBe("not json");
    expect(describeDetail('{"count":3,"last":"2026-12-03T23:07:08.685Z","name":"2026-12-03"}')).toBe("count: 3, last: 2026-12-03 23:07:08 UTC, name: 2026-12-03");
  });

  it("rejects bad list parameters with a field error", async () => {
    await expect(listAuditLog(owner, { size: 1000 })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "size" });
    // @ts-expect-error -- an unknown sort key must not reach orderBy
    await expect(listAuditLog(owner, { sort: "passwordHash" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "sort" });
    // @ts-expect-error -- outcomes are an allow-list
    await expect(listAuditLog(owner, { outcome: "maybe" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "outcome" });
    // @ts-expect-error -- a date, not text
    await expect(listAuditLog(owner, { from: "yesterday" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "from" });
  });

  it("is open exactly to the principals holding Logs", async () => {
    for (const role of PRINCIPALS) {
      const actor = await mine.actor(role);
      if (can(actor, "logs")) {
        expect((await listAuditLog(actor)).total, role).toBe(25);
      } else {
        await expect(listAuditLog(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    const key: Actor = { ...owner, kind: "key", keyId: "k1", roles: ["Owner"] };
    await expect(listAuditLog(key)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("auditLogEntries (the Logs CSV)", () => {
  it("reads every match in keyset batches, rows sharing a time included once, in both directions", async () => {
    const acct = await createTestAccount();
    const o = await acct.actor("MainAccount");
    // Seven rows, three of them at the same instant, read two at a time.
    const minutes = [0, 1, 1, 1, 2, 3, 4];
    await addRows(acct.id, minutes.map((minute, i) => ({ action: i === 5 ? "application.create" : "subuser.update", actorName: `a${i}`, minute })));
    const all = async (q: Parameters<typeof auditLogEntries>[1], batch = 2) => {
      const out: string[] = [];
      for await (const r of auditLogEntries(o, q, batch)) out.push(r.actorName);
      return out;
    };
    const page = (await listAuditLog(o, { size: 100 })).rows.map((r) => r.actorName);
    expect(await all({})).toEqual(page);
    expect(await all({ dir: "asc" })).toEqual([...page].reverse());
    expect(await all({}, 1000)).toEqual(page);
    expect(await all({ q: "application" })).toEqual(["a5"]);
    expect(await all({ from: new Date(T0 + 60_000), to: new Date(T0 + 2 * 60_000) })).toHaveLength(3);
  });

  it("checks the section and the filters before reading", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (!can(actor, "logs")) expect(() => auditLogEntries(actor), role).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
    const owner = await acct.actor("MainAccount");
    // @ts-expect-error -- outcomes are an allow-list
    expect(() => auditLogEntries(owner, { outcome: "maybe" })).toThrow(expect.objectContaining({ code: "INVALID_INPUT", field: "outcome" }));
  });
});

describe("listRecentChanges", () => {
  it("lists the account's newest changes as sentences, leaving out logins and API calls, for holders of Logs only", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const owner = await acct.actor("MainAccount");
    // Through audit(), which marks logins and API calls routine as every writer's rows are.
    const row = (accountId: number, action: string, minute: number) =>
      audit(db, { accountId, actorType: "owner", actorId: "1", actorName: "x", ip: "" }, { action, detail: { name: `n${minute}` }, at: new Date(T0 + minute * 60_000) });
    await row(acct.id, "session.login", 1);
    await row(acct.id, "application.create", 2);
    await row(acct.id, "api.call", 3);
    await row(acct.id, "subuser.delete", 4);
    await row(other.id, "application.delete", 5);
    const rows = await listRecentChanges(owner);
    expect(rows.map((r) => r.sentence)).toEqual(["The account owner deleted the subuser n4", "The account owner created the application n2"]);
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (can(actor, "logs")) expect(await listRecentChanges(actor), role).toHaveLength(2);
      else await expect(listRecentChanges(actor), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
