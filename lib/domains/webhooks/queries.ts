import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { WEBHOOK_EVENTS, type WebhookDeliveryStatus, type WebhookEvent } from "./client-safe";
import { ZListWebhookDeliveriesInput, type ListWebhookDeliveriesInput } from "./schemas";

// Reads of Settings > Webhooks (section `webhooks`, MainAccount only; no Management API method).

export const SECTION = "webhooks";

export type WebhookDto = { url: string; secret: string; events: WebhookEvent[]; active: boolean; updatedAt: Date };

/** The stored events JSON -> the known events, in list order (unknown ones dropped). */
export function parseWebhookEvents(json: string): WebhookEvent[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? WEBHOOK_EVENTS.filter((e) => v.includes(e)) : [];
  } catch {
    return [];
  }
}

/** The account's webhook, or null when it has none. */
export async function getWebhook(actor: Actor): Promise<WebhookDto | null> {
  authorize(actor, { section: SECTION });
  const w = await db.webhook.findUnique({ where: { accountId: actor.accountId }, select: { url: true, secret: true, events: true, active: true, updatedAt: true } });
  return w ? { ...w, events: parseWebhookEvents(w.events) } : null;
}

export type WebhookDeliveryDto = {
  id: number;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string;
  deliveredAt: Date | null;
  createdAt: Date;
};

/** The account's newest deliveries first (`count`, default 50, at most 200). */
export async function listWebhookDeliveries(actor: Actor, input: ListWebhookDeliveriesInput = {}): Promise<WebhookDeliveryDto[]> {
  authorize(actor, { section: SECTION });
  const { count } = parseInput(ZListWebhookDeliveriesInput, input);
  const rows = await db.webhookDelivery.findMany({
    where: { accountId: actor.accountId },
    orderBy: { id: "desc" },
    take: count,
    select: { id: true, event: true, status: true, attempts: true, nextAttemptAt: true, lastStatusCode: true, lastError: true, deliveredAt: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, status: r.status as WebhookDeliveryStatus }));
}
