"use server";
import { action } from "@/lib/server/action";
import { activateCallerId, addCallerId, deleteCallerId, requestCallerIdCode } from "@/lib/domains/caller-ids/mutations";
import { ZActivateCallerIdInput, ZAddCallerIdInput, ZCallerIdRef } from "@/lib/domains/caller-ids/schemas";
import { callerIdRow } from "./_components/row";

/** Adds the number, unverified, and has the simulator "call" it with its first code (in Notifications). */
export const addCallerIdAction = action({ section: "caller_ids", input: ZAddCallerIdInput }, async (input, actor) => callerIdRow(await addCallerId(actor, input)));

/** A new code for the number: one of its verification calls. */
export const sendCallerIdCodeAction = action({ section: "caller_ids", input: ZCallerIdRef }, async (input, actor) => callerIdRow(await requestCallerIdCode(actor, input)));

export const activateCallerIdAction = action({ section: "caller_ids", input: ZActivateCallerIdInput }, async (input, actor) => callerIdRow(await activateCallerId(actor, input)));

export const deleteCallerIdAction = action({ section: "caller_ids", input: ZCallerIdRef }, async (input, actor) => {
  await deleteCallerId(actor, input);
  return null;
});
