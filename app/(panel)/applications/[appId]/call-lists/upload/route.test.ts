// Uploading call lists (POST .../call-lists/upload: create; POST .../call-lists/<id>/rows:
// append) and downloading results (GET .../call-lists/<id>/results): route handlers, so they make
// the checks Next gives server actions themselves.
// Threats: cross-site request forgery (a page elsewhere posting a file with the victim's cookie:
// the Origin must name this panel); memory exhaustion (an oversize body refused before it is
// buffered); a role without the create or append row, or a role preview, writing; another
// account's application or list reached by id; a partly written list from a bad file.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { PREVIEW_REFUSAL } from "@/lib/server/action";
import { MAX_FILE_BYTES } from "@/lib/domains/call-lists/schemas";
import { fixtureCallList } from "@/lib/domains/call-lists/api-fixtures";
import { asPanel, createTestAccount, PRINCIPALS } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { POST: create } = await import("./route");
const { POST: append } = await import("../[listId]/rows/route");
const { GET: results } = await import("../[listId]/results/route");


const PANEL = "http://panel.test";
const CSV = new TextEncoder().encode("phone_number;name\n+14155550123;Ann\n+14155550124;Bob\n");

function post(handler: typeof create, path: string, params: Record<string, string>, body: BodyInit | null, opts: { origin?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { host: "panel.test", "content-type": "application/octet-stream", ...opts.headers };
  if (opts.origin !== null) headers.origin = opts.origin ?? PANEL;
  const request = new Request(`${PANEL}${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return handler(request, { params: Promise.resolve(params) } as never);
}

const createAs = (appId: number, query: Record<string, string>, body: BodyInit | null, opts?: Parameters<typeof post>[4]) =>
  post(create, `/applications/${appId}/call-lists/upload?${new URLSearchParams(query)}`, { appId: String(appId) }, body, opts);
const appendAs = (appId: number, listId: number, body: BodyInit | null, opts?: Parameters<typeof post>[4]) =>
  post(append as typeof create, `/applications/${appId}/call-lists/${listId}/rows`, { appId: String(appId), listId: String(listId) }, body, opts);

const state = async (accountId: number) => ({
  lists: await db.callList.count({ where: { accountId } }),
  rows: await db.callListRow.count({ where: { accountId } }),
});

describe("POST .../call-lists/upload (create)", () => {
  beforeEach(() => {
    session.actor = null;
  });

  it("401 without a session, nothing written", async () => {
    const acct = await createTestAccount();
    const { app, rule } = await fixtureCallList(acct.id);
    const before = await state(acct.id);
    expect((await createAs(app.id, { name: "x", ruleId: String(rule.id) }, CSV)).status).toBe(401);
    expect(await state(acct.id)).toEqual(before);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.call_lists.create");
    it(`${role}: ${allowed ? "creates the list from the bytes, audited" : "403, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const { app, rule } = await fixtureCallList(acct.id);
      session.actor = asPanel(await acct.actor(role));
      const before = await state(acct.id);
      const res = await createAs(app.id, { name: "Upload", ruleId: String(rule.id), maxSimultaneous: "2", numAttempts: "1", intervalSeconds: "30" }, CSV);
      if (allowed) {
        expect(res.status).toBe(201);
        const body = (await res.json()) as { ok: true; data: { id: number; total: number } };
        expect(body).toMatchObject({ ok: true, data: { name: "Upload", total: 2 } });
        expect(await state(acct.id)).toEqual({ lists: before.lists + 1, rows: before.rows + 2 });
        expect(await db.auditLog.count({ where: { accountId: acct.id, action: "call_list.create" } })).toBe(1);
      } else {
        expect(res.status).toBe(403);
        expect(await state(acct.id)).toEqual(before);
      }
    });
  }

  it("a bad file: 400 with every bad line under the file, nothing written; Windows-1251 bytes are read as such", async () => {
    const acct = await createTestAccount();
    const { app, rule } = await fixtureCallList(acct.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await state(acct.id);
    const res = await createAs(app.id, { name: "Bad", ruleId: String(rule.id) }, new TextEncoder().encode("phone_number;name\n+14155550123;ok\n12;short number\n+14155550124\n"));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: { file: string } };
    expect(body.fieldErrors.file.split("\n")).toEqual([
      "The file has 2 problems, so nothing was saved:",
      "Line 3: phone_number “12” is not a phone number in international format (E.164 digits, e.g. +14155550123)",
      "Line 4: 1 field, the header has 2",
    ]);
    expect(await state(acct.id)).toEqual(before);

    const cp1251 = new Uint8Array([...new TextEncoder().encode("phone_number;name\n+14155550123;"), 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]);
    const ok = await createAs(app.id, { name: "Cyrillic", ruleId: String(rule.id) }, cp1251);
    expect(ok.status).toBe(201);
    const { data } = (await ok.json()) as { data: { id: number } };
    expect(JSON.parse((await db.callListRow.findFirstOrThrow({ where: { listId: data.id } })).data)).toEqual({ phone_number: "+14155550123", name: "Привет" });
  });

  it("every settings error at once, under its field", async () => {
    const acct = await createTestAccount();
    const { app } = await fixtureCallList(acct.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const res = await createAs(app.id, { name: "", ruleId: "", maxSimultaneous: "0", numAttempts: "99" }, CSV);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, fieldErrors: { name: "Enter a name", ruleId: "Choose a rule", maxSimultaneous: expect.any(String), numAttempts: expect.any(String) } });
  });

  it("an empty body is an empty file, under the file, nothing written", async () => {
    const acct = await createTestAccount();
    const { app, rule } = await fixtureCallList(acct.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await state(acct.id);
    const res = await createAs(app.id, { name: "Empty", ruleId: String(rule.id) }, new Uint8Array(0));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, fieldErrors: { file: "The file is empty" } });
    expect(await state(acct.id)).toEqual(before);
  });

  it("refuses a request from another origin or none, a role preview, and a body over the limit before reading it", async () => {
    const acct = await createTestAccount();
    const { app, rule } = await fixtureCallList(acct.id);
    const owner = asPanel(await acct.actor("MainAccount"));
    session.actor = owner;
    const before = await state(acct.id);
    const q = { name: "x", ruleId: String(rule.id) };
    expect((await createAs(app.id, q, CSV, { origin: "https://evil.example" })).status).toBe(403);
    expect((await createAs(app.id, q, CSV, { origin: null })).status).toBe(403);
    expect((await createAs(app.id, q, CSV, { headers: { "content-length": String(MAX_FILE_BYTES + 1) } })).status).toBe(413);
    const pulled = { bytes: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled.bytes += 1024 * 1024;
        c.enqueue(new Uint8Array(1024 * 1024).fill(0x31));
        if (pulled.bytes > 4 * MAX_FILE_BYTES) c.close();
      },
    });
    expect((await createAs(app.id, q, stream)).status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_FILE_BYTES + 2 * 1024 * 1024);
    session.actor = { ...owner, preview: { roles: ["CallListManager"] } } as unknown as PanelActor;
    const preview = await createAs(app.id, q, CSV);
    expect(preview.status).toBe(403);
    expect(await preview.json()).toEqual({ ok: false, formError: PREVIEW_REFUSAL });
    expect(await state(acct.id)).toEqual(before);
  });

  it("another account's application or rule: not found, nothing written", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const mine = await fixtureCallList(acct.id);
    const theirs = await fixtureCallList(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect((await createAs(theirs.app.id, { name: "x", ruleId: String(theirs.rule.id) }, CSV)).status).toBe(404);
    expect((await createAs(mine.app.id, { name: "x", ruleId: String(theirs.rule.id) }, CSV)).status).toBe(404);
    expect(await state(other.id)).toEqual({ lists: 1, rows: 2 });
  });
});

