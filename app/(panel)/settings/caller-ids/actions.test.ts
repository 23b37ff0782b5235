import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureCallerId } from "@/lib/domains/caller-ids/api-fixtures";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { activateCallerIdAction, addCallerIdAction, deleteCallerIdAction, sendCallerIdCodeAction } = await import("./actions");


let seq = 0;
/** A fresh number per call: the account may hold each number once. */
const freshNumber = () => `+1646555${String(1000 + (seq++ % 9000)).padStart(4, "0")}`;

async function snapshot(accountId: number) {
  return {
    callerIds: await db.callerId.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    notifications: await db.notification.count({ where: { accountId } }),
    audits: await changeRowCount(accountId),
  };
}

describe("caller ID server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  // fixtureCallerId's unverified caller ID waits for the code 123456.
  const calls = [
    { name: "addCallerIdAction", run: () => addCallerIdAction({ number: freshNumber() }), notifies: true },
    { name: "sendCallerIdCodeAction", run: (id: number) => sendCallerIdCodeAction({ callerIdId: id }), notifies: true },
    { name: "activateCallerIdAction", run: (id: number) => activateCallerIdAction({ callerIdId: id, code: "123456" }), notifies: false },
    { name: "deleteCallerIdAction", run: (id: number) => deleteCallerIdAction({ callerIdId: id }), notifies: false },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "caller_ids");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        // An account per case: at most 20 caller IDs per account.
        const acct = await createTestAccount();
        session.actor = asPanel(await acct.actor(role));
        const cid = await fixtureCallerId(acct.id);
        const before = await snapshot(acct.id);
        const r = await c.run(cid.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          const after = await snapshot(acct.id);
          expect(after.audits).toBe(before.audits + 1);
          expect(after.notifications).toBe(before.notifications + (c.notifies ? 1 : 0));
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("the actions answer with the row the page shows: pending code, tries and expiry, then verified", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const added = await addCallerIdAction({ number: "+1 (646) 555-0199" });
    expect(added).toEqual({
      ok: true,
      data: expect.objectContaining({ number: "+16465550199", active: false, codePending: true, codeAttemptsLeft: 3, verificationCallsLeft: 4, verifiedUntil: null }),
    });
    const row = (added as { data: { id: number; codeExpiresAt: string; createdAt: string } }).data;
    const ttl = new Date(row.codeExpiresAt).getTime() - new Date(row.createdAt).getTime();
    expect(ttl).toBeGreaterThanOrEqual(10 * 60_000);
    expect(ttl).toBeLessThan(10 * 60_000 + 5_000);
    const n = await db.notification.findFirstOrThrow({ where: { accountId: acct.id, kind: "caller_id_code" }, orderBy: { id: "desc" } });
    const { code, number } = JSON.parse(n.detail) as { code: string; number: string };
    expect(number).toBe("+16465550199");
    expect(await activateCallerIdAction({ callerIdId: row.id, code })).toEqual({ ok: true, data: expect.objectContaining({ active: true, codePending: false, codeExpiresAt: null }) });
  });

  it("without a session every action is refused and nothing is written", async () => {
    const cid = await fixtureCallerId(acct.id);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(cid.id), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const cid = await fixtureCallerId(acct.id);
    const before = await snapshot(acct.id);
    expect(await addCallerIdAction({ number: "12345" })).toEqual({ ok: false, fieldErrors: { number: expect.stringContaining("international format") } });
    expect(await addCallerIdAction({ number: "+1415\u0000555" })).toEqual({ ok: false, fieldErrors: { number: expect.any(String) } });
    expect(await activateCallerIdAction({ callerIdId: cid.id, code: "12ab" })).toEqual({ ok: false, fieldErrors: { code: "The code is 6 digits" } });
    expect(await activateCallerIdAction({ callerIdId: cid.id } as never)).toEqual({ ok: false, fieldErrors: { code: "Enter the code" } });
    expect(await sendCallerIdCodeAction({ callerIdId: "x" })).toEqual({ ok: false, fieldErrors: { callerIdId: "Invalid caller ID id" } });
    expect(await deleteCallerIdAction({ callerIdId: -1 })).toEqual({ ok: false, fieldErrors: { callerIdId: "Invalid caller ID id" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a taken number and a wrong code are field errors; the wrong code costs a try", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const cid = await fixtureCallerId(acct.id);
    expect(await addCallerIdAction({ number: cid.number })).toEqual({ ok: false, fieldErrors: { number: "This number is already one of the account's caller IDs" } });
    expect(await activateCallerIdAction({ callerIdId: cid.id, code: "654321" })).toEqual({ ok: false, fieldErrors: { code: "Wrong code: 2 tries left" } });
    expect((await db.callerId.findUniqueOrThrow({ where: { id: cid.id } })).codeAttemptsLeft).toBe(2);
  });

  it("another account's caller ID is refused as not found, nothing written", async () => {
    const other = await createTestAccount();
    const theirs = await fixtureCallerId(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(other.id);
    const notFound = { ok: false, fieldErrors: { callerIdId: "Caller ID not found" } };
    expect(await sendCallerIdCodeAction({ callerIdId: theirs.id })).toEqual(notFound);
    expect(await activateCallerIdAction({ callerIdId: theirs.id, code: "123456" })).toEqual(notFound);
    expect(await deleteCallerIdAction({ callerIdId: theirs.id })).toEqual(notFound);
    expect(await snapshot(other.id)).toEqual(before);
  });

  it("a Developer child account is refused (seed 004), nothing written", async () => {
    const child = await createTestAccount();
    await db.account.update({ where: { id: child.id }, data: { childRole: "Developer" } });
    session.actor = asPanel(await child.actor("MainAccount"));
    const before = await snapshot(child.id);
    expect(await addCallerIdAction({ number: freshNumber() })).toEqual({ ok: false, formError: "This account's role does not allow caller IDs" });
    expect(await snapshot(child.id)).toEqual(before);
  });
});
