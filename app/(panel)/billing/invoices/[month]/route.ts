import { guardRoute } from "@/lib/server/route-guard";
import { getInvoice, listInvoiceMonths } from "@/lib/domains/billing/queries";
import { renderInvoicePdf } from "@/lib/domains/billing/pdf";
import { errorResponse, fileResponse, textResponse } from "@/lib/server/responses";

/**
 * A month's invoice (yyyymm) as a PDF (section billing), computed from the actor's own ledger;
 * 404 for a month the account has no invoice for (before its first entry, in the future, malformed).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }): Promise<Response> {
  const actor = await guardRoute("billing");
  if (actor instanceof Response) return actor;
  const { month } = await params;
  if (!/^\d{6}$/.test(month) || !(await listInvoiceMonths(actor)).includes(Number(month))) return textResponse(404, "Invoice not found");
  try {
    const invoice = await getInvoice(actor, Number(month));
    return fileResponse(await renderInvoicePdf(invoice), { type: "application/pdf", fileName: `invoice-${invoice.number}.pdf` });
  } catch (e) {
    return errorResponse(e);
  }
}
