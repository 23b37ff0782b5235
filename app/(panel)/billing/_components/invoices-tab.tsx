import type { PanelActor } from "@/lib/access/actor-types";
import { listInvoiceMonths } from "@/lib/domains/billing/queries";
import { EmptyState } from "@/components/ui/page";
import { InvoicesTable, type InvoiceRow } from "./invoices-table";

const MONTH = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** The Invoices tab: one invoice per month with activity on the balance (UTC months), each as a PDF. */
export async function InvoicesTab({ actor }: { actor: PanelActor }) {
  const months = await listInvoiceMonths(actor);
  if (months.length === 0) {
    return (
      <EmptyState title="No invoices yet">
        <p>An invoice is made for every month in which the balance moved. Top up the balance to start.</p>
      </EmptyState>
    );
  }
  const now = new Date();
  const current = now.getUTCFullYear() * 100 + now.getUTCMonth() + 1;
  const rows: InvoiceRow[] = months.map((m) => ({
    month: m,
    period: MONTH.format(new Date(Date.UTC(Math.floor(m / 100), (m % 100) - 1, 1))),
    number: `INV-${actor.accountId}-${m}`,
    inProgress: m === current,
  }));
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        Each invoice lists the month&apos;s charges by kind and its credits, between the opening and closing balances (UTC months). The current month&apos;s
        grows until it ends.
      </p>
      <InvoicesTable rows={rows} />
    </>
  );
}
