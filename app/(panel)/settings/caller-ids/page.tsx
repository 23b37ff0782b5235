import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("caller_ids") };

export default async function CallerIdsPage() {
  await requireSection("caller_ids");
  return (
    <>
      <SectionHeader
        section="caller_ids"
        description="Phone numbers you own outside the platform, verified by a call, that outgoing calls may show as their caller ID."
      />
      <EmptyState title="No caller IDs are verified">Adding and verifying caller IDs arrives in a later release.</EmptyState>
    </>
  );
}
