import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { SmsHistory } from "../../_components/sms-history";

export const metadata: Metadata = { title: sectionTitle("sms.two_way_history") };

export default async function TwoWaySmsHistoryPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("sms.two_way_history");
  return (
    <>
      <SectionHeader section="sms.two_way_history" description="Every SMS sent from and received on the account's numbers, with its delivery status and cost. Times are UTC." />
      <SmsHistory actor={actor} kind="two_way" searchParams={await searchParams} />
    </>
  );
}
