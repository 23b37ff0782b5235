import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Marketplace" };

export default async function MarketplacePage() {
  await requireSection("marketplace");
  return (
    <>
      <PageHeader
        title="Marketplace"
        description="Ready-made integrations and add-ons (CRM connectors, speech and AI services, scenario templates) to install into the account."
      />
      <EmptyState title="No integrations are available">The marketplace catalogue arrives in a later release; nothing is installed in the account.</EmptyState>
    </>
  );
}
