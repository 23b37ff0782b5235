import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Scenarios" };

export default async function ScenariosPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.scenarios");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Scenarios" description="JavaScript scenarios that run on the platform when a call or message reaches this application." />
      <EmptyState title="No scenarios yet">
        <p>Scenarios are written and uploaded in a later release; routing rules will then start them.</p>
      </EmptyState>
    </>
  );
}
