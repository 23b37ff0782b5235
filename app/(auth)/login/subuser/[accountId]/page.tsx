import type { Metadata, Route } from "next";
import { RETURN_PARAM, safeReturnPath } from "@/lib/core/return-path";
import { notFound, redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { findLoginAccount } from "@/lib/domains/accounts/queries";
import { AuthForm } from "../../../_components/auth-form";
import { SessionEndedNotice, sessionEnded } from "../../../_components/session-ended";
import { loginCodeAction, loginSubuserAction } from "../../../actions";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: "Subuser login" };

// The account's subuser login link. The account name is always shown (the seed: it cannot be hidden).
export default async function SubuserLoginPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ ended?: string | string[]; [RETURN_PARAM]?: string | string[] }> }) {
  const { accountId } = await params;
  const account = await findLoginAccount(accountId);
  if (!account) notFound();
  const query = await searchParams;
  const next = safeReturnPath(query[RETURN_PARAM]);
  const actor = await getActor();
  if (actor?.accountId === account.id) redirect((next ?? routes.dashboard) as Route);
  return (
    <>
      {sessionEnded(query) ? <SessionEndedNotice /> : null}
      <h1 className="mb-1 text-lg font-semibold">Subuser login</h1>
      <p className="mb-5 text-sm text-slate-600">
        Account <span className="font-medium text-slate-800" data-testid="account-name">{account.name}</span>
      </p>
      <AuthForm
        action={loginSubuserAction}
        codeStep={{ action: loginCodeAction, restartHref: routes.subuserLogin(account.id), who: "subuser" }}
        submitLabel="Log in"
        pendingLabel="Logging in…"
        hidden={{ accountId: String(account.id), ...(next ? { [RETURN_PARAM]: next } : {}) }}
        fields={[
          { name: "name", label: "Subuser name", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
    </>
  );
}
