import "server-only";
// Caller IDs on the Management API (the public reference's AddCallerID, VerifyCallerID,
// ActivateCallerID, DelCallerID, GetCallerIDs): the same functions as the Caller IDs page.
import { z } from "zod";
import { API_ERROR, ApiError, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import type { Actor } from "@/lib/access/actor-types";
import { toE164 } from "@/lib/core/phone";
import { activateCallerId, addCallerId, deleteCallerId, requestCallerIdCode } from "./mutations";
import { listCallerIds, type CallerIdDto } from "./queries";

const GROUP = "Caller IDs";
const ERRORS: ErrorMapping = { fields: { callerIdId: ["callerid_id", "callerid_number"], number: "callerid_number", code: "verification_code" } };

export const ZCallerIdInfo = z
  .object({
    callerid_id: z.number().int(),
    callerid_number: z.string(),
    active: z.boolean(),
    code_entering_attempts_left: z.number().int(),
    verification_call_attempts_left: z.number().int(),
    verified_until: z.string().nullable().meta({ description: "YYYY-MM-DD, UTC" }),
  })
  .meta({ id: "CallerIDInfoType" });

const view = (c: CallerIdDto): z.output<typeof ZCallerIdInfo> => ({
  callerid_id: c.id,
  callerid_number: c.number,
  active: c.active,
  code_entering_attempts_left: c.codePending ? c.codeAttemptsLeft : 0,
  verification_call_attempts_left: c.verificationCallsLeft,
  verified_until: c.verifiedUntil ? c.verifiedUntil.toISOString().slice(0, 10) : null,
});

const ref = {
  callerid_id: w.id(API_ERROR.INVALID_CALLER_ID, { description: "The caller ID's id" }).optional(),
  callerid_number: w.optionalText(z.string().max(32), "The caller ID's number (instead of callerid_id)"),
};
const REF_ONE_OF = { params: ["callerid_id", "callerid_number"] as const, required: true };

async function resolveId(actor: Actor, p: { callerid_id?: number; callerid_number?: string }): Promise<number> {
  if (p.callerid_id !== undefined) return p.callerid_id;
  const number = toE164(p.callerid_number ?? "");
  const found = number ? (await listCallerIds(actor, { number })).items[0] : undefined;
  if (!found) throw new ApiError(API_ERROR.INVALID_CALLER_ID, "Invalid 'callerid_number': it is not one of the account's caller IDs");
  return found.id;
}

export const addCallerIdMethod = defineMethod({
  name: "AddCallerID",
  group: GROUP,
  summary: "Adds an outside number as a caller ID, unverified; VerifyCallerID sends it a code.",
  params: z.object({ callerid_number: w.text(z.string().max(32), { description: "The number, in international format" }) }),
  response: okResponse(z.literal(1), { callerid_id: z.number().int() }),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const c = await addCallerId(actor, { number: p.callerid_number }, { sendCode: false, clock });
    return done({ callerid_id: c.id });
  },
});

export const verifyCallerIdMethod = defineMethod({
  name: "VerifyCallerID",
  group: GROUP,
  summary: "Calls the caller ID with a 6-digit code (the simulator's call: the code appears in the account's notifications).",
  params: z.object(ref),
  oneOf: [REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    await requestCallerIdCode(actor, { callerIdId: await resolveId(actor, p) }, { clock });
    return done();
  },
});

export const activateCallerIdMethod = defineMethod({
  name: "ActivateCallerID",
  group: GROUP,
  summary: "Activates a caller ID with the code VerifyCallerID sent (607 for a wrong, expired or used-up code).",
  params: z.object({ ...ref, verification_code: w.text(z.string().max(10), { description: "The 6-digit code" }) }),
  oneOf: [REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    await activateCallerId(actor, { callerIdId: await resolveId(actor, p), code: p.verification_code }, clock);
    return done();
  },
});

export const delCallerIdMethod = defineMethod({
  name: "DelCallerID",
  group: GROUP,
  summary: "Deletes a caller ID.",
  params: z.object(ref),
  oneOf: [REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    await deleteCallerId(actor, { callerIdId: await resolveId(actor, p) });
    return done();
  },
});

export const getCallerIdsMethod = defineMethod({
  name: "GetCallerIDs",
  group: GROUP,
  summary: "The account's caller IDs, by number.",
  params: z.object({
    callerid_id: w.id(API_ERROR.INVALID_CALLER_ID, { description: "Only this caller ID" }).optional(),
    callerid_number: w.optionalText(z.string().max(32), "Only this number"),
    active: w.bool({ description: "Only verified (true) or unverified (false) caller IDs" }).optional(),
    order_by: w.optionalText(z.enum(["caller_number"]), "Accepted for compatibility: always by number"),
    ...w.paging,
  }),
  response: listResponse(ZCallerIdInfo),
  errors: ERRORS,
  async handler(p, { actor, clock }) {
    const number = p.callerid_number !== undefined ? (toE164(p.callerid_number) ?? p.callerid_number) : undefined;
    const { items, total } = await listCallerIds(actor, { id: p.callerid_id, number, active: p.active, offset: p.offset, count: p.count }, clock);
    return page(items.map(view), total);
  },
});

export const callerIdMethods: RegisteredMethod[] = [addCallerIdMethod, verifyCallerIdMethod, activateCallerIdMethod, delCallerIdMethod, getCallerIdsMethod] as RegisteredMethod[];
