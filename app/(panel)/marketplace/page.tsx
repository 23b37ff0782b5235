import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import { listApplications } from "@/lib/domains/applications/queries";
import { listInstalledTemplates } from "@/lib/domains/marketplace/queries";
import { sqNamesByApplication } from "@/lib/domains/queues/queries";
import { templateCards } from "@/lib/domains/marketplace/templates";
import { MarketplaceView } from "./_components/marketplace-view";

export const metadata: Metadata = { title: sectionTitle("marketplace") };

export default async function MarketplacePage() {
  const actor = await requireSection("marketplace");
  const [{ items: apps }, installed, sq] = await Promise.all([listApplications(actor), listInstalledTemplates(actor), sqNamesByApplication(actor.accountId)]);
  return (
    <>
      <SectionHeader
        section="marketplace"
        description="Ready-made scenarios to install into an application: each one writes a scenario you can read and edit and, unless you untick it, a routing rule that sends calls to it."
      />
      <MarketplaceView
        cards={templateCards()}
        applications={apps.map((a) => ({ id: a.id, name: a.name, queues: sq.get(a.id)?.queues ?? [], skills: sq.get(a.id)?.skills ?? [] }))}
        installed={installed}
      />
    </>
  );
}
