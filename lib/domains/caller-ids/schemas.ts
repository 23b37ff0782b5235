// Caller ID inputs (section caller_ids; AddCallerID, VerifyCallerID, ActivateCallerID, DelCallerID).
import { z } from "zod";
import { ZE164, zId } from "@/lib/core/validate";
export * from "./limits";

/** A verified caller ID stays usable for a year, then must be verified again. */
export const VERIFIED_FOR_DAYS = 365;

export const ZCallerIdId = zId("Invalid caller ID id", "caller_id_not_found");

export const ZAddCallerIdInput = z.object({ number: ZE164 });
export type AddCallerIdInput = z.input<typeof ZAddCallerIdInput>;

export const ZCallerIdRef = z.object({ callerIdId: ZCallerIdId });
export type CallerIdRef = z.input<typeof ZCallerIdRef>;

export const ZActivateCallerIdInput = z.object({
  callerIdId: ZCallerIdId,
  code: z.string({ error: "Enter the code" }).trim().regex(/^\d{6}$/, "The code is 6 digits"),
});
export type ActivateCallerIdInput = z.input<typeof ZActivateCallerIdInput>;
