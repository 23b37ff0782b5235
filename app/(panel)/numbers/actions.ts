"use server";
import { action } from "@/lib/server/action";
import { attachNumbers, deactivateNumbers, updateNumberSettings } from "@/lib/domains/phone-numbers/mutations";
import { ZAttachNumberInput, ZAttachNumbersInput, ZBulkSmsInput, ZNumberIdsInput, ZNumberRef } from "@/lib/domains/phone-numbers/schemas";

// /numbers: a row's Attach / Detach and Deactivate, and the bulk toolbar (numbers.all_actions),
// whose domain functions also need the row's own section (attach, deactivate, parameters).

export const attachNumberAction = action({ section: "numbers.attach", input: ZAttachNumberInput }, async (input, actor) => {
  const [n] = await attachNumbers(actor, { numberIds: [input.numberId], applicationId: input.applicationId });
  return { number: n!.number, applicationName: n!.applicationName };
});

export const deactivateNumberAction = action({ section: "numbers.deactivate", input: ZNumberRef }, async (input, actor) => {
  await deactivateNumbers(actor, { numberIds: [input.numberId] });
  return { numberId: input.numberId };
});

export const bulkAttachNumbersAction = action({ section: "numbers.all_actions", input: ZAttachNumbersInput }, async (input, actor) => {
  const done = await attachNumbers(actor, input);
  return { count: done.length, applicationName: input.applicationId === null ? null : (done[0]?.applicationName ?? null) };
});

export const bulkDeactivateNumbersAction = action({ section: "numbers.all_actions", input: ZNumberIdsInput }, async (input, actor) => {
  await deactivateNumbers(actor, input);
  return { count: new Set(input.numberIds).size };
});

export const bulkSetSmsAction = action({ section: "numbers.all_actions", input: ZBulkSmsInput }, async (input, actor) => {
  const done = await updateNumberSettings(actor, { numberIds: input.numberIds, smsEnabled: input.smsEnabled });
  return { count: done.length, smsEnabled: input.smsEnabled };
});
