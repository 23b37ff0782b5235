"use server";
import { action } from "@/lib/server/action";
import { sendA2P } from "@/lib/domains/sms/mutations";
import { ZA2PPanelInput } from "@/lib/domains/sms/schemas";

/**
 * Sends one text to every destination of the list (each already checked: a list with a bad
 * line is refused naming it), charged in one ledger entry; none is sent when the balance cannot
 * cover them all.
 */
export const sendA2PAction = action({ section: "sms.one_way", input: ZA2PPanelInput }, async (input, actor) => {
  const r = await sendA2P(actor, input);
  return { batchId: r.batchId, sent: r.sent.length, segments: r.segments, costMinor: r.costMinor };
});
