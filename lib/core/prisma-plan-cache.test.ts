// Issue 11: the query-plan memo returns the same plan for the same query, compiles a query with
// other values anew, and never changes what a query answers.
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { describe, expect, it } from "vitest";
import { db, dbKind } from "./db";
import { PLAN_CACHE_MAX_QUERY_CHARS, planCacheStats } from "./prisma-plan-cache";
import { createTestAccount } from "@/test/factories";

const Compiler = dbKind() === "postgres" ? PostgresQueryCompiler : SqliteQueryCompiler;

describe("query plan memo", () => {
  it("compiles a query once, and a query with another value again; answers stay right", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    const find = (id: number) => db.account.findUnique({ where: { id }, select: { id: true, name: true } });

    await find(a.id); // compiled (or already kept by an earlier test)
    const before = planCacheStats();
    expect(await find(a.id)).toEqual({ id: a.id, name: a.name });
    const afterHit = planCacheStats();
    expect(afterHit.hits).toBe(before.hits + 1);
    expect(afterHit.misses).toBe(before.misses);

    expect(await find(b.id)).toEqual({ id: b.id, name: b.name }); // another value: another plan
    const afterMiss = planCacheStats();
    expect(afterMiss.misses).toBe(afterHit.misses + 1);
  });

  it("keeps plans frozen under test, so a Prisma that writes to a plan fails here", async () => {
    const compile = Compiler.prototype.compile;
    let plan: unknown;
    const spy = function (this: object, request: string) {
      plan = compile.call(this, request);
      return plan;
    };
    Compiler.prototype.compile = spy;
    try {
      await db.account.findFirst({ where: { name: `frozen-${Date.now()}` } });
    } finally {
      Compiler.prototype.compile = compile;
    }
    expect(plan).toBeTypeOf("object");
    expect(Object.isFrozen(plan)).toBe(true);
  });

  it("compiles queries longer than the limit every time", async () => {
    const ids = Array.from({ length: 600 }, (_, i) => 1_000_000 + i);
    const query = () => db.account.findMany({ where: { id: { in: ids } }, select: { id: true } });
    expect(JSON.stringify(ids).length).toBeGreaterThan(PLAN_CACHE_MAX_QUERY_CHARS);
    const before = planCacheStats();
    expect(await query()).toEqual([]);
    expect(await query()).toEqual([]);
    expect(planCacheStats().skipped).toBe(before.skipped + 2);
  });
});
