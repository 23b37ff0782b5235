// Next 16's proxy (middleware). Deliberately thin (CVE-2025-29927): it only sends requests
// without a session cookie to the login page. No roles, no database; every page, action and
// route checks access itself.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasCookie) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  return NextResponse.redirect(url);
}

export const config = {
  // Panel routes only: login, signup, Auth.js, the Management API and assets pass untouched.
  matcher: [
    "/((?!login|signup|logout|api/auth|platform_api|_next/static|_next/image|favicon.ico|favicon.svg|logo.svg|robots.txt).+)",
  ],
};
