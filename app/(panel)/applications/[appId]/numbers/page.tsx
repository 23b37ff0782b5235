import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function AppNumbersPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.phone_numbers");
  // 404 for another account's application, before anything is shown.
  await loadApplication(actor, (await params).appId);
  return (
    <>
      <PageHeader title="Phone numbers" description="Phone numbers attached to this application: calls to them are routed by its rules." />
      <EmptyState title="No numbers attached yet">
        <p>Numbers are bought and attached to applications from My numbers once number purchase arrives.</p>
      </EmptyState>
    </>
  );
}
