// SMS inputs (sections sms.two_way and sms.one_way; SendSmsMessage, A2PSendSms, ControlSms,
// GetSmsHistory, A2PGetSmsHistory).
import { z } from "zod";
import { issue, ZE164 } from "@/lib/core/validate";
import { a2pDestinations, A2P_SENDER_MESSAGE, isA2PSender, MAX_A2P_DESTINATIONS, smsTextProblem } from "./checks";
import { SMS_STATUSES } from "./statuses";
export * from "./statuses";
export { MAX_A2P_DESTINATIONS } from "./checks";

/** The rules themselves are plain functions in checks.ts, which the composers check with too. */
export const ZSmsText = z.string({ error: "Write the message" }).superRefine((t, ctx) => {
  const problem = smsTextProblem(t);
  if (problem) issue(ctx, problem);
});

/** Two-way: from one of the account's SMS-enabled numbers (by id, or by its E.164 form) to a destination. */
export const ZSendSmsInput = z
  .object({
    phoneNumberId: z.number().int().positive().optional(),
    source: ZE164.optional(),
    destination: ZE164,
    text: ZSmsText,
    /** false: the message is sent, but its text is not kept in the history. */
    storeBody: z.boolean().default(true),
  })
  .refine((v) => v.phoneNumberId !== undefined || v.source !== undefined, { message: "Choose the number to send from", path: ["phoneNumberId"] });
export type SendSmsInput = z.input<typeof ZSendSmsInput>;

/**
 * A sender ID (3 to 11 latin letters, digits or spaces, at least one letter: what the handset
 * shows), one of the account's SMS-enabled numbers, or a verified caller ID.
 */
export const ZA2PSender = z.string({ error: "Choose the sender" }).trim().refine(isA2PSender, A2P_SENDER_MESSAGE);

export const ZA2PInput = z.object({
  sender: ZA2PSender,
  destinations: z
    .array(z.string().max(32), { error: "Add at least one destination" })
    .min(1, "Add at least one destination")
    .max(MAX_A2P_DESTINATIONS, `At most ${MAX_A2P_DESTINATIONS} destinations at a time`),
  text: ZSmsText,
  storeBody: z.boolean().default(true),
});
export type A2PInput = z.input<typeof ZA2PInput>;

/**
 * The one-way page's form: the destinations as pasted (one per line or comma separated), every
 * entry checked, so a list with a bad line is refused naming it rather than sent in part (the
 * API's A2PSendSms reports bad destinations in `failed` instead). Repeats are sent once.
 */
export const ZA2PPanelInput = z.object({
  sender: ZA2PSender,
  destinations: z
    .string({ error: "Add at least one destination" })
    .transform((raw, ctx) => {
      const list = a2pDestinations(raw);
      if ("numbers" in list) return list.numbers;
      issue(ctx, list.problem);
      return z.NEVER;
    }),
  text: ZSmsText,
});
export type A2PPanelInput = z.input<typeof ZA2PPanelInput>;

export const ZControlSmsInput = z.object({ number: ZE164, enabled: z.boolean() });
export type ControlSmsInput = z.input<typeof ZControlSmsInput>;

export const ZSmsHistoryQuery = z.object({
  kind: z.enum(["two_way", "a2p"]),
  ids: z.array(z.number().int().positive()).max(1000).optional(),
  direction: z.enum(["in", "out"]).optional(),
  /** Either side of the message, E.164 digits it contains. */
  number: z.string().trim().max(20).optional(),
  source: z.string().trim().max(20).optional(),
  destination: z.string().trim().max(20).optional(),
  status: z.enum(SMS_STATUSES).optional(),
  batchId: z.number().int().positive().optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  dir: z.enum(["asc", "desc"]).default("desc"),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(20),
});
export type SmsHistoryQuery = z.input<typeof ZSmsHistoryQuery>;
