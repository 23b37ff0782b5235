// Issue 11: the query-plan memo returns the same plan for the same query, gives a query that
// differs only in its values its shape's plan with those values (the same plan the compiler
// makes, on this driver's compiler), and never changes what a query answers.
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { describe, expect, it } from "vitest";
import { db, dbKind } from "./db";
import { compileUncached, memoize, PLAN_CACHE_MAX_QUERY_CHARS, planCacheStats, VERIFY_USES } from "./prisma-plan-cache";
import { MAX_SHAPE_VALUES } from "./prisma-plan-shape";
import { createTestAccount } from "@/test/factories";

const Compiler = dbKind() === "postgres" ? PostgresQueryCompiler : SqliteQueryCompiler;
type Compile = (this: object, request: string) => unknown;

/** Runs `work` and answers the compiler's own compile (past the caches) and every request it compiled meanwhile. */
async function capture(work: () => Promise<unknown>): Promise<{ compiler: { compile(r: string): unknown }; requests: string[] }> {
  const compile = Compiler.prototype.compile as Compile;
  let compiler: { compile(r: string): unknown } | undefined;
  const requests: string[] = [];
  Compiler.prototype.compile = function (this: object, request: string) {
    compiler ??= { compile: (r: string) => compileUncached(this, r) };
    requests.push(request);
    return compile.call(this, request);
  };
  try {
    await work();
  } finally {
    Compiler.prototype.compile = compile;
  }
  return { compiler: compiler!, requests };
}

describe("query plan memo", () => {
  it("compiles a query once, and answers a query with another value right", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    const find = (id: number) => db.account.findUnique({ where: { id }, select: { id: true, name: true } });

    await find(a.id); // compiled (or already kept by an earlier test)
    const before = planCacheStats();
    expect(await find(a.id)).toEqual({ id: a.id, name: a.name });
    const afterHit = planCacheStats();
    expect(afterHit.hits).toBe(before.hits + 1);
    expect(afterHit.misses).toBe(before.misses);

    expect(await find(b.id)).toEqual({ id: b.id, name: b.name });
  });

  it("gives queries that differ in their values their shape's plan, the one the compiler makes", async () => {
    const accounts = [await createTestAccount(), await createTestAccount(), await createTestAccount()];
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 10, 30, 15, 250));
    const { compiler, requests } = await capture(async () => {
      for (const [i, account] of accounts.entries()) {
        await db.account.findUnique({ where: { id: account.id }, select: { id: true, name: true } });
        await db.auditLog.create({ data: { accountId: account.id, actorType: "owner", actorId: `o-${i}`, actorName: `name ${i}`, action: "test.plan", createdAt: day(i + 2) } });
        await db.auditLog.findMany({
          where: { accountId: account.id, createdAt: { gte: day(i + 1), lt: day(i + 5) }, action: { contains: `plan%_${i}` } },
          orderBy: { id: "desc" },
          skip: i + 2,
          take: -(i + 5),
        });
        await db.auditLog.updateMany({ where: { accountId: account.id, actorId: `o-${i}` }, data: { ip: `10.0.0.${i + 2}` } });
        await db.account.update({ where: { id: account.id }, data: { numberCount: { increment: i + 2 } }, select: { id: true } });
        await db.auditLog.count({ where: { accountId: { in: [account.id, account.id + 2, account.id + 5] }, outcome: { not: `x${i}` } } });
        await db.$queryRaw`SELECT ${account.id} AS "id", ${`text ${i}`} AS "text", ${day(i + 2)} AS "at"`;
      }
    });
    // A stand-in compiler that compiles with the driver's own, behind a memo of its own that
    // checks only a shape's first uses, as in production.
    class Stand {
      compile(request: string) {
        return compiler.compile(request);
      }
    }
    memoize(Stand.prototype as never, { checkEvery: 0 });
    const stand = new Stand();
    const expected = requests.map((r) => compiler.compile(r));
    const before = planCacheStats();
    const plans = requests.map((r) => stand.compile(r));
    const after = planCacheStats();
    expect(plans).toEqual(expected);
    // Three accounts, seven shapes: the first VERIFY_USES uses of each are compiled, the rest are not.
    const shapes = 7;
    expect(after.refusedShapes - before.refusedShapes).toBe(0);
    expect(after.shapeHits - before.shapeHits).toBe(shapes * (accounts.length - VERIFY_USES));
  });

  it("refuses a shape whose first uses do not match, and throws when a checked use of a trusted one stops matching", () => {
    // A compiler whose plan depends on a value beyond its class: id 999 reads another table.
    const plan = (request: string) => {
      const id = JSON.parse(request).query.arguments.where.id as number;
      return { sql: id === 999 ? "SELECT * FROM other WHERE id = ?" : "SELECT * FROM t WHERE id = ?", args: [id] };
    };
    const request = (id: number, model = "T") => JSON.stringify({ modelName: model, action: "findFirst", query: { arguments: { where: { id } }, selection: { id: true } } });
    class Checked {
      compile(r: string) {
        return plan(r);
      }
    }
    memoize(Checked.prototype as never, { checkEvery: 1 });
    const checked = new Checked();
    for (let id = 2; id < 2 + VERIFY_USES + 2; id++) expect(checked.compile(request(id))).toEqual(plan(request(id)));
    expect(() => checked.compile(request(999))).toThrow(/a trusted shape gave another plan/);

    class Unchecked {
      compile(r: string) {
        return plan(r);
      }
    }
    memoize(Unchecked.prototype as never, { checkEvery: 0 });
    const unchecked = new Unchecked();
    const before = planCacheStats();
    // Its first use already differs (999 is not where the sentinel's plan puts it): refused, compiled from then on.
    expect(unchecked.compile(request(999, "U"))).toEqual(plan(request(999, "U")));
    expect(planCacheStats().refusedShapes).toBe(before.refusedShapes + 1);
    expect(unchecked.compile(request(5, "U"))).toEqual(plan(request(5, "U")));
    expect(planCacheStats().shapeHits).toBe(before.shapeHits);
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

  it("looks a long query up by shape, and compiles one with too many values every time", async () => {
    const before = planCacheStats();
    const ids = Array.from({ length: 600 }, (_, i) => 1_000_000 + i);
    expect(JSON.stringify(ids).length).toBeGreaterThan(PLAN_CACHE_MAX_QUERY_CHARS);
    expect(await db.account.findMany({ where: { id: { in: ids } }, select: { id: true } })).toEqual([]);
    expect(planCacheStats().skipped).toBe(before.skipped);

    const many = Array.from({ length: MAX_SHAPE_VALUES + 1 }, (_, i) => 1_000_000 + i);
    const query = () => db.account.findMany({ where: { id: { in: many } }, select: { id: true } });
    expect(await query()).toEqual([]);
    expect(await query()).toEqual([]);
    expect(planCacheStats().skipped).toBe(before.skipped + 2);
  });
});
