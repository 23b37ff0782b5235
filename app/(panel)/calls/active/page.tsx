import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("calls.active_sessions") };

export default async function ActiveSessionsPage() {
  await requireSection("calls.active_sessions");
  return (
    <>
      <SectionHeader
        section="calls.active_sessions"
        description="Calls and scenario sessions running right now in any of the account's applications, so you can watch them or end a stuck one."
      />
      <EmptyState title="No sessions are running">
        Sessions start when a scenario runs for a call. Nothing runs scenarios yet: the call simulator arrives in a later release.
      </EmptyState>
    </>
  );
}
