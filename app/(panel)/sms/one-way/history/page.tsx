import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { SectionHeader } from "@/components/ui/page";
import type { RawSearchParams } from "@/components/data-table/search-params";
import { SmsHistory } from "../../_components/sms-history";

export const metadata: Metadata = { title: sectionTitle("sms.one_way_history") };

export default async function OneWaySmsHistoryPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("sms.one_way_history");
  return (
    <>
      <SectionHeader section="sms.one_way_history" description="Every one-way (A2P) message, one row per destination, with its delivery status and cost. Times are UTC." />
      <SmsHistory actor={actor} kind="a2p" searchParams={await searchParams} />
    </>
  );
}
