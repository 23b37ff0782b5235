import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { EmptyState, SectionHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: sectionTitle("webhooks") };

export default async function WebhooksPage() {
  await requireSection("webhooks");
  return (
    <>
      <SectionHeader
        section="webhooks"
        description="URLs the platform calls when something happens in the account, such as a low balance, a number about to renew or a failed payment."
      />
      <EmptyState title="No webhooks are configured">Adding callback URLs and choosing their events arrives in a later release.</EmptyState>
    </>
  );
}
