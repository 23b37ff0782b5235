import "server-only";
// The call list uploads (Create and Append rows) are route handlers rather than server actions:
// a file of 100,000 rows is more than the 1 MB scripts/action-gate.mjs lets through, and the
// bytes must reach the domain undecoded so it can tell UTF-8 from Windows-1251. The browser posts
// the file's bytes as the body (application/octet-stream) and the settings in the query string.
//
// Route handlers get none of the checks Next gives server actions, so these make them:
// - the section (guardRoute: 401 without a session, 403 naming the granting roles);
// - CSRF: the Origin header must name this panel (publicOrigin(), the action gate's rule); a
//   request without one is refused too (every browser sends it on a POST);
// - the role preview writes nothing (as action() refuses every action while it is on);
// - size: a declared Content-Length over MAX_FILE_BYTES is refused before a byte is read, and the
//   body is read through a counter that stops at the limit (MAX_FILE_BYTES is under the 10 MB
//   Next buffers for a request its proxy runs on, so the proxy never truncates a body this takes).
import type { PanelActor } from "@/lib/access/actor-types";
import type { SectionId } from "@/lib/access/matrix";
import { PREVIEW_REFUSAL } from "@/lib/server/action";
import { guardRoute } from "@/lib/server/route-guard";
import { readLimited, sameOrigin } from "@/lib/server/upload";
import { publicOrigin } from "@/lib/core/request-info";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/core/errors";
import { MAX_FILE_BYTES } from "@/lib/domains/call-lists/schemas";
import { FILE_EMPTY } from "@/lib/domains/call-lists/client-safe";

/** What an upload answers: the shape of a server action's result, so the dialog shows errors the same way. */
export type UploadResult<T> = { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: Record<string, string> };

const TOO_LARGE = `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it, then append the rest to the list`;

export function json(status: number, body: UploadResult<unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store" } });
}

const refuse = (status: number, message: string, field?: string) => json(status, field ? { ok: false, fieldErrors: { [field]: message } } : { ok: false, formError: message });

/**
 * The checks above, then `run` with the actor, the query string and the file's bytes; an AppError
 * becomes the dialog's field or form error with its HTTP status.
 */
export async function handleUpload<T>(request: Request, section: SectionId, run: (actor: PanelActor, query: URLSearchParams, bytes: Uint8Array) => Promise<T>): Promise<Response> {
  const actor = await guardRoute(section);
  if (actor instanceof Response) return actor;
  if (actor.preview) return refuse(403, PREVIEW_REFUSAL);
  if (!sameOrigin(request.headers.get("origin"), publicOrigin(request.headers))) return refuse(403, "Upload refused: it did not come from this panel.");
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared) || Number(declared) > MAX_FILE_BYTES)) return refuse(413, TOO_LARGE, "file");
  const bytes = await readLimited(request.body, MAX_FILE_BYTES);
  if (!bytes) return refuse(413, TOO_LARGE, "file");
  if (bytes.byteLength === 0) return refuse(400, FILE_EMPTY, "file");
  try {
    return json(201, { ok: true, data: await run(actor, new URL(request.url).searchParams, bytes) });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e instanceof FieldErrors) return json(400, { ok: false, fieldErrors: e.fields });
    return json(HTTP_STATUS[e.code], e.field ? { ok: false, fieldErrors: { [e.field]: e.message } } : { ok: false, formError: e.message });
  }
}

/** Several fields' errors at once, answered under their fields. */
export class FieldErrors extends AppError {
  constructor(readonly fields: Record<string, string>) {
    const [field, message] = Object.entries(fields)[0] ?? ["form", "Invalid input"];
    super("INVALID_INPUT", { message, field });
  }
}
