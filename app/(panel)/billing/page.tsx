import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { isAccountOwner } from "@/lib/access/preview";
import { getBalance, getBillingSettings, listPendingPayments, verificationStatus } from "@/lib/domains/billing/queries";
import { BILLING_TABS, type BillingTab } from "@/lib/routes";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { SectionHeader } from "@/components/ui/page";
import { BillingSummary, PendingNotice } from "./_components/summary";
import { BillingTabs } from "./_components/billing-tabs";
import { RunBillingDay } from "./_components/run-billing-day";
import { TransactionsTab } from "./_components/transactions-tab";
import { TopUpTab } from "./_components/top-up-tab";
import { ReceiptsTab } from "./_components/receipts-tab";
import { InvoicesTab } from "./_components/invoices-tab";
import { SettingsTab } from "./_components/settings-tab";
import { VerificationTab } from "./_components/verification-tab";

export const metadata: Metadata = { title: sectionTitle("billing") };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const tabOf = (v: string | undefined): BillingTab => (BILLING_TABS as readonly string[]).includes(v ?? "") ? (v as BillingTab) : BILLING_TABS[0];

export default async function BillingPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("billing");
  const raw = await searchParams;
  const tab = tabOf(first(raw.tab));
  const [balanceMinor, settings, verification, pending] = await Promise.all([getBalance(actor), getBillingSettings(actor), verificationStatus(actor), listPendingPayments(actor)]);
  const { currency } = settings;
  const canVerify = can(actor, "billing.verification");
  return (
    <>
      <SectionHeader
        section="billing"
        description="The account's balance and everything that moved it. The balance is always the sum of the transactions; top up with the payment simulator's test cards."
        actions={<RunBillingDay currency={currency} />}
      />
      <BillingSummary balanceMinor={balanceMinor} settings={settings} verification={verification} canVerify={canVerify} />
      {tab !== "top-up" ? <PendingNotice payments={pending} currency={currency} /> : null}
      <BillingTabs current={tab} />
      <div id="billing-tab" className="mt-5">
        {tab === "transactions" ? <TransactionsTab actor={actor} raw={raw} currency={currency} /> : null}
        {tab === "top-up" ? <TopUpTab pending={pending} currency={currency} /> : null}
        {tab === "receipts" ? <ReceiptsTab actor={actor} raw={raw} /> : null}
        {tab === "invoices" ? <InvoicesTab actor={actor} /> : null}
        {tab === "settings" ? <SettingsTab settings={settings} isOwner={isAccountOwner(actor)} /> : null}
        {tab === "verification" ? <VerificationTab actor={actor} status={verification} canVerify={canVerify} isOwner={isAccountOwner(actor)} /> : null}
      </div>
    </>
  );
}
