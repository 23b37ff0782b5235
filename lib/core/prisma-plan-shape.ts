// Query plans by shape (issue 11): the part of lib/core/prisma-plan-cache.ts that lets one
// compiled plan serve every query that differs only in its values.
//
// Prisma 6.19's query compiler takes a query as JSON, values included, and answers a plan whose
// SQL carries those values as parameters. A query with a timestamp, an id from the URL or a page
// number is a new JSON text every time, so a cache keyed on the text misses; compiling costs
// 0.2-0.5 ms. Here a query's values are replaced by sentinels (one per value: a string, a number
// or a DateTime of its own), the sentinel query is compiled once per shape, and the places the
// sentinels land in the plan become slots. A later query of the same shape gets the plan with its
// own values written into the slots.
//
// What keeps this exact (the cache also checks each new shape's first uses against a real compile,
// and under test one later use in TEST_CHECK_EVERY, lib/core/prisma-plan-cache.ts):
// - Only values are replaced: strings, integers 2..2^31-1 (either sign), DateTimes, inside the
//   query's `arguments`; never keys, booleans, null, 0, ±1, fractions, large integers, typed values
//   other than DateTime, nor anything under orderBy, distinct, select, include, omit, mode, ...
//   Those stay in the shape, so a query whose plan they change (take: -5 reverses the order) is
//   another shape.
// - A shape is refused (compiled per query, as before) when a sentinel does not land whole in the
//   plan (the compiler changed or consumed it), lands in SQL text (fragments, sql: a value must
//   only ever be a bound parameter, never spliced into SQL), or lands inside a string other than as
//   a string value (LIKE patterns: "%" + value + "%" is allowed, a number inside text is not).

/** Keys under which a query's arguments are structure, not values: kept as they are. */
const STRUCTURAL_KEYS = new Set(["orderBy", "distinct", "select", "include", "omit", "mode", "relationLoadStrategy", "by", "selection", "having", "_count", "_avg", "_sum", "_min", "_max", "sort", "nulls", "path"]);
/** Plan keys whose strings are SQL text: a sentinel found there refuses the shape. */
const SQL_KEYS = new Set(["fragments", "sql", "chunk", "prefix", "itemPrefix", "itemSeparator", "itemSuffix", "groupSeparator"]);
/** At most this many values per query are replaced; a query with more is compiled as it is. */
export const MAX_SHAPE_VALUES = 5_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STRING_SENTINEL = /\u0001(\d+)\u0002/g;
const stringSentinel = (i: number) => `\u0001${i}\u0002`;
const NUMBER_BASE = 1_900_000_000;
const numberSentinel = (i: number) => NUMBER_BASE + i * 10 + 7;
const dateSentinel = (i: number) => new Date(Date.UTC(2190, 0, 1) + i * 1000 + 321).toISOString();

type LeafKind = "string" | "number" | "date";
/** A query's replaced values, in order: strings (DateTimes as their ISO text) and numbers. */
export type ShapeValues = (string | number)[];
/** A query split into its shape (the sentinel query, also the cache key) and its values. */
export type Shape = { key: string; values: ShapeValues; kinds: LeafKind[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The shape of a compiler request (the JSON text Prisma hands its query compiler), or null when it
 * has no value to replace, is not JSON, or has more than MAX_SHAPE_VALUES values. Raw queries
 * ($queryRaw, $executeRaw) have their `parameters` (a JSON array in a string) replaced; model
 * queries the values in `query.arguments`.
 */
export function shapeOf(request: string): Shape | null {
  let req: unknown;
  try {
    req = JSON.parse(request);
  } catch {
    return null;
  }
  if (!isPlainObject(req) || !isPlainObject(req.query) || !isPlainObject(req.query.arguments)) return null;
  const values: ShapeValues = [];
  const kinds: LeafKind[] = [];
  let overflow = false;
  const leaf = (value: string | number, kind: LeafKind): string | number => {
    const i = values.length;
    if (i >= MAX_SHAPE_VALUES) {
      overflow = true;
      return value;
    }
    values.push(value);
    kinds.push(kind);
    return kind === "string" ? stringSentinel(i) : kind === "number" ? numberSentinel(i) : dateSentinel(i);
  };
  const scalar = (v: unknown): unknown => {
    if (typeof v === "string") return v === "" ? v : leaf(v, "string");
    if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) >= 2 && Math.abs(v) <= 2 ** 31 - 1 ? (v < 0 ? -leaf(-v, "number") : leaf(v, "number")) : v;
    return v;
  };
  const args = req.query.arguments;
  if (req.action === "queryRaw" || req.action === "executeRaw") {
    if (typeof args.parameters !== "string") return null;
    let params: unknown;
    try {
      params = JSON.parse(args.parameters);
    } catch {
      return null;
    }
    if (!Array.isArray(params)) return null;
    args.parameters = JSON.stringify(
      params.map((p) => {
        if (isPlainObject(p) && p.prisma__type === "date" && typeof p.prisma__value === "string" && ISO_DATE.test(p.prisma__value)) {
          return { ...p, prisma__value: leaf(p.prisma__value, "date") };
        }
        return scalar(p);
      }),
    );
  } else {
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (isPlainObject(node)) {
        if ("$type" in node) {
          return node.$type === "DateTime" && typeof node.value === "string" && ISO_DATE.test(node.value) ? { ...node, value: leaf(node.value, "date") } : node;
        }
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node)) out[k] = STRUCTURAL_KEYS.has(k) ? v : walk(v);
        return out;
      }
      return scalar(node);
    };
    req.query.arguments = walk(args);
  }
  if (overflow || values.length === 0) return null;
  return { key: JSON.stringify(req), values, kinds };
}

