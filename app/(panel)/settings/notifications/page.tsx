import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { routes, sectionHref } from "@/lib/routes";
import { Card, SectionHeader } from "@/components/ui/page";
import { NOTIFICATION_CONCERNS, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from "@/lib/domains/notifications/details";
import { isWebhookEvent } from "@/lib/domains/webhooks/client-safe";
import { getWebhook } from "@/lib/domains/webhooks/queries";
import { getBillingSettings } from "@/lib/domains/billing/queries";
import { formatMoney } from "@/lib/domains/billing/money";

export const metadata: Metadata = { title: sectionTitle("notification_settings") };

function More({ href, children }: { href: Route; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 hover:underline">
      {children}
    </Link>
  );
}

/**
 * Settings > Notifications (MainAccount, Owner): what the platform tells the account about, who
 * reads each event's details, and where events go: the Notifications page (every holder of
 * Notification history) and the account's webhook (Settings > Webhooks, the owner's own login).
 * This installation sends no email; a webhook forwards events anywhere.
 */
export default async function NotificationSettingsPage() {
  const actor = await requireSection("notification_settings");
  const [webhook, billing] = await Promise.all([can(actor, "webhooks") ? getWebhook(actor) : null, can(actor, "billing") ? getBillingSettings(actor) : null]);
  const sent = new Set(webhook?.active ? webhook.events : []);
  return (
    <>
      <SectionHeader section="notification_settings" description="What the platform tells the account about, who reads the details, and where the events go." />
      <div className="space-y-4">
        <Card className="space-y-2 p-4 text-sm" data-notification-channels="">
          <h2 className="text-base font-semibold text-slate-900">Where events go</h2>
          <p>
            Every event below appears on{" "}
            {can(actor, "notification_history") ? <More href={sectionHref("notification_history")}>{sectionTitle("notification_history")}</More> : sectionTitle("notification_history")} for every
            subuser whose roles open it; its details (amounts, numbers, codes) only for those whose roles open the section it is about.
          </p>
          <p data-webhook-state="">
            {webhook === null && can(actor, "webhooks") ? "No webhook is set up: " : null}
            {webhook && webhook.active ? `The account's webhook receives ${webhook.events.length} of these events at ${webhook.url}. ` : null}
            {webhook && !webhook.active ? "The account's webhook is off. " : null}
            {can(actor, "webhooks") ? (
              <More href={sectionHref("webhooks")}>{webhook ? "Change it on Webhooks" : "Set one up on Webhooks"}</More>
            ) : (
              "The account owner can send these events to a URL of theirs (Settings → Webhooks, from the owner's own login)."
            )}
          </p>
          <p>This installation sends no email: a webhook can forward events to email or chat.</p>
          {billing ? (
            <p data-low-balance-threshold="">
              {billing.lowBalanceThresholdMinor === 0 ? (
                "The low-balance event is off: no threshold is set. "
              ) : (
                <>
                  The low-balance event fires when the balance falls below{" "}
                  <span className="font-medium tabular-nums">{formatMoney(billing.lowBalanceThresholdMinor, billing.currency)}</span>.{" "}
                </>
              )}
              <More href={routes.billingTab("settings")}>{billing.lowBalanceThresholdMinor === 0 ? "Set one in Billing" : "Change the threshold in Billing"}</More>
            </p>
          ) : null}
        </Card>
        <Card className="p-4 text-sm">
          <h2 className="mb-2 text-base font-semibold text-slate-900">Events</h2>
          <ul className="divide-y divide-slate-200" aria-label="Notification events">
            {NOTIFICATION_KINDS.map((kind) => (
              <li key={kind} className="py-2" data-notification-kind={kind}>
                <div className="font-medium text-slate-900">{NOTIFICATION_KIND_LABELS[kind]}</div>
                <div className="text-slate-600">
                  {kind === "access_request" ? "Reaches the account owner alone." : `Details for holders of ${NOTIFICATION_CONCERNS[kind].map(sectionTitle).join(" or ")}.`}{" "}
                  {!isWebhookEvent(kind) ? "Not a webhook event." : !can(actor, "webhooks") ? "A webhook event." : sent.has(kind) ? "Sent to the webhook." : "Not sent to the webhook."}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
