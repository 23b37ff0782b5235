// Inputs of Settings > Webhooks, shared by the page's form and its server actions.
import { z } from "zod";
import { issue, zId } from "@/lib/core/validate";
import { WEBHOOK_EVENTS, WEBHOOK_URL_MAX } from "./client-safe";

const URL_HELP = "Enter the full address the platform should POST to, e.g. https://example.com/switchboard";

/** An absolute http(s) URL without credentials or fragment, as typed (trimmed). */
export const ZWebhookUrl = z
  .string({ error: URL_HELP })
  .trim()
  .max(WEBHOOK_URL_MAX, `The URL may be at most ${WEBHOOK_URL_MAX} characters`)
  .transform((v, ctx) => {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      issue(ctx, v === "" ? URL_HELP : `${URL_HELP}: “${v.slice(0, 60)}” is not one`);
      return z.NEVER;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      issue(ctx, "The URL must start with https:// (or http://)");
      return z.NEVER;
    }
    if (url.username || url.password) {
      issue(ctx, "Leave the user name and password out of the URL: check the signature instead");
      return z.NEVER;
    }
    url.hash = "";
    return url.toString();
  });

export const ZSaveWebhookInput = z.object({
  url: ZWebhookUrl,
  // One error on the field itself (not on an item of it), in the list's order, repeats dropped.
  events: z
    .array(z.string(), { error: "Choose events from the list" })
    .max(WEBHOOK_EVENTS.length * 2, "Choose events from the list")
    .transform((v, ctx) => {
      if (v.some((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))) {
        issue(ctx, "Choose events from the list");
        return z.NEVER;
      }
      return WEBHOOK_EVENTS.filter((e) => v.includes(e));
    }),
  active: z.boolean({ error: "Active must be on or off" }).default(true),
});
export type SaveWebhookInput = z.input<typeof ZSaveWebhookInput>;

export const ZListWebhookDeliveriesInput = z.object({ count: z.number().int().min(1).max(200).default(50) });
export type ListWebhookDeliveriesInput = z.input<typeof ZListWebhookDeliveriesInput>;

export const ZRedeliverWebhookInput = z.object({ deliveryId: zId("Invalid delivery id") });
export type RedeliverWebhookInput = z.input<typeof ZRedeliverWebhookInput>;
