import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { EmptyState, PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireSection("webhooks");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="URLs the platform calls when something happens in the account, such as a low balance, a number about to renew or a failed payment."
      />
      <EmptyState title="No webhooks are configured">Adding callback URLs and choosing their events arrives in a later release.</EmptyState>
    </>
  );
}
