// A memo in front of Prisma's query compiler (issue 11). Prisma 6.19's JS engine turns every
// query into a plan by calling a WebAssembly compiler with the query as JSON, 0.3–0.5 ms each
// here, and keeps no cache: profiled under the bench's load, compiling was 16% of an API read's
// CPU. The plan is a pure function of the compiler (one per client: schema, provider) and that
// JSON, which carries the query's values too, so the same query (the same session's lookup, the
// same page's first page) compiles once. Plans are read, never written, by Prisma's executor; the
// test suite freezes them (NODE_ENV=test) so a Prisma upgrade that starts writing to one fails there.
//
// Remove this when Prisma caches plans itself (Prisma 7 parameterizes and caches queries).
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { env } from "./env";
import { LruMap } from "./lru";

/** Plans kept per compiler, least recently used dropped first. */
export const PLAN_CACHE_ENTRIES = 2_000;
/** Longer query JSON (long IN lists, bulk inserts) is compiled every time: rarely repeated, and large to keep. */
export const PLAN_CACHE_MAX_QUERY_CHARS = 4_096;

const stats = { hits: 0, misses: 0, skipped: 0 };

/** Counts since the process started: hits, misses (compiled and kept), skipped (too long to keep). */
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

function memoize(proto: { compile: Compile } & { [PATCHED]?: true }): void {
  if (proto[PATCHED]) return; // once per module, however often this file is evaluated (dev reloads)
  const compile = proto.compile;
  const caches = new WeakMap<object, LruMap<string, unknown>>();
  const freeze = env().NODE_ENV === "test";
  proto.compile = function cachedCompile(this: object, request: string) {
    if (request.length > PLAN_CACHE_MAX_QUERY_CHARS) {
      stats.skipped++;
      return compile.call(this, request);
    }
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new LruMap(PLAN_CACHE_ENTRIES)));
    const hit = cache.get(request);
    if (hit !== undefined) {
      stats.hits++;
      return hit;
    }
    stats.misses++;
    const plan = compile.call(this, request); // a compile error throws and is not kept
    cache.set(request, freeze ? deepFreeze(plan) : plan);
    return plan;
  };
  proto[PATCHED] = true;
}

memoize(SqliteQueryCompiler.prototype as never);
memoize(PostgresQueryCompiler.prototype as never);
