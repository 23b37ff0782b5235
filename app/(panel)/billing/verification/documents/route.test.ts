// Uploading (POST) and downloading (GET) verification documents: route handlers, so they make the
// checks Next gives server actions themselves.
// Threats: cross-site request forgery (a page elsewhere posting a file with the victim's cookie:
// the Origin must name this panel); memory exhaustion (an oversize body refused before it is
// buffered); a file that is not a document (the type is sniffed); a role without
// billing.verification (PayerNoVerify) or a role preview uploading; another account's document
// downloaded by id.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { PREVIEW_REFUSAL } from "@/lib/server/action";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { uploadVerificationDocument } from "@/lib/domains/billing/mutations";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { POST } = await import("./route");
const { GET } = await import("./[documentId]/route");


const LIMIT = 5 * 1024 * 1024;
const PANEL = "http://panel.test";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

function upload(body: BodyInit | null, opts: { name?: string; origin?: string | null; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { host: "panel.test", "content-type": "application/octet-stream", ...opts.headers };
  if (opts.origin !== null) headers.origin = opts.origin ?? PANEL;
  const url = `${PANEL}/billing/verification/documents?name=${encodeURIComponent(opts.name ?? "passport.pdf")}`;
  return POST(new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit));
}

const download = (id: string | number) => GET(new Request(`${PANEL}/billing/verification/documents/${id}`), { params: Promise.resolve({ documentId: String(id) }) });

/** A body of `total` bytes made on demand, counting how many were pulled. */
function countingBody(total: number, chunk = 64 * 1024) {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      const n = Math.min(chunk, total - pulled.bytes);
      pulled.bytes += n;
      controller.enqueue(new Uint8Array(n).fill(0x25));
    },
  });
  return { stream, pulled };
}

const documentCount = (accountId: number) => db.verificationDocument.count({ where: { accountId } });
const audits = (accountId: number) => db.auditLog.count({ where: { accountId } });

describe("POST /billing/verification/documents (upload)", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session, nothing written", async () => {
    const res = await upload(PDF);
    expect(res.status).toBe(401);
    expect(await documentCount(acct.id)).toBe(0);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "billing.verification");
    it(`${role}: ${allowed ? "uploads, the type sniffed, audited" : "403, nothing written"}`, async () => {
      const a = await createTestAccount();
      session.actor = asPanel(await a.actor(role));
      const res = await upload(PNG, { name: "scan.pdf" });
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      if (allowed) {
        expect(res.status).toBe(201);
        expect(await res.json()).toEqual({ ok: true, data: { id: expect.any(Number), fileName: "scan.pdf", mimeType: "image/png", sizeBytes: PNG.byteLength } });
        expect(await documentCount(a.id)).toBe(1);
        expect(await audits(a.id)).toBe(1);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toMatch(/^Only the account owner, .*Payer can use/);
        expect(await documentCount(a.id)).toBe(0);
      }
    });
  }

  // Threat: CSRF. A page on another site (or a sibling subdomain sharing the Lax cookie) posts a file.
  it("refuses a foreign, opaque, malformed or missing Origin, nothing written", async () => {
    session.actor = asPanel(await acct.actor("Payer"));
    for (const origin of ["https://evil.test", "http://panel.test.evil.test", "https://panel.test", "http://panel.test:8080", "null", "http://[", null]) {
      const res = await upload(PDF, { origin });
      expect(res.status, String(origin)).toBe(403);
      expect(await res.json(), String(origin)).toEqual({ ok: false, formError: "Upload refused: it did not come from this panel." });
    }
    expect(await documentCount(acct.id)).toBe(0);
  });

  // Threat: memory exhaustion through an oversize body.
  it("refuses a declared oversize body before reading a byte of it", async () => {
    session.actor = asPanel(await acct.actor("Payer"));
    const { stream, pulled } = countingBody(50 * 1024 * 1024);
    const res = await upload(stream, { headers: { "content-length": String(50 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, fieldErrors: { file: "The file is larger than 5 MB" } });
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(await documentCount(acct.id)).toBe(0);
  });

  it("stops reading an oversize body without a length at the limit", async () => {
    session.actor = asPanel(await acct.actor("Payer"));
    const { stream, pulled } = countingBody(50 * 1024 * 1024);
    const res = await upload(stream);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, fieldErrors: { file: "The file is larger than 5 MB" } });
    // At most the limit and the chunks the stream had queued ahead, never the 50 MB.
    expect(pulled.bytes).toBeLessThan(LIMIT + 4 * 64 * 1024);
    expect(await documentCount(acct.id)).toBe(0);
  });

  it("takes a file of exactly the limit; refuses a bad Content-Length", async () => {
    session.actor = asPanel(await acct.actor("Payer"));
    const big = new Uint8Array(LIMIT);
    big.set(PDF);
    expect((await upload(big, { name: "big.pdf" })).status).toBe(201);
    expect((await upload(PDF, { headers: { "content-length": "12abc" } })).status).toBe(413);
    await db.verificationDocument.deleteMany({ where: { accountId: acct.id } });
  });

  it("refuses what is not a PDF, PNG or JPEG whatever its name or declared type, and an empty file", async () => {
    session.actor = asPanel(await acct.actor("Payer"));
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
    const gif = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;");
    for (const [body, name] of [[html, "id.pdf"], [exe, "id.png"], [gif, "id.jpg"]] as const) {
      const res = await upload(body, { name, headers: { "content-type": "application/pdf" } });
      expect(res.status, name).toBe(400);
      expect(await res.json(), name).toEqual({ ok: false, fieldErrors: { file: "Upload a PDF, PNG or JPEG file" } });
    }
    expect(await (await upload(new Uint8Array())).json()).toEqual({ ok: false, fieldErrors: { file: "The file is empty" } });
    expect(await documentCount(acct.id)).toBe(0);
    const jpeg = await upload(JPEG, { name: "photo" });
    expect(await jpeg.json()).toMatchObject({ ok: true, data: { mimeType: "image/jpeg", fileName: "photo" } });
    await db.verificationDocument.deleteMany({ where: { accountId: acct.id } });
  });

  it("a role preview uploads nothing, even with the owner's own login", async () => {
    const a = await createTestAccount();
    session.actor = { ...asPanel(await a.actor("MainAccount")), preview: { roles: ["Payer"] } };
    const res = await upload(PDF);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ ok: false, formError: PREVIEW_REFUSAL });
    expect(await documentCount(a.id)).toBe(0);
  });
});

describe("GET /billing/verification/documents/[documentId] (download)", () => {
  let acct: TestAccount;
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    mine = (await uploadVerificationDocument(await acct.actor("MainAccount"), { name: "Pässe \"2026\".pdf", bytes: PDF })).id;
    const other = await createTestAccount();
    theirs = (await uploadVerificationDocument(await other.actor("MainAccount"), { name: "theirs.pdf", bytes: PDF })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  it("answers 401 without a live session", async () => {
    expect((await download(mine)).status).toBe(401);
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "billing.verification");
    it(`${role}: ${allowed ? "downloads the bytes as uploaded, as an attachment of the sniffed type" : "403"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const res = await download(mine);
      if (!allowed) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      // The uploader's name cannot break out of the header: quotes and non-ASCII are replaced in
      // the fallback, percent-encoded in filename*.
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="P_sse _2026_.pdf"; filename*=UTF-8''P%C3%A4sse%20%222026%22.pdf`);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    });
  }

  it("another account's document, a missing or malformed id: 404", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    for (const id of [theirs, 987654321, "x", "1.5"]) expect((await download(id)).status, String(id)).toBe(404);
  });
});
