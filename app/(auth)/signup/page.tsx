import type { Metadata } from "next";
import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/core/env";
import { AuthForm } from "../_components/auth-form";
import { signupAction } from "../actions";
import { routes } from "@/lib/routes";
import { PASSWORD_RULE } from "@/lib/auth/password-rule";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignupPage() {
  await connection(); // read SIGNUP_ENABLED at request time, not build time
  if (!env().SIGNUP_ENABLED) notFound();
  return (
    <>
      <h1 className="mb-5 text-lg font-semibold">Create an account</h1>
      <AuthForm
        action={signupAction}
        submitLabel="Create account"
        pendingLabel="Creating the account…"
        fields={[
          { name: "accountName", label: "Account name", autoComplete: "organization", hint: "3 to 40 characters: latin letters, digits and hyphens" },
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: `${PASSWORD_RULE}.` },
        ]}
      />
      <p className="mt-5 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={routes.login} className="font-medium text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </>
  );
}
