// A memo in front of Prisma's query compiler (issue 11). Prisma 6.19's JS engine turns every
// query into a plan by calling a WebAssembly compiler with the query as JSON, 0.2–0.5 ms each
// here, and keeps no cache: profiled under the bench's load, compiling was 16% of an API read's
// CPU. Two caches, per compiler (one per client: schema, provider):
// - by the query's whole text: the same query (the same session's lookup, the same page's first
//   page) compiles once;
// - by the query's shape (lib/core/prisma-plan-shape.ts): a query that differs only in its values
//   (a timestamp, an id, an audit row's fields) gets the shape's plan with its own values put in.
//   A new shape's first VERIFY_USES uses are also compiled for real and must give the same plan,
//   or the shape is refused for good (compiled every time); under test (NODE_ENV=test) one use in
//   TEST_CHECK_EVERY after those is compared too, and a mismatch throws, so the whole suite keeps
//   checking the shapes it runs, at many values each.
// Plans are read, never written, by Prisma's executor; the test suite freezes them so a Prisma
// upgrade that starts writing to one fails there.
//
// Remove this when Prisma caches plans itself (Prisma 7 parameterizes and caches queries).
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { env } from "./env";
import { LruMap } from "./lru";
import { instantiate, shapeOf, templateOf, type PlanTemplate } from "./prisma-plan-shape";

/** Plans kept per compiler, least recently used dropped first. */
export const PLAN_CACHE_ENTRIES = 2_000;
/** Longer query JSON (long IN lists, bulk inserts) is not kept by its text: rarely repeated, and large to keep. */
export const PLAN_CACHE_MAX_QUERY_CHARS = 4_096;
/** Query JSON up to this long is looked up by shape (an audit batch of 20 rows is about 9 kB). */
export const PLAN_SHAPE_MAX_QUERY_CHARS = 65_536;
/** How many uses of a new shape are also compiled, and must match, before the shape is trusted. */
export const VERIFY_USES = 2;
/**
 * Under test, one use of a trusted shape in this many is compiled too and must match. Every use
 * would check more, at a compile and two serialized plans per query, all through the suite.
 */
export const TEST_CHECK_EVERY = 8;

const stats = { hits: 0, shapeHits: 0, misses: 0, skipped: 0, refusedShapes: 0 };

/**
 * Counts since the process started: hits (by text), shapeHits (a shape's plan with the query's
 * values), misses (compiled), skipped (compiled, too long to keep by text), refusedShapes (shapes
 * whose plan cannot take other values exactly).
 */
export function planCacheStats(): Readonly<typeof stats> {
  return { ...stats };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

type Compile = (this: object, request: string) => unknown;
const PATCHED = Symbol.for("switchboard.planCache");
const UNCACHED = Symbol.for("switchboard.planCache.uncached");

/** The compiler's own plan for `request`, past both caches (for the tests' comparisons). */
export function compileUncached(compiler: object, request: string): unknown {
  const compile = (Object.getPrototypeOf(compiler) as { [UNCACHED]?: Compile })[UNCACHED];
  if (!compile) throw new Error("compileUncached: this compiler has no plan cache");
  return compile.call(compiler, request);
}

/** A shape's template, how many of its uses matched a real compile, and how many it served; null: refused. */
type ShapeEntry = { template: PlanTemplate; verified: number; uses: number } | null;

/**
 * Puts the two caches in front of `proto.compile` (a query compiler's prototype; exported for the
 * tests, which also use it on a compiler of their own). `checkEvery`: n > 0 compiles one use in n
 * of a trusted shape for real too and throws when its plan differs (1: every use; 0: never, as in
 * production). `freeze`: deep-freezes kept plans, so a Prisma that writes to one fails a test.
 */
export function memoize(
  proto: { compile: Compile } & { [PATCHED]?: true; [UNCACHED]?: Compile },
  { checkEvery = env().NODE_ENV === "test" ? TEST_CHECK_EVERY : 0, freeze = env().NODE_ENV === "test" } = {},
): void {
  if (proto[PATCHED]) return; // once per module, however often this file is evaluated (dev reloads)
  const compile = proto.compile;
  const caches = new WeakMap<object, { byText: LruMap<string, unknown>; byShape: LruMap<string, ShapeEntry> }>();
  const keep = (plan: unknown) => (freeze ? deepFreeze(plan) : plan);

  /** The plan of `request` from its shape's template, or undefined when its shape is refused or has none. */
  function byShape(compiler: object, byShapeCache: LruMap<string, ShapeEntry>, request: string, kept: (plan: unknown) => unknown): unknown {
    const shape = shapeOf(request);
    if (!shape) return undefined;
    let entry = byShapeCache.get(shape.key);
    if (entry === undefined) {
      let template: PlanTemplate | null = null;
      try {
        template = templateOf(keep(compile.call(compiler, shape.key)), shape);
      } catch {
        // The sentinel query does not compile (a value the schema checks): this shape is compiled per query.
      }
      entry = template ? { template, verified: 0, uses: 0 } : null;
      if (!entry) stats.refusedShapes++;
      byShapeCache.set(shape.key, entry);
    }
    if (entry === null) return undefined;
    const plan = instantiate(entry.template, shape.values);
    entry.uses++;
    if (entry.verified < VERIFY_USES || (checkEvery > 0 && entry.uses % checkEvery === 0)) {
      const real = compile.call(compiler, request); // a compile error throws, as without the cache
      stats.misses++;
      if (JSON.stringify(real) !== JSON.stringify(plan)) {
        if (entry.verified >= VERIFY_USES) throw new Error(`prisma-plan-cache: a trusted shape gave another plan than the compiler for ${request.slice(0, 500)}`);
        stats.refusedShapes++;
        byShapeCache.set(shape.key, null);
        return kept(real);
      }
      entry.verified++;
      return kept(real);
    }
    stats.shapeHits++;
    return keep(plan);
  }

  proto.compile = function cachedCompile(this: object, request: string) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = { byText: new LruMap(PLAN_CACHE_ENTRIES), byShape: new LruMap(PLAN_CACHE_ENTRIES) }));
    const keepsText = request.length <= PLAN_CACHE_MAX_QUERY_CHARS;
    if (keepsText) {
      const hit = cache.byText.get(request);
      if (hit !== undefined) {
        stats.hits++;
        return hit;
      }
    }
    if (request.length <= PLAN_SHAPE_MAX_QUERY_CHARS) {
      const byText = cache.byText;
      // A real compile made to check a shape is kept by its text like any other.
      const kept = (plan: unknown) => {
        if (keepsText) byText.set(request, keep(plan));
        return plan;
      };
      const plan = byShape(this, cache.byShape, request, kept);
      if (plan !== undefined) return plan;
    }
    if (!keepsText) {
      stats.skipped++;
      return compile.call(this, request);
    }
    stats.misses++;
    const plan = compile.call(this, request); // a compile error throws and is not kept
    cache.byText.set(request, keep(plan));
    return plan;
  };
  proto[PATCHED] = true;
  proto[UNCACHED] = compile;
}

memoize(SqliteQueryCompiler.prototype as never);
memoize(PostgresQueryCompiler.prototype as never);
