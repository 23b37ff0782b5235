import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Call lists" };

export default async function CallListsPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.call_lists");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Call lists" description="Call lists run a scenario for each line of an uploaded CSV file, for outbound campaigns." />
      <EmptyState title="No call lists yet">
        <p>Creating call lists and appending lines to them arrive together with scenarios, in a later release.</p>
      </EmptyState>
    </>
  );
}
