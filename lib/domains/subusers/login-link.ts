/** The account's subuser login link: the only way its subusers log in (seed 000). */
export function subuserLoginPath(accountId: number): string {
  return `/login/subuser/${accountId}`;
}

/** The absolute link from the request's host, so it is right behind any domain or port. */
export function subuserLoginUrl(accountId: number, h: { get(name: string): string | null }): string {
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || (/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https");
  return `${proto}://${host}${subuserLoginPath(accountId)}`;
}
