// Auth.js (next-auth v5) for panel login. Auth.js's own maxAge slides, so it is not the limit:
// the JWT carries only the session row's id, and the jwt callback re-reads that row on every
// request, ending the session (returning null) when the row is missing, revoked, expired, or its
// principal inactive or changed. See docs/SECURITY.md.
//
// Nothing secret leaves through Auth.js's own endpoints: /api/auth/session answers only the
// cookie's expiry (the session row's id stays inside the signed cookie and on the server), and
// its redirects name the panel's public address (publicOrigin), never the listener's.
import NextAuth, { CredentialsSignin } from "next-auth";
import { NextRequest } from "next/server";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/core/db";
import { env, syncAuthUrl } from "@/lib/core/env";
import { systemClock } from "@/lib/core/clock";
import { CODE_REFUSALS, loginOwner, loginSubuser, loginWithCode, type LoginResult } from "@/lib/auth/login";
import { revokeSession } from "@/lib/auth/sessions";
import { clientIpFrom, publicOrigin, userAgentFrom } from "@/lib/core/request-info";
import { ZLoginCodeInput, ZOwnerLoginInput, ZSubuserLoginInput } from "@/lib/domains/accounts/schemas";
import { loadPrincipalCached } from "@/lib/auth/principal";
import { CodeRefused, CodeRequired } from "@/lib/auth/login-errors";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { routes } from "@/lib/routes";

// Auth.js's in-process calls (auth(), signIn, signOut) build their URL from AUTH_URL or the
// forwarding headers (sanitised by scripts/server.mjs): with PUBLIC_URL set, AUTH_URL follows it,
// so those calls, the route handlers below and the cookie names they pick all agree.
syncAuthUrl();

class LoginFailed extends CredentialsSignin {
  code = "login_failed";
}

/** authorize()'s answer for a password step: the session row's id, or why not. */
function passwordStep(result: LoginResult): { id: string } {
  if (result.ok) return { id: result.sessionId };
  if (result.challenge) throw new CodeRequired(result.challenge);
  throw new LoginFailed();
}

function ctx(request: Request) {
  return { ip: clientIpFrom(request.headers), userAgent: userAgentFrom(request.headers), clock: systemClock };
}

const nextAuth = NextAuth({
  trustHost: true,
  secret: env().AUTH_SECRET,
  // The cookie may outlive nothing: the session row's absolute expiry is the real limit.
  session: { strategy: "jwt", maxAge: env().SESSION_TTL_SECONDS },
  // Decrypts a given cookie once per process (its expiry and session row are still checked on every request).
  jwt: { decode: decodeSessionToken },
  pages: { signIn: routes.login, error: routes.login },
  // A failed login is expected traffic (and in the audit log), not a server error with a stack;
  // so is a form posted without its CSRF token (a stale tab, or a forged request): one line.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      if (type === "MissingCSRF") {
        console.warn("[auth] refused a request without a valid CSRF token");
        return;
      }
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      id: "owner",
      credentials: { login: {}, password: {} },
      async authorize(raw, request) {
        const input = ZOwnerLoginInput.safeParse(raw);
        if (!input.success) throw new LoginFailed();
        return passwordStep(await loginOwner(db, input.data, ctx(request)));
      },
    }),
    Credentials({
      id: "subuser",
      credentials: { accountId: {}, name: {}, password: {} },
      async authorize(raw, request) {
        const input = ZSubuserLoginInput.safeParse(raw);
        if (!input.success) throw new LoginFailed();
        return passwordStep(await loginSubuser(db, input.data, ctx(request)));
      },
    }),
    Credentials({
      id: "code",
      credentials: { challenge: {}, code: {} },
      async authorize(raw, request) {
        const input = ZLoginCodeInput.safeParse(raw);
        if (!input.success) throw new CodeRefused(CODE_REFUSALS.wrong_code);
        const result = await loginWithCode(db, input.data, ctx(request));
        if (result.ok) return { id: result.sessionId };
        throw new CodeRefused(CODE_REFUSALS[result.refusal ?? "wrong_code"]);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) return { sid: user.id };
      const sid = typeof token.sid === "string" ? token.sid : "";
      return (await loadPrincipalCached(sid)) ? token : null;
    },
    // What /api/auth/session answers: the cookie's expiry, nothing else (no session id, no
    // user). The server reads the session row's id from the cookie itself (getActor).
    session({ session }) {
      return { expires: session.expires } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message && typeof message.token?.sid === "string" ? message.token.sid : "";
      const principal = sid ? await loadPrincipalCached(sid) : null;
      if (principal) {
        await revokeSession(db, { id: sid, accountId: principal.accountId }, systemClock);
      }
    },
  },
});

export const { signIn, signOut } = nextAuth;

/** Auth.js's session cookie: `__Secure-` on https (AUTH_URL/PUBLIC_URL), plain otherwise. */
const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The session row's id inside a request's session cookie, whether or not that session is still
 * live: getActor reads the row behind it on every request, and for an ended one the login page
 * to send its holder back to depends on whose it was (loginAfterSessionEnd). "" when there is no
 * cookie, or it does not decrypt and authenticate (a forged or foreign one) or has expired
 * (Auth.js's decode, lib/auth/session-token.ts). `get` reads a cookie by name (next/headers' cookies()).
 */
export async function sessionIdInCookie(get: (name: string) => string | undefined): Promise<string> {
  const secret = env().AUTH_SECRET;
  if (!secret) return "";
  for (const salt of SESSION_COOKIE_NAMES) {
    const token = get(salt);
    if (!token) continue;
    try {
      const payload = await decodeSessionToken({ token, secret, salt });
      return typeof payload?.sid === "string" ? payload.sid : "";
    } catch {
      return "";
    }
  }
  return "";
}

/**
 * The request as Auth.js should see it: on the panel's public address rather than the URL Next
 * built from the listener's bind address (http://0.0.0.0:3000), so every redirect Auth.js answers
 * (after a login, on an error, to the login page) names the host the client used.
 */
function atPublicOrigin(request: NextRequest): NextRequest {
  const url = new URL(request.url);
  return new NextRequest(new URL(`${url.pathname}${url.search}`, publicOrigin(request.headers)), request);
}

/** Every Auth.js answer is per user (a CSRF token, a session, a cookie being set): never for shared caches. */
function uncached(response: Response): Response {
  // Redirects come back with immutable headers: copy them.
  const headers = new Headers(response.headers);
  headers.set("cache-control", "private, no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The /api/auth/* route handlers. */
export const handlers = {
  GET: async (request: NextRequest) => uncached(await nextAuth.handlers.GET(atPublicOrigin(request))),
  POST: async (request: NextRequest) => uncached(await nextAuth.handlers.POST(atPublicOrigin(request))),
};
