// Uploading a verification document (billing.verification). A route handler rather than a server
// action: a file is not an argument action() takes, nor one scripts/action-gate.mjs lets through
// (it refuses multipart posts that are not our forms, and bodies over 1 MB). The browser posts
// the file's bytes as the body (application/octet-stream, the name in ?name=), so the production
// server's action gate, which screens multipart posts to pages, leaves it to this handler.
//
// Route handlers get none of the checks Next gives server actions, so this one makes them:
// - CSRF: the session cookie rides along on any same-site request, so the Origin header must name
//   this panel (publicOrigin(), the rule the action gate applies); a request without one is
//   refused too (every browser sends it on a POST).
// - The role preview writes nothing (as action() refuses every action while it is on).
// - Size: a declared Content-Length over the limit is refused before a byte is read, and the body
//   is read through a counter that stops at the limit, so an upload without a length (chunked)
//   is never buffered beyond it. proxy.ts's matcher leaves this path out: Next buffers a body in
//   memory (up to 10 MB) for any path its proxy runs on, before the handler could refuse it.
// - The type is the domain's business: it sniffs the bytes (PDF, PNG or JPEG) whatever the name
//   or the Content-Type say.
import { guardRoute } from "@/lib/server/route-guard";
import { readLimited, sameOrigin } from "@/lib/server/upload";
import { PREVIEW_REFUSAL } from "@/lib/server/action";
import { publicOrigin } from "@/lib/core/request-info";
import { HTTP_STATUS, isAppError } from "@/lib/core/errors";
import { uploadVerificationDocument } from "@/lib/domains/billing/mutations";
import { VERIFICATION_DOCUMENT_MAX_BYTES } from "@/lib/domains/billing/schemas";
import { jsonResponse } from "@/lib/server/responses";

/** What the upload answers: the shape of a server action's result, so the form shows errors the same way. */
export type UploadResult =
  | { ok: true; data: { id: number; fileName: string; mimeType: string; sizeBytes: number } }
  | { ok: false; formError?: string; fieldErrors?: { file: string } };

const TOO_LARGE = `The file is larger than ${VERIFICATION_DOCUMENT_MAX_BYTES / 1024 / 1024} MB`;

const refuse = (status: number, message: string, field?: "file") =>
  jsonResponse(status, (field ? { ok: false, fieldErrors: { [field]: message } } : { ok: false, formError: message }) satisfies UploadResult);

export async function POST(request: Request): Promise<Response> {
  const actor = await guardRoute("billing.verification");
  if (actor instanceof Response) return actor;
  if (actor.preview) return refuse(403, PREVIEW_REFUSAL);
  if (!sameOrigin(request.headers.get("origin"), publicOrigin(request.headers))) return refuse(403, "Upload refused: it did not come from this panel.");

  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d{1,15}$/.test(declared) || Number(declared) > VERIFICATION_DOCUMENT_MAX_BYTES)) {
    return refuse(413, TOO_LARGE, "file");
  }
  const bytes = await readLimited(request.body, VERIFICATION_DOCUMENT_MAX_BYTES);
  if (!bytes) return refuse(413, TOO_LARGE, "file");

  const name = new URL(request.url).searchParams.get("name") ?? "";
  try {
    const doc = await uploadVerificationDocument(actor, { name, bytes });
    return jsonResponse(201, { ok: true, data: { id: doc.id, fileName: doc.fileName, mimeType: doc.mimeType, sizeBytes: doc.sizeBytes } } satisfies UploadResult);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return refuse(HTTP_STATUS[e.code], e.message, e.field === "file" ? "file" : undefined);
  }
}
