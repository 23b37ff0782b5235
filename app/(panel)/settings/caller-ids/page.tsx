import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Caller IDs" };

export default async function CallerIdsPage() {
  await requireSection("caller_ids");
  return (
    <>
      <PageHeader
        title="Caller IDs"
        description="Phone numbers you own outside the platform, verified by a call, that outgoing calls may show as their caller ID."
      />
      <EmptyState title="No caller IDs are verified">Adding and verifying caller IDs arrives in a later release.</EmptyState>
    </>
  );
}
