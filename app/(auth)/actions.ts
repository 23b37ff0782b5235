"use server";
// Logging in, signing up and out: the panel's only actions that run without a session, so they
// are declared public; their inputs are validated like every other action's.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { GENERIC_LOGIN_FAILURE } from "@/lib/auth/login";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { clientIpFrom } from "@/lib/core/request-info";
import { routes } from "@/lib/routes";
import { ZOwnerLoginInput, ZSignupInput, ZSubuserLoginInput } from "@/lib/domains/accounts/schemas";
import { createAccount } from "@/lib/domains/accounts/mutations";
import { action } from "@/lib/server/action";
import { endPreview } from "@/lib/server/preview";


async function signInOr(provider: "owner" | "subuser", fields: Record<string, string | number>): Promise<never> {
  try {
    await signIn(provider, { ...fields, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) throw new AppError("UNAUTHENTICATED", { message: GENERIC_LOGIN_FAILURE });
    throw e;
  }
  redirect(routes.dashboard);
}

export const loginOwnerAction = action({ public: true, input: ZOwnerLoginInput }, (input) => signInOr("owner", input));

export const loginSubuserAction = action({ public: true, input: ZSubuserLoginInput }, (input) => signInOr("subuser", input));

export const signupAction = action({ public: true, input: ZSignupInput }, async (input) => {
  if (!env().SIGNUP_ENABLED) throw new AppError("FORBIDDEN", { message: "Signup is disabled on this server." });
  await createAccount(input, clientIpFrom(await headers()));
  return signInOr("owner", { login: input.accountName, password: input.password });
});

/** Ends this session (its row is revoked in Auth.js's signOut event) and returns to the right login page. */
export const logoutAction = action({ public: true, input: z.object({}) }, async (_input, actor) => {
  await endPreview();
  await signOut({ redirectTo: actor?.kind === "subuser" ? routes.subuserLogin(actor.accountId) : routes.login });
  return null;
});
