"use server";
import { action } from "@/lib/server/action";
import { attachNumbers } from "@/lib/domains/phone-numbers/mutations";
import { ZAttachToApplicationInput, ZNumberRef } from "@/lib/domains/phone-numbers/schemas";

// An application's Numbers tab: attach the account's numbers to it and detach them
// (numbers.attach; several at once need numbers.all_actions, which the domain checks).

export const attachToApplicationAction = action({ section: "numbers.attach", input: ZAttachToApplicationInput }, async (input, actor) => {
  const done = await attachNumbers(actor, input);
  return { count: done.length, applicationName: done[0]?.applicationName ?? null };
});

export const detachFromApplicationAction = action({ section: "numbers.attach", input: ZNumberRef }, async (input, actor) => {
  const [n] = await attachNumbers(actor, { numberIds: [input.numberId], applicationId: null });
  return { number: n!.number };
});
