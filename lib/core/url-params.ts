// Reading a page's search params (Next's `searchParams`: a key may be absent, one value or
// repeated). Pure: server and client components alike.

/** The first value of a search param, trimmed; "" when absent. */
export function firstParam(v: string | string[] | undefined): string {
  return ((Array.isArray(v) ? v[0] : v) ?? "").trim();
}
