// The page to return to after logging in: a request without a live session is sent to log in
// with `?next=<the page>` (proxy.ts for no session cookie, lib/auth/actor.ts for an ended
// session), the login form carries it, and the login lands there instead of on the dashboard.
// Pure, with no imports: the proxy uses it too.

/** The login pages' search parameter naming the page to return to. */
export const RETURN_PARAM = "next";
/** The request header the proxy sets to the page's path and query (overwriting any the client sent), for a page's guard that sends the request to log in. */
export const RETURN_PATH_HEADER = "x-switchboard-path";

const NOT_RETURNED_TO = /^\/(?:login|signup|logout|two-step|api|platform_api)(?:[/?#]|$)/;

/**
 * `raw` when it is a page of this panel to return to ("/applications/7/users?page=2"), else null:
 * a path only, printable ASCII without spaces or backslashes, at most 2,000 characters, never
 * "//host" (which a browser reads as another site: the open redirect, OWASP A01), "/" or a login,
 * signup, logout, two-step or API path. A repeated search param gives its first value.
 */
export function safeReturnPath(raw: unknown): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== "string" || v.length > 2000 || !/^\/[\x21-\x7e]+$/.test(v)) return null;
  if (v.startsWith("//") || v.includes("\\") || NOT_RETURNED_TO.test(v)) return null;
  return v;
}

/** Where every login lands anyway (PRODUCT.md section 9's dashboard route): not worth naming. */
const DASHBOARD = "/dashboard";

/**
 * `login` with the page to return to, when there is one worth naming (safeReturnPath, and not
 * the dashboard): ("/login?ended=1", "/numbers") -> "/login?ended=1&next=%2Fnumbers".
 */
export function withReturnPath(login: string, page: unknown): string {
  const next = safeReturnPath(page);
  if (!next || next.split("?")[0] === DASHBOARD) return login;
  return `${login}${login.includes("?") ? "&" : "?"}${RETURN_PARAM}=${encodeURIComponent(next)}`;
}
