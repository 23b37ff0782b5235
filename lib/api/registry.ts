// The Management API method registry. A method is one declaration: its name (which must be in
// lib/access/api-methods.ts, where its allowed key roles live beside the panel matrix), its
// zod parameter schema in wire names (built from lib/api/wire.ts and the shared domain
// schemas), its response shape, how its domain errors map to the contract's codes, and a
// handler that calls the same lib/<domain> functions as the panel's server actions.
//
//   export const getThings = defineMethod({
//     name: "GetThings", group: "Things", summary: "Lists things.",
//     params: z.object({ thing_id: w.id(999).optional(), ...w.paging }),
//     response: listResponse(ZThingView),
//     errors: { notFound: 999, fields: { thingId: "thing_id" } },
//     async handler(p, { actor }) { const { items, total } = await listThings(actor, {...}); return page(items.map(toView), total); },
//   });
//
// The pipeline (lib/api/handle.ts) authenticates, rate-limits, checks the method's roles (104)
// BEFORE anything else runs, checks the exactly-one-of groups, parses the parameters, then
// calls the handler; domain functions authorize again.
import { z } from "zod";
import type { ApiMethod } from "@/lib/access/api-methods";
import type { Actor } from "@/lib/access/actor-types";
import type { Clock } from "@/lib/core/clock";
import type { ApiAccount } from "./auth";
import type { ErrorMapping } from "./errors";

export type KeyActor = Actor & { kind: "key"; keyId: string };

export type ApiContext = {
  actor: KeyActor;
  /** The account acted on (the key's, or the child account named by `iss`). */
  account: ApiAccount;
  clock: Clock;
  /** This server's Management API address, e.g. https://panel.example.com/platform_api. */
  apiAddress: string;
};

/** A success body: {"result": ...} plus method-specific siblings (count, total_count, ...). */
export type ApiSuccess = { result: unknown } & Record<string, unknown>;

/**
 * A method whose success is a file (DownloadHistoryReport): the pipeline answers with this
 * response as it is (streamed); its errors are JSON like every other method's.
 */
export class ApiFile {
  constructor(readonly response: Response) {}
}

/**
 * Two parameters of which exactly one may be given. Both: 449 for role_id/role_name, else 458.
 * Neither, when `required`: 485.
 */
export type OneOf = { params: readonly [string, string]; required: boolean };

export type MethodDef<S extends z.ZodObject = z.ZodObject> = {
  name: ApiMethod;
  /** The reference's section ("Role system", "Applications", ...), for the docs. */
  group: string;
  summary: string;
  params: S;
  oneOf?: readonly OneOf[];
  /**
   * The success body's shape: documents the method and lets tests check every answer. A file
   * method (`file` set) declares `{result: string}`: the test kit reads its file as that.
   */
  response: z.ZodType;
  /** Set when success is a file of this content type, not JSON (the handler returns an ApiFile). */
  file?: { contentType: string };
  errors?: ErrorMapping;
  // Method syntax (not a function-typed property) so a list of methods with different
  // parameter schemas type-checks: parameters are checked where each method is declared.
  handler(params: z.output<S>, ctx: ApiContext): Promise<ApiSuccess | ApiFile>;
};

export type RegisteredMethod = MethodDef<z.ZodObject>;

export function defineMethod<S extends z.ZodObject>(def: MethodDef<S>): MethodDef<S> {
  return def;
}

/** Builds the name -> method map, refusing duplicates (two declarations of one method). */
export function buildRegistry(methods: readonly RegisteredMethod[]): ReadonlyMap<string, RegisteredMethod> {
  const map = new Map<string, RegisteredMethod>();
  for (const m of methods) {
    if (map.has(m.name)) throw new Error(`Management API method ${m.name} is declared twice`);
    map.set(m.name, m);
  }
  return map;
}

// Success bodies.

/** {"result": value, ...extra} */
export function ok(result: unknown, extra: Record<string, unknown> = {}): ApiSuccess {
  return { result, ...extra };
}

/** Mutations: {"result": 1} (plus any method-specific siblings). */
export function done(extra: Record<string, unknown> = {}): ApiSuccess {
  return { result: 1, ...extra };
}

/** Lists: {"result": [...], "count": n, "total_count": n}. */
export function page(items: readonly unknown[], total: number): ApiSuccess {
  return { result: items, count: items.length, total_count: total };
}

// Response shapes, for the docs and the tests.

export function okResponse(result: z.ZodType, extra: Record<string, z.ZodType> = {}) {
  return z.object({ result, ...extra });
}

export const DONE_RESPONSE = z.object({ result: z.literal(1) });

export function listResponse(item: z.ZodType) {
  return z.object({ result: z.array(item), count: z.number().int(), total_count: z.number().int() });
}
