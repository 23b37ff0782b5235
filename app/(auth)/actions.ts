"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/config";
import { getActor } from "@/lib/auth/actor";
import { env } from "@/lib/core/env";
import { GENERIC_LOGIN_FAILURE } from "@/lib/auth/login";
import { ZSignupInput } from "@/lib/domains/accounts/schemas";
import { createAccount } from "@/lib/domains/accounts/mutations";
import { errorResult, fieldErrorsOf, type ActionResult } from "@/lib/server/action";
import { clientIpFrom } from "@/lib/core/request-info";

export type FormState = ActionResult<null> | null;

async function signInOr(provider: "owner" | "subuser", fields: Record<string, string>): Promise<FormState> {
  try {
    await signIn(provider, { ...fields, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, formError: GENERIC_LOGIN_FAILURE };
    throw e;
  }
  redirect("/dashboard");
}

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function loginOwnerAction(_prev: FormState, form: FormData): Promise<FormState> {
  return signInOr("owner", { login: text(form, "login"), password: text(form, "password") });
}

export async function loginSubuserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return signInOr("subuser", { accountId: text(form, "accountId"), name: text(form, "name"), password: text(form, "password") });
}

export async function signupAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (!env().SIGNUP_ENABLED) return { ok: false, formError: "Signup is disabled on this server." };
  const parsed = ZSignupInput.safeParse({ accountName: text(form, "accountName"), email: text(form, "email"), password: text(form, "password") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await createAccount(parsed.data, clientIpFrom(await headers()));
  } catch (e) {
    return errorResult(e);
  }
  return signInOr("owner", { login: parsed.data.accountName, password: parsed.data.password });
}

/** Ends this session (its row is revoked in Auth.js's signOut event) and returns to the right login page. */
export async function logoutAction(): Promise<void> {
  const actor = await getActor();
  const to = actor?.kind === "subuser" ? `/login/subuser/${actor.accountId}` : "/login";
  await signOut({ redirectTo: to });
}
