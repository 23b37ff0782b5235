// Server-side half of the data-table kit's server mode: the list state lives in the URL
// (?q=&sort=&dir=&page=&size=) and server components parse it here before fetching one page.
// Parsing never throws: a hand-edited or stale URL falls back to the defaults instead of a 500,
// and `sort` is restricted to an allow-list so it can go straight into an orderBy.
import { z } from "zod";
import { unsafeTextProblem } from "@/lib/core/safe-text";

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
/** Every list's first page size, in client and server mode alike. */
export const DEFAULT_PAGE_SIZE: PageSize = 20;
export type SortDir = "asc" | "desc";

/** The parsed list state. Plain data: safe to pass from a server component to DataTable. */
export type ListParams<S extends string = string> = {
  q: string;
  sort: S;
  dir: SortDir;
  /** 1-based. */
  page: number;
  size: PageSize;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

export const Q_MAX_LENGTH = 100;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * Parses a list page's search params. `q` must be safe text (lib/core/safe-text.ts), `sort` one of
 * `opts.sort`, `size` one of PAGE_SIZES, `page` an integer >= 1, `dir` asc|desc; anything else
 * takes the default.
 *
 * @example
 * const params = parseListParams(await searchParams, { sort: ["name", "createdAt"], defaultSort: "name" });
 * const { rows, total } = await listThings(actor, { ...params, skip: skipOf(params) });
 */
export function parseListParams<const S extends string>(
  raw: RawSearchParams,
  opts: { sort: readonly [S, ...S[]]; defaultSort?: S; defaultDir?: SortDir; defaultSize?: PageSize },
): ListParams<S> {
  const defaultSort = opts.defaultSort ?? opts.sort[0];
  const schema = z.object({
    // Text with a control character (PostgreSQL refuses a NUL) or a lone surrogate searches nothing.
    q: z.preprocess(first, z.string().trim().max(Q_MAX_LENGTH).refine((v) => unsafeTextProblem("q", v) === null)).catch(""),
    sort: z.preprocess(first, z.enum(opts.sort as unknown as [S, ...S[]])).catch(defaultSort),
    dir: z.preprocess(first, z.enum(["asc", "desc"])).catch(opts.defaultDir ?? "asc"),
    page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
    size: z
      .preprocess(first, z.coerce.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)))
      .catch(opts.defaultSize ?? DEFAULT_PAGE_SIZE),
  });
  const parsed = schema.parse({ q: raw.q ?? "", sort: raw.sort, dir: raw.dir, page: raw.page, size: raw.size });
  return parsed as ListParams<S>;
}

export { lastPageOf, skipOf } from "@/lib/core/paging";
