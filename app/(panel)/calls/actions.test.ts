// The call tools' server actions are public POST endpoints: every action x every principal
// (allowed: done and audited; refused: "Only ... can", nothing written), no session, bad input as
// field errors, another account's ids as not found, and the child-account narrowing of deletes.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Actor, PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureOwnNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureSipRegistration } from "@/lib/domains/sip-registrations/api-fixtures";
import { callState, deps, fixtureAppWithRule, fixtureCallerId, fixtureRecordedCall, scriptedRuntime, talkRun, testClock } from "@/lib/domains/calls/call-fixtures";
import { placeCall } from "@/lib/domains/calls/simulator";
import { endedWithoutCalls } from "@/lib/domains/calls/queries";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { deleteRecordingAction, placeTestCallAction, simulateInboundAction, terminateSessionAction } = await import("./actions");


const mayPlace = (role: (typeof PRINCIPALS)[number]) => can({ roles: [role] }, "application.scenarios") || can({ roles: [role] }, "application.rules");

/** A running session (scripted run, 10 minutes) to terminate. */
async function runningSession(owner: Actor, callerNumber: string, appId: number) {
  const t = testClock();
  return placeCall(owner, { applicationId: appId, destination: "+12125550199", callerKind: "number", callerNumber }, deps(scriptedRuntime(talkRun(600)), t.clock));
}

