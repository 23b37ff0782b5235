// Issue 11: a query's shape keeps its structure and only its values vary; a plan template takes
// other values exactly, or is refused.
import { describe, expect, it } from "vitest";
import { instantiate, MAX_SHAPE_VALUES, shapeOf, templateOf } from "./prisma-plan-shape";

const model = (args: unknown, selection: unknown = { id: true }) => JSON.stringify({ modelName: "Account", action: "findMany", query: { arguments: args, selection } });
const raw = (parameters: unknown[]) => JSON.stringify({ action: "executeRaw", query: { arguments: { query: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)", parameters: JSON.stringify(parameters) }, selection: {} } });
const date = (iso: string) => ({ $type: "DateTime", value: iso });

describe("shapeOf", () => {
  it("gives queries that differ only in their values one key, with the values in order", () => {
    const a = shapeOf(model({ where: { id: 7, name: "x", createdAt: { gte: date("2026-01-02T03:04:05.006Z") } }, take: 20 }))!;
    const b = shapeOf(model({ where: { id: 9, name: "yy", createdAt: { gte: date("2027-01-02T03:04:05.006Z") } }, take: 50 }))!;
    expect(a.key).toBe(b.key);
    expect(a.values).toEqual([7, "x", "2026-01-02T03:04:05.006Z", 20]);
    expect(b.values).toEqual([9, "yy", "2027-01-02T03:04:05.006Z", 50]);
    expect(a.key).not.toContain('"x"');
  });

  it("keeps structure, booleans, null, 0, ±1, fractions and large integers in the key", () => {
    const base = { where: { id: 7, active: true, deleted: null, n: 0, m: 1, f: 1.5, big: 2 ** 40 }, orderBy: [{ name: "asc" }], take: 5 };
    const s = shapeOf(model(base))!;
    expect(s.values).toEqual([7, 5]);
    for (const change of [
      { where: { ...base.where, active: false } },
      { where: { ...base.where, deleted: "x" } },
      { where: { ...base.where, n: 3 } },
      { where: { ...base.where, m: -1 } },
      { where: { ...base.where, f: 2.5 } },
      { where: { ...base.where, big: 2 ** 41 } },
      { orderBy: [{ name: "desc" }] },
      { take: -5 },
      { where: { ...base.where, id: { in: [1, 2, 3] } } },
    ]) {
      expect(shapeOf(model({ ...base, ...change }))?.key).not.toBe(s.key);
    }
  });

  it("replaces the values of a raw query's parameters, dates included", () => {
    const a = shapeOf(raw([5, "key", { prisma__type: "date", prisma__value: "2026-01-02T03:04:05.006Z" }]))!;
    const b = shapeOf(raw([6, "other", { prisma__type: "date", prisma__value: "2026-05-02T03:04:05.006Z" }]))!;
    expect(a.key).toBe(b.key);
    expect(b.values).toEqual([6, "other", "2026-05-02T03:04:05.006Z"]);
    const sentinels = JSON.parse(JSON.parse(a.key).query.arguments.parameters) as unknown[];
    expect(sentinels).toHaveLength(3);
    expect(sentinels).not.toContain("key");
  });

  it("answers null for no values, text that is not a query, and too many values", () => {
    expect(shapeOf(model({ where: { active: true } }))).toBeNull();
    expect(shapeOf("not json")).toBeNull();
    expect(shapeOf(JSON.stringify({ action: "queryRaw", query: { arguments: { query: "SELECT 1", parameters: "nope" } } }))).toBeNull();
    const many = Array.from({ length: MAX_SHAPE_VALUES + 1 }, (_, i) => i + 2);
    expect(shapeOf(model({ where: { id: { in: many } } }))).toBeNull();
  });
});

/** A stand-in compiler: the shape of Prisma's plans, values as bound parameters. */
function fakePlan(request: string, opts: { inline?: boolean; like?: boolean; drop?: boolean } = {}) {
  const args = JSON.parse(request).query.arguments as { where: { id: number; name: string }; take: number };
  const chunk = opts.inline ? `SELECT * FROM t WHERE name = '${args.where.name}' AND id = ` : "SELECT * FROM t WHERE name = ";
  return Object.freeze({
    type: "query",
    args: {
      type: "templateSql",
      fragments: [{ type: "stringChunk", chunk }, { type: "parameter" }],
      args: [String(args.where.id), opts.like ? `%${args.where.name}%` : args.where.name, ...(opts.drop ? [] : [args.take])],
    },
  });
}

describe("templateOf and instantiate", () => {
  const first = model({ where: { id: 7, name: "x" }, take: 20 });
  const second = model({ where: { id: 123456, name: "it's 50% off" }, take: 3 });

  for (const like of [false, true]) {
    it(`puts another query's values where the sentinels were${like ? " (inside a LIKE pattern)" : ""}`, () => {
      const shape = shapeOf(first)!;
      const template = templateOf(fakePlan(shape.key, { like }), shape)!;
      expect(template).not.toBeNull();
      const other = shapeOf(second)!;
      expect(instantiate(template, other.values)).toEqual(fakePlan(second, { like }));
      expect(instantiate(template, shape.values)).toEqual(fakePlan(first, { like }));
    });
  }

  it("leaves the template as it was and shares what has no value", () => {
    const shape = shapeOf(first)!;
    const plan = fakePlan(shape.key);
    const template = templateOf(plan, shape)!;
    const before = JSON.stringify(plan);
    const made = instantiate(template, shapeOf(second)!.values) as typeof plan;
    expect(JSON.stringify(plan)).toBe(before);
    expect(made.args.fragments).toBe(plan.args.fragments);
    expect(made.args.args).not.toBe(plan.args.args);
  });

  it("refuses a plan that splices a value into SQL text", () => {
    const shape = shapeOf(first)!;
    expect(templateOf(fakePlan(shape.key, { inline: true }), shape)).toBeNull();
  });

  it("refuses a plan where a value does not land whole", () => {
    const shape = shapeOf(first)!;
    expect(templateOf(fakePlan(shape.key, { drop: true }), shape)).toBeNull();
    const plan = fakePlan(shape.key);
    expect(templateOf({ ...plan, note: `limit ${JSON.stringify(plan.args.args[2])} rows` }, shape)).toBeNull();
  });
});
