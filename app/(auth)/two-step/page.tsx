import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor, loginAfterSessionEnd } from "@/lib/auth/actor";
import { routes } from "@/lib/routes";
import { Button } from "@/components/ui/button";
import { logoutAction } from "../actions";
import { confirmTwoStepAction, startTwoStepAction } from "@/app/(panel)/profile/actions";
import { RequiredTwoStep } from "./required-two-step";

export const metadata: Metadata = { title: "Set up two-step verification" };

// Where a subuser whose account requires two-step verification lands until it has set it up
// (PanelActor.twoStepDue: every panel page sends it here, every other action refuses it). Anyone
// else has nothing to do here: to the dashboard.
export default async function TwoStepPage() {
  const actor = await getActor();
  if (!actor) redirect(await loginAfterSessionEnd());
  if (!actor.twoStepDue) redirect(routes.dashboard);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Set up two-step verification</h1>
      <p className="mb-5 text-sm text-slate-600" data-testid="two-step-required">
        You are logged in as subuser <span className="font-medium text-slate-800">{actor.name}</span>. Account{" "}
        <span className="font-medium text-slate-800">{actor.accountName}</span> requires two-step verification of every subuser. Set it up to open the
        panel: you need an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, FreeOTP or another).
      </p>
      <RequiredTwoStep start={startTwoStepAction} confirm={confirmTwoStepAction} accountLabel={`${actor.name}@${actor.accountName}`} />
      <form action={logoutAction} className="mt-6 border-t border-slate-200 pt-4 text-center">
        <Button type="submit" variant="secondary" size="sm">
          Log out
        </Button>
      </form>
    </>
  );
}
