"use server";
import { action } from "@/lib/server/action";
import { releaseReservation } from "@/lib/domains/phone-numbers/mutations";
import { ZNumberRef } from "@/lib/domains/phone-numbers/schemas";

// Reserved numbers: Let go (numbers.reserved). Buying a reservation is the buy page's own action
// (numbers.purchase), charged like any purchase.
export const letGoReservationAction = action({ section: "numbers.reserved", input: ZNumberRef }, async (input, actor) => {
  await releaseReservation(actor, input);
  return { numberId: input.numberId };
});
