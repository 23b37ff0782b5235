"use server";
// Logging in, signing up and out: the panel's only actions that run without a session, so they
// are declared public; their inputs are validated like every other action's.
import type { Route } from "next";
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { LOGIN_LINK_COOKIE } from "@/lib/core/return-path";
import { redirect, RedirectType } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { CodeRefused, CodeRequired } from "@/lib/auth/login-errors";
import { CHALLENGE_EXPIRED, GENERIC_LOGIN_FAILURE } from "@/lib/auth/login";
import { isTotpShaped } from "@/lib/auth/two-step";
import { AppError, invalid } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { clientIpFrom, publicOrigin } from "@/lib/core/request-info";
import { routes } from "@/lib/routes";
import { ZLoginCodeInput, ZOwnerLoginInput, ZSignupInput, ZSubuserLoginInput } from "@/lib/domains/accounts/schemas";
import { createAccount } from "@/lib/domains/accounts/mutations";
import { action } from "@/lib/server/action";
import { endPreview } from "@/lib/server/preview";

/**
 * Signs in and goes to the page asked for before logging in (`next`) or else `landing`,
 * replacing the login's history entry (Back from there does not land on a login page that only
 * sends it back); or, when the password was right and the login has two-step verification on,
 * answers the challenge its code step needs (the login form turns into that step). A wrong code
 * is the code field's error; an expired challenge sends back to the password.
 */
async function signInOr(provider: "owner" | "subuser" | "code", { next, ...fields }: Record<string, string | number | undefined>, landing: Route = routes.dashboard): Promise<{ challenge: string }> {
  try {
    await signIn(provider, { ...fields, redirect: false });
    await rememberLoginPage(provider, fields);
  } catch (e) {
    if (e instanceof CodeRequired) {
      await rememberLoginPage(provider, fields);
      return { challenge: e.challenge };
    }
    if (e instanceof CodeRefused) throw e.reason === CHALLENGE_EXPIRED ? new AppError("UNAUTHENTICATED", { message: e.reason }) : invalid("code", e.reason);
    if (e instanceof AuthError) throw new AppError("UNAUTHENTICATED", { message: GENERIC_LOGIN_FAILURE });
    throw e;
  }
  // The page asked for before logging in (already checked by the input's schema), else the landing.
  redirect(typeof next === "string" ? (next as Route) : landing, RedirectType.replace);
}

/**
 * After a right password: a subuser's login keeps its account's login link for this browser
 * (LOGIN_LINK_COOKIE: where a request without a session is sent), the owner's forgets it.
 */
async function rememberLoginPage(provider: "owner" | "subuser" | "code", fields: Record<string, string | number | undefined>): Promise<void> {
  const store = await cookies();
  if (provider === "owner") store.delete(LOGIN_LINK_COOKIE);
  if (provider === "subuser") {
    // Secure where the panel is served over https, as the session cookie is (`__Secure-`).
    const secure = publicOrigin(await headers()).startsWith("https:");
    store.set(LOGIN_LINK_COOKIE, String(fields.accountId), { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: 365 * 24 * 60 * 60 });
  }
}

export const loginOwnerAction = action({ public: true, input: ZOwnerLoginInput }, (input) => signInOr("owner", input));

export const loginSubuserAction = action({ public: true, input: ZSubuserLoginInput }, (input) => signInOr("subuser", input));

/**
 * The code step of either login (owner or subuser): the challenge carries whose login it is. A
 * login with a recovery code (anything but six digits) lands on the dashboard's notice of how
 * many codes are left, whatever page was asked for: the notice matters more.
 */
export const loginCodeAction = action({ public: true, input: ZLoginCodeInput }, ({ next, ...input }) =>
  isTotpShaped(input.code) ? signInOr("code", { ...input, next }) : signInOr("code", input, routes.dashboardAfterRecoveryCode),
);

/**
 * Signs up, then sends the person to log in, whether the email was new (the account now exists)
 * or already had an account (nothing was created): the answer never tells the two apart
 * (createAccount). Logging the new owner straight in would. A taken account name is a field
 * error: account names are public.
 */
export const signupAction = action({ public: true, input: ZSignupInput }, async (input) => {
  if (!env().SIGNUP_ENABLED) throw new AppError("FORBIDDEN", { message: "Signup is disabled on this server." });
  await createAccount(input, clientIpFrom(await headers()));
  redirect(routes.loginAfterSignup);
});

/**
 * Ends this session (its row is revoked in Auth.js's signOut event) and returns to the right login
 * page, by a relative redirect: Auth.js's own would be absolute, built from the request's
 * forwarding headers rather than the panel's public address.
 */
export const logoutAction = action({ public: true, input: z.object({}) }, async (_input, actor) => {
  await endPreview();
  await signOut({ redirect: false });
  redirect(actor?.kind === "subuser" ? routes.subuserLogin(actor.accountId) : routes.login);
});