describe("POST .../call-lists/<id>/rows (append)", () => {
  beforeAll(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.call_lists.append");
    it(`${role}: ${allowed ? "appends" : "403, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const { app, list } = await fixtureCallList(acct.id);
      session.actor = asPanel(await acct.actor(role));
      const res = await appendAs(app.id, list.id, CSV);
      expect(res.status).toBe(allowed ? 201 : 403);
      expect(await db.callListRow.count({ where: { listId: list.id } })).toBe(allowed ? 4 : 2);
    });
  }

  it("another account's list: 404; a header unlike the list's: 400 under the file", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const mine = await fixtureCallList(acct.id);
    const theirs = await fixtureCallList(other.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect((await appendAs(mine.app.id, theirs.list.id, CSV)).status).toBe(404);
    const bad = await appendAs(mine.app.id, mine.list.id, new TextEncoder().encode("phone;name\n+14155550123;x\n"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fieldErrors: { file: expect.stringContaining("Line 1: the header must be the list's") } });
    expect(await db.callListRow.count({ where: { listId: theirs.list.id } })).toBe(2);
  });
});

describe("GET .../call-lists/<id>/results (download)", () => {
  const get = (appId: number, listId: number | string, query = "") =>
    results(new Request(`${PANEL}/applications/${appId}/call-lists/${listId}/results${query}`), { params: Promise.resolve({ appId: String(appId), listId: String(listId) }) });

  it("401 without a session; 403 for a role without the page; another account's list 404", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const mine = await fixtureCallList(acct.id);
    const theirs = await fixtureCallList(other.id);
    session.actor = null;
    expect((await get(mine.app.id, mine.list.id)).status).toBe(401);
    for (const role of PRINCIPALS) {
      session.actor = asPanel(await acct.actor(role));
      expect([role, (await get(mine.app.id, mine.list.id)).status]).toEqual([role, can({ roles: [role] }, "application.call_lists") ? 200 : 403]);
    }
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect((await get(mine.app.id, theirs.list.id)).status).toBe(404);
    expect((await get(mine.app.id, "abc")).status).toBe(404);
  });

  it("streams every row with the list's columns, its status, attempts, result, report and cost; formula cells neutralised", async () => {
    const acct = await createTestAccount();
    const { app, list } = await fixtureCallList(acct.id);
    // The report is what the scenario said (CallList.reportResult): neutralised as every cell is.
    await db.callListRow.updateMany({ where: { listId: list.id, position: 1 }, data: { status: "succeeded", attempts: 1, result: "completed", reason: "=HYPERLINK(\"x\")", report: "+1+cmd", costMinor: 123 } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const res = await get(app.id, list.id);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="call-list-${list.id}-results-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("position,phone_number,name,status,attempts,result,reason,report,cost,call_session_id,updated_at");
    expect(lines[1]).toMatch(/^1,\+14155550101,Row 1,Succeeded,1,completed,"'=HYPERLINK\(""x""\)",'\+1\+cmd,1\.23,,\d{4}-/);
    expect(lines[2]).toBe("2,+14155550102,Row 2,Pending,0,,,,0.00,,");
  });

  it("?status= downloads only the rows of that status, named so; an unknown status downloads every row", async () => {
    const acct = await createTestAccount();
    const { app, list } = await fixtureCallList(acct.id);
    await db.callListRow.updateMany({ where: { listId: list.id, position: 2 }, data: { status: "failed", attempts: 1, result: "busy", reason: "Busy" } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const failed = await get(app.id, list.id, "?status=failed");
    expect(failed.headers.get("content-disposition")).toMatch(new RegExp(`filename="call-list-${list.id}-failed-rows-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect((await failed.text()).trim().split("\r\n").map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["position,phone_number,name,status", "2,+14155550102,Row 2,Failed"]);
    expect((await (await get(app.id, list.id, "?status=succeeded")).text()).trim().split("\r\n")).toHaveLength(1);
    expect((await (await get(app.id, list.id, "?status=bogus")).text()).trim().split("\r\n")).toHaveLength(3);
  });

  it("a row's reason in an earlier version's words downloads in today's, as the call history shows its session; the row keeps what was written", async () => {
    const acct = await createTestAccount();
    const { app, list } = await fixtureCallList(acct.id);
    const stored = "Error: the scenario failed: Error: no agent on duty";
    await db.callListRow.updateMany({ where: { listId: list.id, position: 2 }, data: { status: "failed", attempts: 1, result: "error", reason: stored } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const lines = (await (await get(app.id, list.id)).text()).trim().split("\r\n");
    expect(lines[2]).toMatch(/^2,\+14155550102,Row 2,Failed,1,error,Error: the scenario failed: no agent on duty,,0\.00,,\d{4}-/);
    expect(await db.callListRow.findFirstOrThrow({ where: { listId: list.id, position: 2 }, select: { reason: true } })).toEqual({ reason: stored });
  });
});
