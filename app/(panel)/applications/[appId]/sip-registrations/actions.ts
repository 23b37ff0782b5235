"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { zId } from "@/lib/core/validate";
import { bindSipRegistration } from "@/lib/domains/sip-registrations/mutations";

// An application's SIP registrations (section `application.sip_registrations`): bind one of the
// account's registrations to this application's rule or user, or unbind one.

const ZBindForm = z.object({
  applicationId: zId("Choose an application", "application_id_invalid"),
  sipRegistrationId: zId("Choose a SIP registration", "sip_registration_not_found"),
  /** A rule of the application, or a user's name: one of them. */
  ruleId: zId("Choose a rule", "rule_not_found").optional(),
  userName: z.string().trim().min(1, "Enter the user's name").max(200).optional(),
});

/** Bind (or rebind): calls to the registration go to the rule or the user. */
export const bindSipRegistrationAction = action({ section: "application.sip_registrations", input: ZBindForm }, async (input, actor) => {
  await bindSipRegistration(actor, { ...input, bind: true });
  return { bound: true };
});

/** Unbind: calls to the registration reach no application. */
export const unbindSipRegistrationAction = action(
  { section: "application.sip_registrations", input: z.object({ sipRegistrationId: zId("Choose a SIP registration", "sip_registration_not_found") }) },
  async (input, actor) => ({ unbound: await bindSipRegistration(actor, { ...input, bind: false }) }),
);
