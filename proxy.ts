// Next 16's proxy (middleware). Deliberately thin (CVE-2025-29927): it makes no access decision
// beyond sending requests without a session cookie to the login page (no roles, no database;
// every page, action and route checks access itself; the login page is told which page was asked
// for, lib/core/return-path.ts), and it sets the page's Content-Security-Policy with a fresh
// nonce for scripts (Next's documented nonce pattern: Next reads the nonce from the request's CSP
// header and puts it on every script it renders) and, for the page's own guard, its path.
import { NextResponse, type NextRequest } from "next/server";
import { LOGIN_LINK_COOKIE, RETURN_PATH_HEADER, loginPageFor, withReturnPath } from "@/lib/core/return-path";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** Pages anyone may open without a session: the logins, signup and logout. */
const PUBLIC_PAGES = /^\/(?:login(?:\/.*)?|signup|logout)\/?$/;

/**
 * The policy of every HTML response. Scripts run only with this response's nonce ('strict-dynamic'
 * lets them load Next's chunks): no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline':
 * React and Radix set style attributes, which a nonce cannot cover.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

export function proxy(request: NextRequest) {
  const hasCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // The page as its address bar shows it: without the _rsc marker of a client-side navigation.
  const query = new URLSearchParams(request.nextUrl.search);
  query.delete("_rsc");
  const page = request.nextUrl.pathname + (query.size > 0 ? `?${query}` : "");
  if (!hasCookie && !PUBLIC_PAGES.test(request.nextUrl.pathname)) {
    // With the page asked for, to land on after logging in.
    const login = loginPageFor(request.cookies.get(LOGIN_LINK_COOKIE)?.value);
    return NextResponse.redirect(new URL(withReturnPath(login, page), request.url));
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  // Overwrites anything the client sent under these names.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set(RETURN_PATH_HEADER, page);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Every page, "/" and the public ones included; not Auth.js, the Management API, the health
  // checks or assets (they carry next.config.ts's headers), nor the verification documents'
  // upload and download routes: Next buffers the body of every request its proxy runs on (up to
  // 10 MB) before the route sees it, and that route refuses an upload over its limit before
  // reading it (it answers 401 itself without a session, and its files carry their own headers).
  matcher: ["/((?!api/|platform_api|healthz|readyz|_next/static|_next/image|favicon.ico|favicon.svg|logo.svg|robots.txt|billing/verification/documents(?:/|$)).*)"],
};
