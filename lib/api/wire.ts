// Management API parameter types. Every value arrives as text (query string, urlencoded or
// multipart), possibly repeated; these zod builders turn the wire form into typed values, with
// the contract's rules: decimal integers, true/false/1/0 booleans (any case), `;`-separated
// lists (repeats merged), the literal `all` where an id list allows it. Each is a z.preprocess
// in front of the typed schema, so z.toJSONSchema (io: "input") documents the typed value and
// shared domain schemas (lib/<domain>/schemas.ts) can sit behind them unchanged.
import { z } from "zod";
import { MAX_RECORD_ID } from "@/lib/core/ids";

/** One parameter as received: a value, or several when repeated. */
export type RawValue = string | string[];
export type RawParams = Record<string, RawValue>;

type Ctx = z.core.$RefinementCtx;

const fail = (ctx: Ctx, message: string, apiCode = 101) => {
  ctx.addIssue({ code: "custom", message, params: { apiCode } });
  return z.NEVER;
};

/** The single value of a scalar parameter; undefined when absent. */
function single(v: unknown, ctx: Ctx): string | undefined | typeof z.NEVER {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length > 1) return fail(ctx, "must be given once");
    v = v[0];
  }
  if (typeof v !== "string") return fail(ctx, "must be text");
  return v;
}

/** Non-text scalars: an empty value counts as absent (clients send `x=` for "not set"). */
function nonEmpty(v: unknown, ctx: Ctx): string | undefined | typeof z.NEVER {
  const s = single(v, ctx);
  if (typeof s !== "string") return s;
  const t = s.trim();
  return t === "" ? undefined : t;
}

const INT_RE = /^[+-]?\d{1,16}$/;

function toInt(s: string): number | undefined {
  if (!INT_RE.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function listItems(v: unknown, ctx: Ctx): string[] | undefined | typeof z.NEVER {
  if (v === undefined) return undefined;
  const values = Array.isArray(v) ? v : [v];
  if (!values.every((x) => typeof x === "string")) return fail(ctx, "must be text");
  const items = (values as string[]).flatMap((x) => x.split(";")).map((x) => x.trim()).filter((x) => x !== "");
  return items.length === 0 ? undefined : items;
}

type Doc = { description?: string };

// Schemas (built here) for which a blank value means "not given": every type but text, where
// "" is a real value (an empty description).
const BLANK_IS_ABSENT = new WeakSet<z.ZodType>();
function blankIsAbsent<T extends z.ZodType>(schema: T): T {
  BLANK_IS_ABSENT.add(schema);
  return schema;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const inner = (s._zod.def as { innerType?: z.ZodType }).innerType;
    if (!inner) return s;
    s = inner;
  }
}

/**
 * Drops blank values of non-text parameters, so that `x=` means "not given" for an optional
 * number, boolean or list (clients send that), while a required one still reports it empty.
 */
export function dropBlanks(shape: Record<string, z.ZodType>, raw: RawParams): RawParams {
  const out = Object.assign(Object.create(null) as RawParams, raw);
  for (const [name, value] of Object.entries(raw)) {
    const field = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (!field || !BLANK_IS_ABSENT.has(unwrap(field))) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.every((v) => v.trim() === "")) delete out[name];
  }
  return out;
}

/** A text parameter, validated by `inner` (a shared domain schema or z.string()). */
export function text<S extends z.ZodType = z.ZodString>(inner?: S, doc: Doc = {}) {
  return z.preprocess((v, ctx) => single(v, ctx), (inner ?? z.string()) as S).meta(doc);
}

/** A decimal integer. An unusable value answers `apiCode` (e.g. 434 for a subuser id). */
export function int(opts: Doc & { min?: number; max?: number; apiCode?: number } = {}) {
  const code = opts.apiCode ?? 101;
  const { min, max } = opts;
  // The range is checked in the preprocess step so that it answers with the method's code; the
  // bounds on the inner schema only document it.
  let n = z.number().int();
  if (min !== undefined) n = n.min(min);
  if (max !== undefined) n = n.max(max);
  return blankIsAbsent(z
    .preprocess((v, ctx) => {
      const s = nonEmpty(v, ctx);
      if (typeof s !== "string") return s;
      const parsed = toInt(s);
      if (parsed === undefined) return fail(ctx, "must be an integer", code);
      if (min !== undefined && parsed < min) return fail(ctx, `must be at least ${min}`, code);
      if (max !== undefined && parsed > max) return fail(ctx, `must be at most ${max}`, code);
      return parsed;
    }, n)
    .meta(opts.description ? { description: opts.description } : {}));
}

