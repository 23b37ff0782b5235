import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("marketplace") };

export default async function MarketplacePage() {
  await requireSection("marketplace");
  return (
    <>
      <SectionHeader
        section="marketplace"
        description="Ready-made integrations and add-ons (CRM connectors, speech and AI services, scenario templates) to install into the account."
      />
      <EmptyState title="No integrations are available">The marketplace catalogue arrives in a later release; nothing is installed in the account.</EmptyState>
    </>
  );
}
