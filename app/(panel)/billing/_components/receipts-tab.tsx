import type { PanelActor } from "@/lib/access/actor-types";
import { getPayments } from "@/lib/domains/billing/queries";
import { PAYMENT_SORTS, type PaymentStatus } from "@/lib/domains/billing/schemas";
import { parseListParams, type RawSearchParams } from "@/components/data-table/search-params";
import { PaymentsTable } from "./payments-table";
import type { PaymentTableRow } from "./payment-columns";

/** The Receipts tab: every top-up, server-side paged and sorted; a succeeded one has its receipt as a PDF. */
export async function ReceiptsTab({ actor, raw }: { actor: PanelActor; raw: RawSearchParams }) {
  const params = parseListParams(raw, { sort: PAYMENT_SORTS, defaultDir: "desc" });
  const page = await getPayments(actor, params);
  const rows: PaymentTableRow[] = page.rows.map((p) => ({
    id: p.id,
    amountMinor: p.amountMinor,
    currency: p.currency,
    card: `${p.cardBrand} ending ${p.cardLast4}`,
    status: p.status as PaymentStatus,
    declineReason: p.declineReason,
    receiptNumber: p.receiptNumber,
    createdAt: p.createdAt.toISOString(),
  }));
  return <PaymentsTable rows={rows} total={page.total} params={{ ...params, page: page.page }} />;
}
