"use server";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { ZChangeOwnPasswordInput, ZEndSessionInput } from "@/lib/domains/profile/schemas";
import { changeOwnPassword, endOtherSessions, endSession } from "@/lib/domains/profile/mutations";

export const changeOwnPasswordAction = action({ section: "profile", input: ZChangeOwnPasswordInput }, async (input, actor) => {
  await changeOwnPassword(actor, input);
  return null;
});

export const endSessionAction = action({ section: "profile", input: ZEndSessionInput }, (input, actor) => endSession(actor, input));

export const endOtherSessionsAction = action({ section: "profile", input: z.object({}) }, (_input, actor) => endOtherSessions(actor));
