"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { ZChangeOwnPasswordInput, ZConfirmTwoStepInput, ZCurrentPasswordInput, ZEndSessionInput } from "@/lib/domains/profile/schemas";
import {
  changeOwnPassword,
  confirmTwoStep,
  endOtherSessions,
  endSession,
  renewRecoveryCodes,
  startTwoStep,
  turnOffTwoStep,
} from "@/lib/domains/profile/mutations";
import { totpQrDataUrl } from "@/lib/auth/two-step";

export const changeOwnPasswordAction = action({ section: "profile", input: ZChangeOwnPasswordInput }, async (input, actor) => {
  await changeOwnPassword(actor, input);
  return null;
});

export const endSessionAction = action({ section: "profile", input: ZEndSessionInput }, (input, actor) => endSession(actor, input));

export const endOtherSessionsAction = action({ section: "profile", input: z.object({}) }, (_input, actor) => endOtherSessions(actor));

// Setting two-step verification up is for holders of Profile and for a subuser whose account
// requires it first (twoStepSetup; it holds no section then): the domain decides (authorizeSetup).

/** A new secret for the authenticator app, with its QR code (an SVG data URL). */
export const startTwoStepAction = action({ signedIn: true, twoStepSetup: true, input: z.object({}) }, async (_input, actor) => {
  const setup = await startTwoStep(actor);
  return { ...setup, qr: totpQrDataUrl(setup.uri) };
});

/**
 * Not followed by a render of the page (leavesPage): the setup goes on to show the recovery codes,
 * which a render now would replace (Profile's card turns to "On"; /two-step sends a login that no
 * longer owes the verification to the dashboard). The page renders again once they are saved.
 */
export const confirmTwoStepAction = action({ signedIn: true, twoStepSetup: true, leavesPage: true, input: ZConfirmTwoStepInput }, (input, actor) =>
  confirmTwoStep(actor, input),
);

export const turnOffTwoStepAction = action({ section: "profile", input: ZCurrentPasswordInput }, async (input, actor) => {
  await turnOffTwoStep(actor, input);
  return null;
});

export const renewRecoveryCodesAction = action({ section: "profile", input: ZCurrentPasswordInput }, (input, actor) => renewRecoveryCodes(actor, input));
