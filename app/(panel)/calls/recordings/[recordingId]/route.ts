import { guardRoute } from "@/lib/server/route-guard";
import { recordingForPlayback } from "@/lib/domains/recordings/queries";
import { verifyRecordingSignature } from "@/lib/domains/recordings/signing";
import { parseRecordId } from "@/lib/core/ids";

// A recording's audio, for the history's player (with seeking: HTTP range requests, RFC 9110
// section 14) and its download link (?download=1). Only for principals holding a call history
// section (calls, or application.call_history); another account's or a deleted recording is 404.
// An application with secure record storage serves its recordings on the panel's signed,
// short-lived URLs only (lib/domains/recordings/signing.ts): expired or altered is 403.

const textHeaders = { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" };
const text = (status: number, body: string) => new Response(body, { status, headers: textHeaders });

/**
 * The byte range a Range header asks for within `size` bytes: null to send the whole file (no
 * header, or one this server does not serve: several ranges, other units), "unsatisfiable" for a
 * range outside the file. Several ranges answer 200 with the whole file (allowed by RFC 9110).
 */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    // The last n bytes.
    const n = Number(m[2]);
    if (n === 0) return "unsatisfiable";
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== "" && Number(m[2]) < start) return null;
  }
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

const safeName = (name: string) => (name.replace(/[^a-zA-Z0-9_-]+/g, "_").slice(0, 80) || "recording") + ".wav";

export async function GET(req: Request, { params }: { params: Promise<{ recordingId: string }> }): Promise<Response> {
  const actor = await guardRoute(["application.call_history", "calls"]);
  if (actor instanceof Response) return actor;
  const { recordingId } = await params;
  const id = parseRecordId(recordingId);
  const rec = id ? await recordingForPlayback(actor, id) : null;
  if (!rec) return text(404, "Recording not found.");
  const url = new URL(req.url);
  if (rec.secure && !verifyRecordingSignature(rec.id, url.searchParams.get("expires"), url.searchParams.get("sig"), new Date())) {
    return text(403, "This recording's link has expired or is not valid: open the call again from the call history for a fresh one.");
  }
  const size = rec.audio.length;
  const headers: Record<string, string> = {
    "content-type": rec.mimeType,
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-disposition": `${url.searchParams.get("download") === "1" ? "attachment" : "inline"}; filename="${safeName(rec.name)}"`,
  };
  const range = parseRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
  if (!range) return new Response(rec.audio as Uint8Array<ArrayBuffer>, { status: 200, headers: { ...headers, "content-length": String(size) } });
  const body = rec.audio.subarray(range.start, range.end + 1) as Uint8Array<ArrayBuffer>;
  return new Response(body, { status: 206, headers: { ...headers, "content-length": String(body.length), "content-range": `bytes ${range.start}-${range.end}/${size}` } });
}
