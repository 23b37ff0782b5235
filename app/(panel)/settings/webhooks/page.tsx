import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import { getWebhook, listWebhookDeliveries } from "@/lib/domains/webhooks/queries";
import { WebhookView } from "./_components/webhook-view";

export const metadata: Metadata = { title: sectionTitle("webhooks") };

export default async function WebhooksPage() {
  const actor = await requireSection("webhooks");
  const [webhook, deliveries] = await Promise.all([getWebhook(actor), listWebhookDeliveries(actor)]);
  return (
    <>
      <SectionHeader
        section="webhooks"
        description="The URL the platform POSTs account events to, such as a low balance, a number blocked for unpaid rent or the account's verification, signed so your server can tell they are ours."
      />
      <WebhookView
        webhook={webhook ? { url: webhook.url, secret: webhook.secret, events: webhook.events, active: webhook.active } : null}
        deliveries={deliveries.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          outcome: d.status === "delivered" ? `Answered ${d.lastStatusCode ?? ""}`.trim() : d.lastError,
          nextAttemptAt: d.status === "pending" && d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
          createdAt: d.createdAt.toISOString(),
        }))}
      />
    </>
  );
}
