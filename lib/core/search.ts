// Text filters that behave the same on every database. SQLite's LIKE (what Prisma's `contains`
// and `startsWith` become there) ignores ASCII letter case; PostgreSQL's LIKE does not, and
// needs Prisma's `mode: "insensitive"` (ILIKE). Every `contains`/`startsWith` filter in lib/
// goes through ignoreCase() (test/case-insensitive-filters.test.ts checks each one's case
// behaviour on every adapter, and that no other filter of the kind exists). With the C ctype
// required of PostgreSQL databases (lib/core/db-check.ts), ILIKE folds ASCII letters only,
// exactly as SQLite does.
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseKind, databaseUrl } from "@/lib/core/db-adapter";

type TextMatch = { contains: string } | { startsWith: string };

/**
 * `filter` (a `contains` or `startsWith` string filter), ignoring ASCII letter case on every
 * database: PostgreSQL gets `mode: "insensitive"`, which the SQLite client (whose types the app
 * uses) neither has nor needs.
 */
export function ignoreCase(filter: TextMatch): Prisma.StringFilter {
  if (databaseKind(databaseUrl()) === "postgres") return { ...filter, mode: "insensitive" } as unknown as Prisma.StringFilter;
  return filter;
}
