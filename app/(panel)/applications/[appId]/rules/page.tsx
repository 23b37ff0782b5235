import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Routing rules" };

export default async function RulesPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.rules");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Routing rules" description="Rules match incoming calls and messages by pattern and start the scenarios they name." />
      <EmptyState title="No rules yet">
        <p>Rules arrive together with scenarios, in a later release.</p>
      </EmptyState>
    </>
  );
}
