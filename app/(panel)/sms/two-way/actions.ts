"use server";
import { action } from "@/lib/server/action";
import { sendSms } from "@/lib/domains/sms/mutations";
import { ZSendSmsInput } from "@/lib/domains/sms/schemas";

/** Sends one SMS from one of the account's SMS-enabled numbers; charged per segment at the destination's price. */
export const sendSmsAction = action({ section: "sms.two_way", input: ZSendSmsInput }, async (input, actor) => {
  const sent = await sendSms(actor, input);
  return { ...sent, destination: input.destination };
});
