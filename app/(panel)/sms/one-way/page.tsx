import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { SectionHeader } from "@/components/ui/page";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { listA2PSenders, listSmsBatches, smsCurrency } from "@/lib/domains/sms/queries";
import { AutoRefresh } from "../_components/auto-refresh";
import { A2PForm } from "./_components/a2p-form";
import { BatchesTable, type BatchRow } from "./_components/batches-table";

export const metadata: Metadata = { title: sectionTitle("sms.one_way") };

export default async function OneWaySmsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("sms.one_way");
  const requested = parseListParams(await searchParams, { sort: ["createdAt"], defaultDir: "desc", defaultSize: 10 });
  const fetchPage = (p: typeof requested) => listSmsBatches(actor, { sender: p.q || undefined, dir: p.dir, offset: skipOf(p), count: p.size });
  const [senders, currency, first] = await Promise.all([listA2PSenders(actor), smsCurrency(actor, "sms.one_way"), fetchPage(requested)]);
  // A stale link past the last page shows the last page.
  const params = requested.page > lastPageOf(first.total, requested.size) ? { ...requested, page: lastPageOf(first.total, requested.size) } : requested;
  const batches = params === requested ? first : await fetchPage(params);
  const rows: BatchRow[] = batches.items.map((b) => ({ id: b.id, sender: b.sender, total: b.total, counts: b.counts, createdAt: b.createdAt.toISOString() }));
  return (
    <>
      <SectionHeader
        section="sms.one_way"
        description="Send one text to many phones at once from a sender ID or one of the account's numbers. Recipients cannot reply."
        actions={
          can(actor, "sms.one_way_history") ? (
            <Link href={sectionHref("sms.one_way_history")} className="text-sm font-medium text-brand-700 hover:underline">
              {sectionTitle("sms.one_way_history")}
            </Link>
          ) : null
        }
      />
      <div className="space-y-8">
        <A2PForm senders={senders} currency={currency} />
        <section aria-labelledby="batches-heading">
          <h2 id="batches-heading" className="mb-3 text-base font-semibold text-slate-900">
            Batches
          </h2>
          <BatchesTable rows={rows} total={batches.total} params={params} />
        </section>
      </div>
      <AutoRefresh nextChangeAt={batches.nextChangeAt?.toISOString() ?? null} />
    </>
  );
}
