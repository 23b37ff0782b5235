// Auth.js (next-auth v5) for panel login. Auth.js's own maxAge slides, so it is not the limit:
// the JWT carries only the session row's id, and the jwt callback re-reads that row on every
// request, ending the session (returning null) when the row is missing, revoked, expired, or its
// principal inactive or changed. See docs/SECURITY.md.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { systemClock } from "@/lib/core/clock";
import { loginOwner, loginSubuser } from "@/lib/auth/login";
import { revokeSession } from "@/lib/auth/sessions";
import { clientIpFrom, userAgentFrom } from "@/lib/core/request-info";
import { ZOwnerLoginInput, ZSubuserLoginInput } from "@/lib/domains/accounts/schemas";
import { loadPrincipalCached } from "@/lib/auth/principal";
import { routes } from "@/lib/routes";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

class LoginFailed extends CredentialsSignin {
  code = "login_failed";
}

function ctx(request: Request) {
  return { ip: clientIpFrom(request.headers), userAgent: userAgentFrom(request.headers), clock: systemClock };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env().AUTH_SECRET,
  // The cookie may outlive nothing: the session row's absolute expiry is the real limit.
  session: { strategy: "jwt", maxAge: env().SESSION_TTL_SECONDS },
  pages: { signIn: routes.login, error: routes.login },
  // A failed login is expected traffic (and in the audit log), not a server error with a stack.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
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
        const result = await loginOwner(db, input.data, ctx(request));
        if (!result.ok) throw new LoginFailed();
        return { id: result.sessionId };
      },
    }),
    Credentials({
      id: "subuser",
      credentials: { accountId: {}, name: {}, password: {} },
      async authorize(raw, request) {
        const input = ZSubuserLoginInput.safeParse(raw);
        if (!input.success) throw new LoginFailed();
        const result = await loginSubuser(db, input.data, ctx(request));
        if (!result.ok) throw new LoginFailed();
        return { id: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) return { sid: user.id };
      const sid = typeof token.sid === "string" ? token.sid : "";
      return (await loadPrincipalCached(sid)) ? token : null;
    },
    async session({ session, token }) {
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
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
