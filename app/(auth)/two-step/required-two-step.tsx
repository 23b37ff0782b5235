"use client";
import { useRouter } from "next/navigation";
import { TwoStepSetup, type TwoStepSetupData } from "@/components/two-step/two-step-setup";
import type { ServerAction } from "@/lib/server/action";
import { routes } from "@/lib/routes";

/** /two-step's setup: once the recovery codes are saved, on to the dashboard (the login now holds its roles again). */
export function RequiredTwoStep(props: {
  start: ServerAction<Record<string, never>, TwoStepSetupData>;
  confirm: ServerAction<{ code: string; fingerprint: string }, { recoveryCodes: string[] }>;
  accountLabel: string;
}) {
  const router = useRouter();
  return <TwoStepSetup {...props} startLabel="Set up two-step verification" onFinished={() => router.push(routes.dashboard)} />;
}
