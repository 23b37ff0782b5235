import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { getLedger } from "@/lib/domains/billing/queries";
import { LEDGER_SORTS } from "@/lib/domains/billing/schemas";
import { formatMoney } from "@/lib/domains/billing/money";
import { parseListParams, type RawSearchParams } from "@/components/data-table/search-params";
import { Card, SectionHeader } from "@/components/ui/page";
import { LedgerTable } from "./_components/ledger-table";

export const metadata: Metadata = { title: sectionTitle("billing") };

export default async function BillingPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("billing");
  const params = parseListParams(await searchParams, { sort: LEDGER_SORTS, defaultDir: "desc" });
  const ledger = await getLedger(actor, params);
  return (
    <>
      <SectionHeader
        section="billing"
        description="The account's balance and its ledger: every credit and charge, newest first. The balance is always the sum of the ledger."
      />
      <div className="mb-6 grid gap-4 md:grid-cols-[minmax(0,18rem)_1fr]">
        <Card className="p-4">
          <p className="text-sm text-slate-600">Balance</p>
          <p className={`mt-1 text-3xl font-semibold tabular-nums ${ledger.balanceMinor < 0 ? "text-red-700" : "text-slate-900"}`} data-testid="balance">
            {formatMoney(ledger.balanceMinor)}
          </p>
        </Card>
        <Card className="p-4 text-sm text-slate-600">
          <p className="font-medium text-slate-800">Topping up</p>
          <p className="mt-1">
            No payment provider is connected to this installation, so the balance cannot be topped up from the panel yet. Credits appear in the
            ledger below when they are made.
          </p>
        </Card>
      </div>
      <h2 className="mb-2 text-base font-semibold text-slate-900">Ledger</h2>
      <LedgerTable rows={ledger.rows} total={ledger.total} params={{ ...params, page: ledger.page }} />
    </>
  );
}