describe("call server actions", () => {
  let acct: TestAccount;
  let owner: Actor;
  let callerId: string;
  let appId: number;
  let numberId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
    await fixtureTopUp(acct.id, 500_00);
    callerId = (await fixtureCallerId(acct.id)).number;
    const { app } = await fixtureAppWithRule(acct.id);
    appId = app.id;
    const number = await fixtureOwnNumber(acct.id);
    await db.phoneNumber.update({ where: { id: number.id }, data: { applicationId: appId } });
    numberId = number.id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    {
      name: "placeTestCallAction",
      allowed: mayPlace,
      run: async () => placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: callerId, answerAfterSeconds: 1 }),
    },
    { name: "simulateInboundAction", allowed: mayPlace, run: async () => simulateInboundAction({ numberId, from: "+447700900123" }) },
    {
      name: "terminateSessionAction",
      allowed: (role: (typeof PRINCIPALS)[number]) => can({ roles: [role] }, "calls.active_sessions"),
      run: async () => {
        const s = await runningSession(owner, callerId, appId);
        const r = await terminateSessionAction({ sessionId: s.id });
        return { r, check: async () => (await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).status };
      },
      done: "terminated",
      refusedState: "running",
    },
    {
      name: "deleteRecordingAction",
      allowed: (role: (typeof PRINCIPALS)[number]) => can({ roles: [role] }, "recordings.delete"),
      run: async () => {
        const { recording } = await fixtureRecordedCall(owner);
        const r = await deleteRecordingAction({ recordingId: recording.id });
        return { r, check: async () => ((await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).deletedAt ? "deleted" : "kept") };
      },
      done: "deleted",
      refusedState: "kept",
    },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = c.allowed(role);
      it(`${c.name} as ${role}: ${allowed ? "done and audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        if ("done" in c) {
          const out = (await c.run()) as { r: unknown; check: () => Promise<string> };
          const audits = await changeRowCount(acct.id);
          if (allowed) {
            expect(out.r).toMatchObject({ ok: true });
            expect(await out.check()).toBe(c.done);
            expect(await db.auditLog.count({ where: { accountId: acct.id, action: { in: ["call.terminate", "recording.delete"] } } })).toBeGreaterThan(0);
          } else {
            expect(out.r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
            expect(await out.check()).toBe(c.refusedState);
            expect(await changeRowCount(acct.id)).toBe(audits);
          }
          return;
        }
        const before = await callState(acct.id);
        const r: unknown = await c.run();
        if (allowed) {
          expect(r).toMatchObject({ ok: true, data: { sessionId: expect.any(Number) } });
          const after = await callState(acct.id);
          expect(after.sessions).toBe(before.sessions + 1);
          expect(after.audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can place test calls/) });
          expect(await callState(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("a test call whose scenario only answers inbound calls says it placed no call; a call with legs, or still running, does not", async () => {
    session.actor = asPanel(owner);
    const { app: inboundOnly } = await fixtureAppWithRule(acct.id, "VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => e.call.answer());");
    const none = await placeTestCallAction({ applicationId: inboundOnly.id, destination: "+12125550142", callerKind: "number", callerNumber: callerId });
    expect(none).toMatchObject({ ok: true, data: { status: "completed", noCall: true } });
    const calling = await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: callerId, answerAfterSeconds: 1 });
    expect(calling).toMatchObject({ ok: true, data: { status: "running", noCall: false } });
    const { sessionId } = await fixtureRecordedCall(owner);
    expect(await endedWithoutCalls(owner, sessionId)).toBe(false);
  });

  it("without a session every action is refused and nothing is written", async () => {
    const s = await runningSession(owner, callerId, appId);
    const { recording } = await fixtureRecordedCall(owner);
    const before = await callState(acct.id);
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: callerId })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await simulateInboundAction({ numberId, from: "+447700900123" })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await terminateSessionAction({ sessionId: s.id })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await deleteRecordingAction({ recordingId: recording.id })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await callState(acct.id)).toEqual(before);
    expect((await db.callSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("running");
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(owner);
    const before = await callState(acct.id);
    expect(await placeTestCallAction({ applicationId: appId, destination: "not a number!", callerKind: "number", callerNumber: callerId })).toEqual({
      ok: false,
      fieldErrors: { destination: expect.stringContaining("international format") },
    });
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: "12" })).toEqual({
      ok: false,
      fieldErrors: { callerNumber: expect.stringContaining("international format") },
    });
    // An empty caller number is asked for, not called malformed.
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: "  " })).toEqual({
      ok: false,
      fieldErrors: { callerNumber: "Enter the caller's number (+ then the country code and number)" },
    });
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "user", answerAfterSeconds: -1, dtmf: "12a" })).toEqual({
      ok: false,
      fieldErrors: { answerAfterSeconds: expect.stringContaining("at least 0"), dtmf: expect.stringContaining("DTMF"), callerUser: expect.stringContaining("username") },
    });
    expect(await simulateInboundAction({ numberId, from: "nobody" })).toEqual({ ok: false, fieldErrors: { from: expect.stringContaining("international format") } });
    // A fraction or a word gets the field's own rule, not a bare "Invalid input".
    expect(await simulateInboundAction({ numberId, from: "+447700900123", hangupAfterSeconds: "1.5" })).toEqual({
      ok: false,
      fieldErrors: { hangupAfterSeconds: "Hang up after must be a whole number of seconds" },
    });
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: callerId, answerAfterSeconds: "soon" })).toEqual({
      ok: false,
      fieldErrors: { answerAfterSeconds: "Answer after must be a number of seconds" },
    });
    expect(await terminateSessionAction({ sessionId: "x" })).toEqual({ ok: false, fieldErrors: { sessionId: "Invalid call session id" } });
    expect(await deleteRecordingAction({ recordingId: "x" })).toEqual({ ok: false, fieldErrors: { recordingId: "Invalid recording id" } });
    // A number the account has not proved cannot be shown on the telephone network.
    expect(await placeTestCallAction({ applicationId: appId, destination: "+12125550142", callerKind: "number", callerNumber: "+12025550111" })).toEqual({
      ok: false,
      fieldErrors: { callerNumber: expect.stringContaining("verified caller ID") },
    });
    expect(await callState(acct.id)).toEqual(before);
  });

  it("another account's application, number, session and recording are refused as not found", async () => {
    const other = await createTestAccount();
    const theirOwner = await other.actor(OWNER_ROLE);
    await fixtureTopUp(other.id, 50_00);
    const theirCaller = (await fixtureCallerId(other.id, "+14155550177")).number;
    const theirs = await fixtureAppWithRule(other.id);
    const theirNumber = await fixtureOwnNumber(other.id);
    await db.phoneNumber.update({ where: { id: theirNumber.id }, data: { applicationId: theirs.app.id } });
    const theirSession = await runningSession(theirOwner, theirCaller, theirs.app.id);
    const { recording } = await fixtureRecordedCall(theirOwner);
    const before = await callState(other.id);
    session.actor = asPanel(owner);
    expect(await placeTestCallAction({ applicationId: theirs.app.id, destination: "+12125550142", callerKind: "number", callerNumber: callerId })).toEqual({
      ok: false,
      fieldErrors: { applicationId: "Application not found" },
    });
    expect(await simulateInboundAction({ numberId: theirNumber.id, from: "+447700900123" })).toEqual({ ok: false, fieldErrors: { numberId: expect.stringContaining("active numbers") } });
    const theirRegistration = await fixtureSipRegistration(other.id, { applicationId: theirs.app.id });
    expect(await simulateInboundAction({ sipRegistrationId: theirRegistration.id, from: "+447700900123" })).toEqual({ ok: false, fieldErrors: { sipRegistrationId: "SIP registration not found" } });
    expect(await terminateSessionAction({ sessionId: theirSession.id })).toEqual({ ok: false, fieldErrors: { sessionId: "Call session not found" } });
    expect(await deleteRecordingAction({ recordingId: recording.id })).toEqual({ ok: false, fieldErrors: { recordingId: "Recording not found" } });
    expect(await callState(other.id)).toEqual(before);
  });

  it("a ProvisioningAgent child account cannot delete recordings, even as its owner", async () => {
    const child = await createTestAccount();
    await db.account.update({ where: { id: child.id }, data: { childRole: "ProvisioningAgent", parentId: acct.id } });
    const childOwner = await child.actor(OWNER_ROLE);
    const { recording } = await fixtureRecordedCall(childOwner);
    session.actor = asPanel(childOwner);
    expect(await deleteRecordingAction({ recordingId: recording.id })).toEqual({ ok: false, formError: expect.stringContaining("does not allow deleting recordings") });
    expect((await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).audio).not.toBeNull();
  });

  it("a deleted recording's audio is erased, the row kept, and a second delete is not found", async () => {
    const { recording } = await fixtureRecordedCall(owner);
    session.actor = asPanel(owner);
    expect(await deleteRecordingAction({ recordingId: recording.id })).toEqual({ ok: true, data: { id: recording.id } });
    expect(await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).toMatchObject({ audio: null, sizeBytes: 0, deletedAt: expect.any(Date) });
    expect(await deleteRecordingAction({ recordingId: recording.id })).toEqual({ ok: false, fieldErrors: { recordingId: "Recording not found" } });
  });
});
