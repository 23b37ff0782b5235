import { guardRoute } from "@/lib/server/route-guard";
import { parseRecordId } from "@/lib/core/ids";
import { getReceipt } from "@/lib/domains/billing/queries";
import { renderReceiptPdf } from "@/lib/domains/billing/pdf";
import { errorResponse, fileResponse, textResponse } from "@/lib/server/responses";

/** A succeeded payment's receipt as a PDF (section billing); 404 for another account's, an unpaid one or a malformed id. */
export async function GET(_request: Request, { params }: { params: Promise<{ paymentId: string }> }): Promise<Response> {
  const actor = await guardRoute("billing");
  if (actor instanceof Response) return actor;
  const { paymentId } = await params;
  const id = parseRecordId(paymentId);
  if (!id) return textResponse(404, "Receipt not found");
  try {
    const receipt = await getReceipt(actor, id);
    return fileResponse(await renderReceiptPdf(receipt), { type: "application/pdf", fileName: `receipt-${receipt.receiptNumber ?? paymentId}.pdf` });
  } catch (e) {
    return errorResponse(e);
  }
}
