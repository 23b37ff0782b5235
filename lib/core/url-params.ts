// Reading a page's search params (Next's `searchParams`: a key may be absent, one value or
// repeated). Pure: server and client components alike.

/** The first value of a search param, trimmed; "" when absent. */
export function firstParam(v: string | string[] | undefined): string {
  return ((Array.isArray(v) ? v[0] : v) ?? "").trim();
}

/** The first value of a search param (trimmed, as firstParam reads it) when it is one of `values`, else undefined. */
export function oneOfParam<T extends string>(values: readonly T[], v: string | string[] | undefined): T | undefined {
  const first = firstParam(v);
  return (values as readonly string[]).includes(first) ? (first as T) : undefined;
}
