"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { deleteWebhook, redeliverWebhook, rotateWebhookSecret, saveWebhook, sendTestWebhook } from "@/lib/domains/webhooks/mutations";
import { ZRedeliverWebhookInput, ZSaveWebhookInput } from "@/lib/domains/webhooks/schemas";

// Settings > Webhooks (section `webhooks`: MainAccount only). Each returns what its toast says;
// the page re-renders the webhook and its deliveries from the database (action() refreshes it).

const NONE = z.object({});

/** Save: the URL, the events, on or off (the first save makes the secret). */
export const saveWebhookAction = action({ section: "webhooks", input: ZSaveWebhookInput }, async (input, actor) => {
  const w = await saveWebhook(actor, input);
  return { url: w.url, active: w.active, events: w.events.length };
});

/** Rotate secret: receivers must check signatures with the new one from now on. */
export const rotateWebhookSecretAction = action({ section: "webhooks", input: NONE }, async (_input, actor) => {
  await rotateWebhookSecret(actor);
  return {};
});

/** Remove webhook: it and its pending deliveries go. */
export const deleteWebhookAction = action({ section: "webhooks", input: NONE }, async (_input, actor) => deleteWebhook(actor));

/** Send test event: a "test" delivery, due at once (the scheduler delivers it within about a second). */
export const sendTestWebhookAction = action({ section: "webhooks", input: NONE }, async (_input, actor) => sendTestWebhook(actor));

/** Redeliver: a failed delivery's event sent again as a new delivery, due at once. */
export const redeliverWebhookAction = action({ section: "webhooks", input: ZRedeliverWebhookInput }, async (input, actor) => redeliverWebhook(actor, input));