type Path = (string | number)[];
type Slot = { path: Path; make: (values: ShapeValues) => unknown };
/** A sentinel query's plan and where each value goes in it. */
export type PlanTemplate = { plan: unknown; slots: Slot[] };

/**
 * The template of `plan`, the compiled plan of `shape`'s sentinel query, or null when a value
 * cannot be put back exactly (see the header): a sentinel missing, changed, inside SQL text, or
 * inside a string other than as a string value.
 */
export function templateOf(plan: unknown, shape: Shape): PlanTemplate | null {
  const { kinds } = shape;
  const wholeNumbers = new Map<number, number>();
  const wholeStrings = new Map<string, number>();
  kinds.forEach((kind, i) => {
    if (kind === "number") {
      wholeNumbers.set(numberSentinel(i), i);
      wholeNumbers.set(-numberSentinel(i), i);
      wholeStrings.set(String(numberSentinel(i)), i);
      wholeStrings.set(String(-numberSentinel(i)), i);
    } else if (kind === "date") wholeStrings.set(dateSentinel(i), i);
  });
  const numberText = /-?19\d{8}/; // any number sentinel, for the check that none hides inside text
  const dateText = /2190-01-\d\dT/;
  const found = new Array<boolean>(kinds.length).fill(false);
  const slots: Slot[] = [];
  let refused = false;

  const visit = (node: unknown, path: Path, inSql: boolean) => {
    if (refused) return;
    if (typeof node === "number") {
      const i = wholeNumbers.get(node);
      if (i === undefined) return;
      if (inSql) return void (refused = true);
      found[i] = true;
      const negative = node < 0;
      slots.push({ path: [...path], make: (v) => (negative ? -(v[i] as number) : v[i]) });
      return;
    }
    if (typeof node === "string") {
      const whole = wholeStrings.get(node);
      if (whole !== undefined) {
        if (inSql) return void (refused = true);
        found[whole] = true;
        const kind = kinds[whole];
        const negative = node.startsWith("-");
        slots.push({ path: [...path], make: (v) => (kind === "number" ? String(negative ? -(v[whole] as number) : v[whole]) : v[whole]) });
        return;
      }
      if (numberText.test(node) && [...wholeNumbers.keys()].some((n) => node.includes(String(Math.abs(n))))) return void (refused = true);
      if (dateText.test(node) && [...wholeStrings.keys()].some((s) => node.includes(s))) return void (refused = true);
      if (!node.includes("\u0001")) return;
      if (inSql) return void (refused = true);
      const parts: (string | number)[] = [];
      let last = 0;
      for (const m of node.matchAll(STRING_SENTINEL)) {
        const i = Number(m[1]);
        if (kinds[i] !== "string") return void (refused = true);
        parts.push(node.slice(last, m.index), i);
        found[i] = true;
        last = m.index + m[0].length;
      }
      parts.push(node.slice(last));
      if (parts.some((p) => typeof p === "string" && p.includes("\u0001"))) return void (refused = true);
      slots.push({ path: [...path], make: (v) => parts.map((p) => (typeof p === "number" ? v[p] : p)).join("") });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        path.push(i);
        visit(child, path, inSql);
        path.pop();
      });
      return;
    }
    if (isPlainObject(node)) {
      for (const [k, child] of Object.entries(node)) {
        path.push(k);
        visit(child, path, inSql || SQL_KEYS.has(k));
        path.pop();
      }
    }
  };
  visit(plan, [], false);
  if (refused || found.some((f) => !f)) return null;
  return { plan, slots };
}

/**
 * `template`'s plan with `values` in its slots. The template is not changed: the objects on the
 * way to a slot are copied and everything else is shared (Prisma's executor only reads plans).
 */
export function instantiate(template: PlanTemplate, values: ShapeValues): unknown {
  const copies = new Set<object>();
  const copy = (node: object) => {
    const c = Array.isArray(node) ? node.slice() : { ...node };
    copies.add(c);
    return c;
  };
  const root = copy(template.plan as object) as Record<string | number, unknown>;
  for (const { path, make } of template.slots) {
    let node = root;
    for (let d = 0; d < path.length - 1; d++) {
      const key = path[d]!;
      let child = node[key] as Record<string | number, unknown>;
      if (!copies.has(child)) node[key] = child = copy(child) as Record<string | number, unknown>;
      node = child;
    }
    node[path[path.length - 1]!] = make(values);
  }
  return root;
}
