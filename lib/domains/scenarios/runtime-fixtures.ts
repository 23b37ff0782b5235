// Test-only: the simulated calls the sandbox's tests run scenarios against.
import type { CallSetup, SimulatedParty } from "./runtime-contract";

/** The far end: answers a placed call after 3 s, presses nothing, never hangs up by itself; `p` overrides. */
export const testParty = (p: Partial<SimulatedParty> = {}): SimulatedParty => ({ answerAfterSeconds: 3, dtmf: "", hangupAfterSeconds: null, ...p });

/** An inbound call from +15550001111 to +15550002222 of application 1 of account 1; `extra` overrides. */
export const inboundCall = (p: Partial<SimulatedParty> = {}, extra: Partial<CallSetup> = {}): CallSetup => ({
  accountId: 1,
  applicationId: 1,
  direction: "inbound",
  from: "+15550001111",
  to: "+15550002222",
  customData: "",
  party: testParty(p),
  ...extra,
});
