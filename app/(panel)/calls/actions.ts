"use server";
// The call tools' server actions: "Place a test call" and "Simulate inbound call" (holders of an
// application's scenarios or rules: the domain checks either section, as StartScenarios does),
// "End session" on /calls/active (calls.active_sessions) and deleting a recording from a call's
// detail (recordings.delete; a ProvisioningAgent child account cannot, whoever acts in it).
import { action } from "@/lib/server/action";
import { endedWithoutCalls } from "@/lib/domains/calls/queries";
import { ZPlaceCallInput, ZSessionRef, ZSimulateInboundInput } from "@/lib/domains/calls/schemas";
import { placeCall, simulateInbound, terminateSession } from "@/lib/domains/calls/simulator";
import { deleteRecording } from "@/lib/domains/recordings/mutations";
import { ZRecordingRef } from "@/lib/domains/recordings/schemas";

/** `noCall`: the session has already ended without calling anyone (its scenario only answers inbound calls). */
export const placeTestCallAction = action({ signedIn: true, input: ZPlaceCallInput }, async (input, actor) => {
  const s = await placeCall(actor, input);
  return { sessionId: s.id, status: s.status, noCall: await endedWithoutCalls(actor, s.id) };
});

export const simulateInboundAction = action({ signedIn: true, input: ZSimulateInboundInput }, async (input, actor) => {
  const s = await simulateInbound(actor, input);
  return { sessionId: s.id, status: s.status };
});

export const terminateSessionAction = action({ section: "calls.active_sessions", input: ZSessionRef }, async (input, actor) => {
  const s = await terminateSession(actor, input);
  return { sessionId: s.id, status: s.status };
});

export const deleteRecordingAction = action({ section: "recordings.delete", input: ZRecordingRef }, async (input, actor) => {
  const r = await deleteRecording(actor, input);
  return { id: r.id };
});
