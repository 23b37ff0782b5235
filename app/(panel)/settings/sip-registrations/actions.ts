"use server";
import { action } from "@/lib/server/action";
import { createSipRegistration, deleteSipRegistration, restoreSipRegistration, updateSipRegistration } from "@/lib/domains/sip-registrations/mutations";
import { ZCreateSipRegistrationInput, ZUpdateSipRegistrationInput } from "@/lib/domains/sip-registrations/schemas";

// All SIP registrations (section `sip_registrations`): create, edit, delete, and Pay and restore.
// Each returns what its toast says; the page re-renders the table from the database.

const ZRef = ZUpdateSipRegistrationInput.pick({ sipRegistrationId: true });
const label = (r: { sipUsername: string; proxy: string }) => `${r.sipUsername}@${r.proxy}`;

/** Create registration: registers at once and charges the first month. */
export const createSipRegistrationAction = action({ section: "sip_registrations", input: ZCreateSipRegistrationInput }, async (input, actor) => {
  const r = await createSipRegistration(actor, input);
  return { label: label(r), successful: r.successful, errorMessage: r.errorMessage };
});

/** Edit: the SIP account's fields (a blank password keeps the stored one). */
export const updateSipRegistrationAction = action({ section: "sip_registrations", input: ZUpdateSipRegistrationInput }, async (input, actor) => {
  const r = await updateSipRegistration(actor, input);
  return { label: label(r), successful: r.successful, errorMessage: r.errorMessage };
});

/** Delete: unregisters and removes it. */
export const deleteSipRegistrationAction = action({ section: "sip_registrations", input: ZRef }, async (input, actor) => {
  await deleteSipRegistration(actor, input);
  return { deleted: true };
});

/** Pay and restore: a deactivated registration pays a month from now and registers again. */
export const restoreSipRegistrationAction = action({ section: "sip_registrations", input: ZRef }, async (input, actor) => {
  const r = await restoreSipRegistration(actor, input);
  return { label: label(r) };
});
