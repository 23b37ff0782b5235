import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Active sessions" };

export default async function ActiveSessionsPage() {
  await requireSection("calls.active_sessions");
  return (
    <>
      <PageHeader
        title="Active sessions"
        description="Calls and scenario sessions running right now in any of the account's applications, so you can watch them or end a stuck one."
      />
      <EmptyState title="No sessions are running">
        Sessions start when a scenario runs for a call. Nothing runs scenarios yet: the call simulator arrives in a later release.
      </EmptyState>
    </>
  );
}
