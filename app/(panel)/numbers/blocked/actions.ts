"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { addBlacklistEntry, deleteBlacklistEntry, restoreBlockedNumber, updateBlacklistEntry } from "@/lib/domains/phone-numbers/mutations";
import { ZBlacklistEntryId, ZBlacklistEntryInput, ZNumberRef, ZUpdateBlacklistEntryInput } from "@/lib/domains/phone-numbers/schemas";

// Blocked numbers (numbers.blocked): restore a number blocked for its rent by paying a month now,
// and the PSTN blacklist's entries.

export const restoreNumberAction = action({ section: "numbers.blocked", input: ZNumberRef }, async (input, actor) => {
  const n = await restoreBlockedNumber(actor, input);
  return { number: n.number, chargedMinor: n.monthlyPriceMinor };
});

export const addBlacklistEntryAction = action({ section: "numbers.blocked", input: ZBlacklistEntryInput }, async (input, actor) => {
  const e = await addBlacklistEntry(actor, input);
  return { id: e.id, phone: e.phone, isPrefix: e.isPrefix };
});

export const updateBlacklistEntryAction = action({ section: "numbers.blocked", input: ZUpdateBlacklistEntryInput }, async (input, actor) => {
  const e = await updateBlacklistEntry(actor, input);
  return { id: e.id, phone: e.phone, isPrefix: e.isPrefix };
});

export const deleteBlacklistEntryAction = action({ section: "numbers.blocked", input: z.object({ entryId: ZBlacklistEntryId }) }, async (input, actor) => {
  await deleteBlacklistEntry(actor, input);
  return { id: input.entryId };
});
