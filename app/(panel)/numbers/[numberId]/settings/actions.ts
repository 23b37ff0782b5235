"use server";
import { action } from "@/lib/server/action";
import { updateNumberSettings } from "@/lib/domains/phone-numbers/mutations";
import { ZNumberSettingsFormInput } from "@/lib/domains/phone-numbers/schemas";

// A number's settings page (numbers.parameters): label, auto-renew, the routing rule, SMS on or
// off and the inbound SMS callback, for one number of the account.
export const updateNumberSettingsAction = action({ section: "numbers.parameters", input: ZNumberSettingsFormInput }, async (input, actor) => {
  const { numberId, ...changes } = input;
  const [n] = await updateNumberSettings(actor, { numberIds: [numberId], ...changes });
  return { number: n!.number, label: n!.label, autoRenew: n!.autoRenew, smsEnabled: n!.smsEnabled };
});
