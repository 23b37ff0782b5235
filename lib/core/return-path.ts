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
 * `raw` as a page of this panel to return to ("/applications/7/users?page=2", its dot segments
 * resolved), else null: a path only, printable ASCII without spaces or backslashes, at most 2,000
 * characters, never one that resolves to "//host" (which a browser reads as another site: the
 * open redirect, OWASP A01; "/.//host" and "/%2e//host" included), "/" or a login, signup,
 * logout, two-step or API path. A repeated search param gives its first value.
 */
export function safeReturnPath(raw: unknown): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== "string" || v.length > 2000 || !/^\/[\x21-\x7e]+$/.test(v) || v.includes("\\")) return null;
  // Judged as the browser will resolve it: "/.//host", "/a/..//host" and "/%2e//host" are "//host".
  const url = new URL(v, "http://panel.invalid");
  const path = url.pathname + url.search;
  if (url.origin !== "http://panel.invalid" || path === "/" || path.startsWith("//") || path.includes("\\") || NOT_RETURNED_TO.test(path)) return null;
  return path;
}

/**
 * The cookie naming the account whose subuser login link this browser last logged in through
 * (its id, not a secret: the link is handed out). A request without a session goes to that link
 * rather than to the owner's /login, where a subuser can never log in: a tab left open after its
 * subuser logged out in another, say. Set by a subuser's login, removed by the owner's.
 */
export const LOGIN_LINK_COOKIE = "subuser-login";

/** The login page for a request without a session: the subuser login link LOGIN_LINK_COOKIE names, else /login. */
export function loginPageFor(loginLinkCookie: string | undefined): string {
  return loginLinkCookie && /^[1-9]\d{0,9}$/.test(loginLinkCookie) ? `/login/subuser/${loginLinkCookie}` : "/login";
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
