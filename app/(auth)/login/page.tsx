import type { Metadata, Route } from "next";
import { RETURN_PARAM, safeReturnPath } from "@/lib/core/return-path";
import { connection } from "next/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { env } from "@/lib/core/env";
import { getActor } from "@/lib/auth/actor";
import { AuthForm } from "../_components/auth-form";
import { SessionEndedNotice, sessionEnded } from "../_components/session-ended";
import { loginCodeAction, loginOwnerAction } from "../actions";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ "signed-up"?: string | string[]; ended?: string | string[]; [RETURN_PARAM]?: string | string[] }> }) {
  await connection(); // read SIGNUP_ENABLED at request time, not build time
  const params = await searchParams;
  const next = safeReturnPath(params[RETURN_PARAM]);
  if (await getActor()) redirect((next ?? routes.dashboard) as Route);
  const signedUp = params["signed-up"] !== undefined;
  return (
    <>
      {sessionEnded(params) ? <SessionEndedNotice /> : null}
      {signedUp ? (
        // The same words whether the email was new or not (signupAction).
        <p role="status" data-testid="signup-notice" className="mb-5 rounded-md bg-brand-50 p-3 text-sm text-brand-700 ring-1 ring-brand-100">
          Thanks for signing up. Log in with your account name or email and your password. If that email already had an account, nothing was changed: log in to that
          account instead.
        </p>
      ) : null}
      <h1 className="mb-1 text-lg font-semibold">Log in to your account</h1>
      <AuthForm
        action={loginOwnerAction}
        codeStep={{ action: loginCodeAction, restartHref: routes.login, who: "owner" }}
        intro={<p className="mb-5 text-sm text-slate-600">Subusers log in through their account&apos;s own login link.</p>}
        footer={
          env().SIGNUP_ENABLED ? (
            <p className="mt-5 text-center text-sm text-slate-600">
              No account yet?{" "}
              <Link href={routes.signup} className="font-medium text-brand-700 hover:underline">
                Sign up
              </Link>
            </p>
          ) : null
        }
        hidden={next ? { [RETURN_PARAM]: next } : undefined}
        submitLabel="Log in"
        pendingLabel="Logging in…"
        fields={[
          { name: "login", label: "Email or account name", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
    </>
  );
}
