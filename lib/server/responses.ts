import "server-only";
// The panel's route handlers answer files (CSV, PDF, the verification documents) and
// short refusals. Every answer is private and never cached; files are attachments that a
// browser neither sniffs nor runs (a document's bytes are the uploader's).
import { HTTP_STATUS, isAppError } from "@/lib/core/errors";

const PRIVATE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" } as const;

/** A plain-text answer (401/403/404/413 and the like). */
export function textResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { ...PRIVATE, "content-type": "text/plain; charset=utf-8", ...headers } });
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...PRIVATE, "content-type": "application/json; charset=utf-8" } });
}

/**
 * A Content-Disposition value for a download named `name`: an ASCII fallback in `filename` (any
 * other character, quotes and backslashes included, becomes `_`) and the exact name in
 * `filename*` (RFC 6266 / RFC 5987), so no name can break out of the header.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_").slice(0, 150) || "download";
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** A file download: `bytes` as an attachment, sandboxed should anything ever render it inline. */
export function fileResponse(bytes: Uint8Array, opts: { type: string; fileName: string }): Response {
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      ...PRIVATE,
      "content-type": opts.type,
      "content-length": String(bytes.byteLength),
      "content-disposition": attachment(opts.fileName),
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}

/** An expected domain error as its HTTP status and message (NOT_FOUND -> 404, ...); anything else is rethrown. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) return textResponse(HTTP_STATUS[e.code], e.message);
  throw e;
}
