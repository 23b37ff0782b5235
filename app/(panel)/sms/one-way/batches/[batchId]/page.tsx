import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { sectionGroup, sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { isAppError } from "@/lib/core/errors";
import { formatUtc } from "@/lib/core/format";
import { Card, PageHeader } from "@/components/ui/page";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { formatMoney } from "@/lib/domains/billing/money";
import { getSmsBatch, smsCurrency } from "@/lib/domains/sms/queries";
import { AutoRefresh } from "../../../_components/auto-refresh";
import { BatchProgress } from "../../../_components/batch-progress";
import { SmsText } from "../../../_components/sms-text";
import { smsRow } from "../../../_components/sms-row";
import { BatchMessagesTable } from "./_components/batch-messages-table";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ batchId: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Batch #${(await params).batchId.slice(0, 16)} · ${sectionTitle("sms.one_way")}` };
}

export default async function SmsBatchPage({ params, searchParams }: Props) {
  const actor = await requireSection("sms.one_way");
  const { batchId } = await params;
  // Garbage ids and another account's batch read as missing, never as forbidden.
  const id = parseRecordId(batchId);
  if (!id) notFound();
  const requested = parseListParams(await searchParams, { sort: ["destination"], defaultSize: 50 });
  const load = (p: typeof requested) => getSmsBatch(actor, id, { destination: p.q || undefined, offset: skipOf(p), count: p.size });
  let first: Awaited<ReturnType<typeof load>>;
  try {
    first = await load(requested);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const last = lastPageOf(first.matching, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const [data, currency] = await Promise.all([list === requested ? first : load(list), smsCurrency(actor, "sms.one_way")]);
  const { batch } = data;
  const sample = data.items[0];
  const segments = sample?.segments ?? 0;
  const totalCost = data.items.length === batch.total ? data.items.reduce((s, m) => s + m.costMinor, 0) : null;
  return (
    <>
      <PageHeader
        title={`Batch #${batch.id}`}
        crumbs={[...(sectionGroup("sms.one_way") ? [{ label: sectionGroup("sms.one_way")! }] : []), { label: sectionTitle("sms.one_way"), href: sectionHref("sms.one_way") }]}
        description={`Sent from ${batch.sender} to ${batch.total} ${batch.total === 1 ? "destination" : "destinations"} on ${formatUtc(batch.createdAt)}.`}
        actions={
          can(actor, "sms.one_way_history") ? (
            <Link href={`${sectionHref("sms.one_way_history")}?batch=${batch.id}` as Route} className="text-sm font-medium text-brand-700 hover:underline">
              In {sectionTitle("sms.one_way_history")}
            </Link>
          ) : null
        }
      />
      <Card className="mb-6 grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,18rem)]">
        <div className="min-w-0 space-y-2 text-sm">
          <h2 className="font-semibold text-slate-900">Message</h2>
          <p className="text-slate-900">{sample ? <SmsText text={sample.text} hidden={sample.textHidden} /> : null}</p>
          <p className="text-xs text-slate-600">
            {segments} {segments === 1 ? "segment" : "segments"} per destination
            {totalCost !== null ? ` · ${formatMoney(totalCost, currency)} in all` : null}
          </p>
        </div>
        <div className="space-y-2">
          <h2 className="text-sm font-semibold text-slate-900">Progress</h2>
          <BatchProgress counts={batch.counts} total={batch.total} label={`Progress of batch #${batch.id}`} />
        </div>
      </Card>
      <BatchMessagesTable rows={data.items.map(smsRow)} total={data.matching} params={list} currency={currency} />
      <AutoRefresh nextChangeAt={data.nextChangeAt?.toISOString() ?? null} />
    </>
  );
}
