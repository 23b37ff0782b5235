// The call list server actions (pause, resume, cancel, edit, delete, cancel rows, call a row again) for every principal: holders
// of application.call_lists succeed and are audited, the rest are refused with nothing written;
// no session is refused; bad input names the field; another account's list is not found.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { fixtureCallList } from "@/lib/domains/call-lists/api-fixtures";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { pauseCallListAction, resumeCallListAction, cancelCallListAction, editCallListAction, deleteCallListAction, cancelCallListRowsAction, editCallListRowAction, callRowsAgainAction } = await import("./actions");

const firstRowId = async (listId: number) => (await db.callListRow.findFirstOrThrow({ where: { listId }, orderBy: { position: "asc" }, select: { id: true } })).id;


/** The list's first row failed after one call (as its counters say), for the actions on failed rows. */
async function failFirstRow(listId: number): Promise<void> {
  await db.callListRow.update({ where: { id: await firstRowId(listId) }, data: { status: "failed", attempts: 1, result: "busy", reason: "Busy" } });
  await db.callList.update({ where: { id: listId }, data: { failed: 1 } });
}

const snapshot = async (accountId: number) => ({
  lists: await db.callList.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  rows: await db.callListRow.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  audits: await changeRowCount(accountId),
});

describe("call list server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "pauseCallListAction", status: "queued", run: (listId: number) => pauseCallListAction({ listId }) },
    { name: "resumeCallListAction", status: "paused", run: (listId: number) => resumeCallListAction({ listId }) },
    { name: "cancelCallListAction", status: "queued", run: (listId: number) => cancelCallListAction({ listId }) },
    { name: "editCallListAction", status: "queued", run: (listId: number) => editCallListAction({ listId, name: "Renamed", maxSimultaneous: 3 }) },
    { name: "deleteCallListAction", status: "queued", run: (listId: number) => deleteCallListAction({ listId }) },
    { name: "cancelCallListRowsAction", status: "queued", run: async (listId: number) => cancelCallListRowsAction({ listId, rowIds: [await firstRowId(listId)] }) },
    { name: "editCallListRowAction", status: "queued", run: async (listId: number) => editCallListRowAction({ listId, rowId: await firstRowId(listId), attemptsLeft: 2 }) },
    { name: "callRowsAgainAction", status: "queued", prepare: failFirstRow, run: (listId: number) => callRowsAgainAction({ listId, status: "failed", attemptsLeft: 1 }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.call_lists");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const { list } = await fixtureCallList(acct.id, { status: c.status });
        if ("prepare" in c) await c.prepare(list.id);
        const before = await snapshot(acct.id);
        const r = await c.run(list.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("no session: refused, nothing written", async () => {
    const { list } = await fixtureCallList(acct.id);
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(list.id)).toMatchObject({ ok: false });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input: field errors naming the field", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const { list } = await fixtureCallList(acct.id);
    const before = await snapshot(acct.id);
    expect(await editCallListAction({ listId: list.id, name: "", maxSimultaneous: 0, intervalSeconds: -1 })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Enter a name", maxSimultaneous: expect.stringContaining("at least 1"), intervalSeconds: expect.stringContaining("at least 0") },
    });
    expect(await pauseCallListAction({ listId: "x" as unknown as number })).toMatchObject({ ok: false, fieldErrors: { listId: "Invalid call list id" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a next call typed in the past is refused under its field in the panel; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const { list } = await fixtureCallList(acct.id, { status: "queued" });
    await failFirstRow(list.id);
    const before = await snapshot(acct.id);
    const minute = (offset: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + offset * 60_000).toISOString().slice(0, 16).replace("T", " ");
    const passed = { ok: false, fieldErrors: { startAt: "That time has passed: leave it empty to call as soon as the list can" } };
    expect(await editCallListRowAction({ listId: list.id, rowId: await firstRowId(list.id), attemptsLeft: 1, startAt: minute(-1) })).toEqual(passed);
    expect(await callRowsAgainAction({ listId: list.id, status: "failed", attemptsLeft: 1, startAt: "2020-01-01 09:00" })).toEqual(passed);
    expect(await snapshot(acct.id)).toEqual(before);
    expect(await callRowsAgainAction({ listId: list.id, status: "failed", attemptsLeft: 1, startAt: minute(1) })).toMatchObject({ ok: true });
  });

  it("another account's list: not found, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const other = await createTestAccount();
    const { list } = await fixtureCallList(other.id);
    const before = await snapshot(other.id);
    for (const c of calls) expect(await c.run(list.id)).toEqual({ ok: false, fieldErrors: { listId: "Call list not found" } });
    expect(await snapshot(other.id)).toEqual(before);
  });

  it("a state that does not allow the change: a conflict under the list, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const { list } = await fixtureCallList(acct.id, { status: "queued" });
    const before = await snapshot(acct.id);
    expect(await resumeCallListAction({ listId: list.id })).toEqual({ ok: false, fieldErrors: { listId: expect.stringContaining("only a paused list can be resumed") } });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
