import type { Route } from "next";
import type { RawSearchParams } from "@/components/data-table/search-params";

/** The export link keeps the list's filters (not its paging): the file is the filtered set. */
export function exportHref(base: string, raw: RawSearchParams): Route {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    if (["sort", "dir", "page", "size"].includes(k)) continue;
    const one = Array.isArray(v) ? v[0] : v;
    if (one) q.set(k, one);
  }
  const qs = q.toString();
  return `${base}${qs ? `?${qs}` : ""}` as Route;
}
