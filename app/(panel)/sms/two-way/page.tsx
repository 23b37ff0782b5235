import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { EmptyState, SectionHeader } from "@/components/ui/page";
import { listRecentTwoWay, listSmsSources, smsCurrency } from "@/lib/domains/sms/queries";
import { AutoRefresh } from "../_components/auto-refresh";
import { smsRow } from "../_components/sms-row";
import { TwoWayView } from "./_components/two-way-view";

export const metadata: Metadata = { title: sectionTitle("sms.two_way") };

export default async function TwoWaySmsPage() {
  const actor = await requireSection("sms.two_way");
  const historyLink = can(actor, "sms.two_way_history") ? (
    <Link href={sectionHref("sms.two_way_history")} className="text-sm font-medium text-brand-700 hover:underline">
      {sectionTitle("sms.two_way_history")}
    </Link>
  ) : null;
  const header = (
    <SectionHeader
      section="sms.two_way"
      description="Send SMS from the account's own numbers and read the replies: recipients can answer."
      actions={historyLink}
    />
  );
  const sources = await listSmsSources(actor);
  if (sources.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No number can send SMS yet">
          <p>
            Two-way SMS goes out from one of the account&apos;s numbers with SMS turned on. Buy a number whose region supports SMS, then open its settings
            and turn SMS on.
          </p>
          {can(actor, "numbers.list") ? (
            <p className="mt-3">
              <Link href={sectionHref("numbers.list")} className="font-medium text-brand-700 hover:underline">
                Go to {sectionTitle("numbers.list")}
              </Link>
            </p>
          ) : (
            <p className="mt-3">Ask someone who manages the account&apos;s numbers to turn SMS on for one.</p>
          )}
        </EmptyState>
      </>
    );
  }
  const [recent, currency] = await Promise.all([listRecentTwoWay(actor, { take: 20 }), smsCurrency(actor, "sms.two_way")]);
  return (
    <>
      {header}
      <TwoWayView sources={sources} messages={recent.items.map(smsRow)} currency={currency} />
      <AutoRefresh nextChangeAt={recent.nextChangeAt?.toISOString() ?? null} />
    </>
  );
}
