import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Dialogflow agents" };

export default async function DialogflowPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.dialogflow_agents");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Dialogflow agents" description="Dialogflow agents that scenarios of this application can talk to." />
      <EmptyState title="No Dialogflow agents yet">
        <p>Connecting Dialogflow agents arrives in a later release.</p>
      </EmptyState>
    </>
  );
}
