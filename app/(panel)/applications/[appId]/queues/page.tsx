import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Queues" };

export default async function QueuesPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.queues");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Queues" description="SmartQueue queues that distribute calls and chats to operators with the right skills." />
      <EmptyState title="No queues yet">
        <p>Queues and operator skills arrive in a later release.</p>
      </EmptyState>
    </>
  );
}
