"use server";
import { action } from "@/lib/server/action";
import { buyNumbers, reserveNumbers } from "@/lib/domains/phone-numbers/mutations";
import { ZBuySelectedInput, ZReserveNumbersInput } from "@/lib/domains/phone-numbers/schemas";

// The buy page: buy the picked numbers (numbers.purchase; all or nothing, one ledger entry per
// number) or hold them for RESERVATION_DAYS (numbers.reserved, PhoneNumberManager's alone).

export const buyNumbersAction = action({ section: "numbers.purchase", input: ZBuySelectedInput }, async (input, actor) => {
  const bought = await buyNumbers(actor, input);
  return { count: bought.length, chargedMinor: bought.reduce((sum, n) => sum + n.setupPriceMinor + n.monthlyPriceMinor, 0) };
});

export const reserveNumbersAction = action({ section: "numbers.reserved", input: ZReserveNumbersInput }, async (input, actor) => {
  const held = await reserveNumbers(actor, input);
  return { count: held.length, until: held[0]?.reservedUntil?.toISOString() ?? null };
});
