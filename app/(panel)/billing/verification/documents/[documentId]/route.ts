import { guardRoute } from "@/lib/server/route-guard";
import { parseRecordId } from "@/lib/core/ids";
import { getVerificationDocument } from "@/lib/domains/billing/queries";
import { errorResponse, fileResponse, textResponse } from "@/lib/server/responses";

/** An uploaded verification document, downloaded again (billing.verification); 404 for another account's. */
export async function GET(_request: Request, { params }: { params: Promise<{ documentId: string }> }): Promise<Response> {
  const actor = await guardRoute("billing.verification");
  if (actor instanceof Response) return actor;
  const { documentId } = await params;
  const id = parseRecordId(documentId);
  if (!id) return textResponse(404, "Document not found");
  try {
    const doc = await getVerificationDocument(actor, id);
    // The type is the one sniffed at upload (PDF, PNG or JPEG), never what the uploader claimed.
    return fileResponse(doc.content, { type: doc.mimeType, fileName: doc.fileName });
  } catch (e) {
    return errorResponse(e);
  }
}