/** A positive id (at most MAX_RECORD_ID, PostgreSQL's int4). Invalid ids answer the method's "invalid X id" code. */
export function id(apiCode: number, doc: Doc = {}) {
  return int({ ...doc, min: 1, max: MAX_RECORD_ID, apiCode });
}

const TRUE = new Set(["true", "1"]);
const FALSE = new Set(["false", "0"]);

/** true/false/1/0 in any case. */
export function bool(doc: Doc = {}) {
  return blankIsAbsent(z
    .preprocess((v, ctx) => {
      const s = nonEmpty(v, ctx);
      if (typeof s !== "string") return s;
      const l = s.toLowerCase();
      if (TRUE.has(l)) return true;
      if (FALSE.has(l)) return false;
      return fail(ctx, "must be true or false");
    }, z.boolean())
    .meta(doc));
}

/** Paging: count (default 20, at most 1000, ours) and offset (default 0). */
export const paging = {
  count: int({ min: 1, max: 1000, description: "The max number of records to return (1..1000, default 20)" }).default(20),
  offset: int({ min: 0, description: "The number of records to skip (default 0)" }).default(0),
};

/** A `;`-separated list of integers (repeats merged). */
export function intList(opts: Doc & { apiCode?: number } = {}) {
  const code = opts.apiCode ?? 101;
  return blankIsAbsent(z
    .preprocess((v, ctx) => {
      const items = listItems(v, ctx);
      if (!Array.isArray(items)) return items;
      const out: number[] = [];
      for (const item of items) {
        const n = toInt(item);
        if (n === undefined || n < 1 || n > MAX_RECORD_ID) return fail(ctx, `'${item.slice(0, 40)}' is not a valid id`, code);
        out.push(n);
      }
      return out;
    }, z.array(z.number().int().positive()).min(1))
    .meta({ description: `${opts.description ?? "A list of ids"}, separated by semicolons (;)` }));
}

/** A `;`-separated id list, or the literal `all`. */
export function idListOrAll(opts: Doc & { apiCode?: number } = {}) {
  const code = opts.apiCode ?? 101;
  return blankIsAbsent(z
    .preprocess((v, ctx) => {
      const items = listItems(v, ctx);
      if (!Array.isArray(items)) return items;
      if (items.length === 1 && items[0]!.toLowerCase() === "all") return "all";
      const out: number[] = [];
      for (const item of items) {
        const n = toInt(item);
        if (n === undefined || n < 1 || n > MAX_RECORD_ID) return fail(ctx, `'${item.slice(0, 40)}' is not a valid id`, code);
        out.push(n);
      }
      return out;
    }, z.union([z.literal("all"), z.array(z.number().int().positive()).min(1)]))
    .meta({ description: `${opts.description ?? "A list of ids"}, separated by semicolons (;), or all` }));
}

/** A `;`-separated list of strings (repeats merged), each validated by `item`. */
export function stringList<S extends z.ZodType = z.ZodString>(item?: S, doc: Doc = {}) {
  return blankIsAbsent(
    z
      .preprocess((v, ctx) => listItems(v, ctx), z.array((item ?? z.string()) as S).min(1))
      .meta({ description: `${doc.description ?? "A list of names"}, separated by semicolons (;)` }),
  );
}

/** Request dates: `YYYY-MM-DD HH:mm:ss`, UTC. */
export function date(doc: Doc = {}) {
  return blankIsAbsent(z
    .preprocess((v, ctx) => {
      const s = nonEmpty(v, ctx);
      if (typeof s !== "string") return s;
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
      const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
      if (!d || Number.isNaN(d.getTime()) || formatApiDate(d) !== s) return fail(ctx, "must be a date as YYYY-MM-DD HH:mm:ss (UTC)", 111);
      return d;
    }, z.date())
    .meta({ ...doc, format: "date-time", description: `${doc.description ?? "A date"} (YYYY-MM-DD HH:mm:ss, UTC)` }));
}

/** Response timestamps: `YYYY-MM-DD HH:mm:ss` UTC, or null. Never "". */
export function formatApiDate(d: Date | null | undefined): string | null {
  if (!d) return null;
  return d.toISOString().slice(0, 19).replace("T", " ");
}

/** Response timestamps in a structure's schema: `YYYY-MM-DD HH:mm:ss` UTC, or null. */
export const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).nullable().meta({ description: "YYYY-MM-DD HH:mm:ss, UTC" });

/** Optional text where a blank value means "not given" (clients send `x=` for unset filters). */
export function optionalText<O>(inner: z.ZodType<O, string>, description: string) {
  const blankIsUndefined = z.string().transform((v) => (v.trim() === "" ? undefined : v));
  return text(blankIsUndefined.pipe(inner.optional()), { description }).optional();
}
