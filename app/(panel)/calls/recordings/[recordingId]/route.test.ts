// The recording route: the call history sections are enforced (401/403), another account's or a
// deleted recording is 404, Range requests answer 206 with Content-Range (seeking in <audio>),
// and a secure-storage application's recordings need a fresh, untampered signed URL.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureRecordedCall } from "@/lib/domains/calls/call-fixtures";
import { recordingUrl, signRecording } from "@/lib/domains/recordings/signing";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));

const { GET, parseRange } = await import("./route");


const get = (id: number | string, opts: { query?: string; range?: string } = {}) =>
  GET(new Request(`http://panel.test/calls/recordings/${id}${opts.query ?? ""}`, { headers: opts.range ? { range: opts.range } : {} }), { params: Promise.resolve({ recordingId: String(id) }) });

describe("GET /calls/recordings/[recordingId]", () => {
  let acct: TestAccount;
  let plain: Awaited<ReturnType<typeof fixtureRecordedCall>>;
  let secure: Awaited<ReturnType<typeof fixtureRecordedCall>>;
  beforeAll(async () => {
    acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    plain = await fixtureRecordedCall(owner);
    secure = await fixtureRecordedCall(owner, { secure: true });
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    const res = await get(plain.recording.id);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).not.toBe("audio/wav");
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "calls") || can({ roles: [role] }, "application.call_history");
    it(`${role}: ${allowed ? "plays the WAV" : "403"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await get(plain.recording.id);
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("audio/wav");
        expect(res.headers.get("accept-ranges")).toBe("bytes");
        expect(res.headers.get("content-disposition")).toBe('inline; filename="greeting.wav"');
        const body = new Uint8Array(await res.arrayBuffer());
        expect(Buffer.from(body.subarray(0, 4)).toString()).toBe("RIFF");
        expect(body.length).toBe(plain.recording.sizeBytes);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only .* can use/);
      }
    });
  }

  it("answers a Range request with 206 and Content-Range, so <audio> can seek", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    const size = plain.recording.sizeBytes;
    const full = new Uint8Array(await (await get(plain.recording.id)).arrayBuffer());
    const part = await get(plain.recording.id, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(part.headers.get("content-length")).toBe("100");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(full.subarray(100, 200));
    const open = await get(plain.recording.id, { range: "bytes=1000-" });
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe(`bytes 1000-${size - 1}/${size}`);
    const tail = await get(plain.recording.id, { range: "bytes=-10" });
    expect(tail.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const outside = await get(plain.recording.id, { range: `bytes=${size}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it("parses ranges per RFC 9110: several ranges or other units send the whole file", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("bytes=0-9,20-29", 100)).toBeNull();
    expect(parseRange("items=0-9", 100)).toBeNull();
    expect(parseRange("bytes=5-2", 100)).toBeNull();
    expect(parseRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  });

  it("?download=1 is an attachment", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    const res = await get(plain.recording.id, { query: "?download=1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="greeting.wav"');
  });

  it("wrong tenant: another account's recording is 404, as is a deleted one or a garbage id", async () => {
    const other = await createTestAccount();
    session.actor = asPanel(await other.actor(OWNER_ROLE));
    expect((await get(plain.recording.id)).status).toBe(404);
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    for (const id of ["0", "abc", "1e3", "99999999999"]) expect((await get(id)).status).toBe(404);
    const gone = await fixtureRecordedCall(await acct.actor(OWNER_ROLE));
    await db.recording.update({ where: { id: gone.recording.id }, data: { deletedAt: new Date(), audio: null } });
    expect((await get(gone.recording.id)).status).toBe(404);
  });

  describe("signed URLs (secure record storage)", () => {
    // Threat: a leaked, forged or replayed link to a secure-storage recording keeps working;
    // the signature must be fresh and bind the recording id.
    it("refuses the bare URL, an expired one and a tampered one; serves a fresh one", async () => {
      session.actor = asPanel(await acct.actor(OWNER_ROLE));
      const id = secure.recording.id;
      expect((await get(id)).status).toBe(403);
      const fresh = new URL(recordingUrl(id, { secure: true, now: new Date() }), "http://panel.test");
      expect((await get(id, { query: fresh.search })).status).toBe(200);
      const ranged = await get(id, { query: fresh.search, range: "bytes=0-43" });
      expect(ranged.status).toBe(206);
      const old = signRecording(id, new Date(Date.now() - 3_600_000));
      expect((await get(id, { query: `?expires=${old.expires}&sig=${old.sig}` })).status).toBe(403);
      const sig = fresh.searchParams.get("sig")!;
      const tampered = `?expires=${fresh.searchParams.get("expires")}&sig=${(sig[0] === "A" ? "B" : "A") + sig.slice(1)}`;
      expect((await get(id, { query: tampered })).status).toBe(403);
      // Another recording's signature does not open this one.
      const otherSig = signRecording(plain.recording.id, new Date());
      expect((await get(id, { query: `?expires=${otherSig.expires}&sig=${otherSig.sig}` })).status).toBe(403);
    });

    it("a valid signature never replaces the section check", async () => {
      session.actor = asPanel(await acct.actor("Accountant"));
      const fresh = new URL(recordingUrl(secure.recording.id, { secure: true, now: new Date() }), "http://panel.test");
      expect((await get(secure.recording.id, { query: fresh.search })).status).toBe(403);
    });
  });
});
