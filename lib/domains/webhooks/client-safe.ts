// Webhooks (Settings > Webhooks, section `webhooks`: MainAccount only, role-matrix.json): the
// events an account's webhook may receive and what the page calls them. Client-safe.

/** The account events a webhook receives (each also raises a Notification), plus "test" from the page. */
export const WEBHOOK_EVENTS = ["low_balance", "number_blocked", "sip_registration_deactivated", "push_certificate_expiring", "verification_approved", "verification_rejected"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEvent = (kind: string): kind is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(kind);

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent | "test", string> = {
  low_balance: "Balance below the low-balance threshold",
  number_blocked: "A number blocked for unpaid rent",
  sip_registration_deactivated: "A SIP registration deactivated for an unpaid month",
  push_certificate_expiring: "An Apple push certificate expiring within 30 days",
  verification_approved: "Account verification approved",
  verification_rejected: "Account verification rejected",
  test: "Test event",
};

export const WEBHOOK_URL_MAX = 2000;

/** Attempts before a delivery is given up as failed (ours): the first, then retries after 30 s, 1, 2, 4 and 8 minutes. */
export const WEBHOOK_MAX_ATTEMPTS = 6;

export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";
export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = { pending: "Pending", delivered: "Delivered", failed: "Failed" };
