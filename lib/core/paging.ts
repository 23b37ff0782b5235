// Page arithmetic shared by every paged list (the panel's data tables and the domain queries
// behind them): 1-based pages, and a page past the end reads the last one rather than nothing.

/** The last page for `total` rows of `size` (at least 1). */
export function lastPageOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The requested page, clamped to the last one there is. */
export function clampPage(page: number, total: number, size: number): number {
  return Math.min(page, lastPageOf(total, size));
}

/** Rows to skip for a 1-based page. */
export function skipOf(params: { page: number; size: number }): number {
  return (params.page - 1) * params.size;
}
