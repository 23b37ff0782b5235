import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { isAppError } from "@/lib/core/errors";
import { formatMoney } from "@/lib/domains/billing/money";
import { getCallList, listCallListRows } from "@/lib/domains/call-lists/queries";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../../_components/application-frame";
import { toCallListRow } from "../_components/rows";
import { ListDetailView } from "./_components/rows-view";
import { parseRecordId } from "@/lib/core/ids";

type Props = { params: Promise<{ appId: string; listId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.call_lists", params);

export default async function CallListPage({ params, searchParams }: Props & { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("application.call_lists");
  const { appId, listId } = await params;
  const app = await loadApplication(actor, appId);
  const id = parseRecordId(listId);
  if (!id) notFound();
  // Another account's list, or one of another application, reads as missing.
  const list = await getCallList(actor, id).catch((e) => (isAppError(e) && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!list || list.applicationId !== app.id) notFound();
  const requested = parseListParams(await searchParams, { sort: ["position"] });
  const fetchPage = (p: typeof requested) => listCallListRows(actor, list.id, { offset: skipOf(p), count: p.size, destinationPrefix: p.q || undefined });
  const first = await fetchPage(requested);
  const last = lastPageOf(first.total, requested.size);
  const page = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = page === requested ? first : await fetchPage(page);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_lists" description={`Call list ${list.name}: each row, its calls and what they cost.`}>
      <ListDetailView
        list={toCallListRow(app.id, list)}
        total={total}
        params={page}
        rows={items.map((r) => ({
          id: r.id,
          position: r.position,
          destination: r.destination,
          fields: Object.entries(r.data)
            .map(([k, v]) => `${k}: ${v}`)
            .join(", "),
          status: r.status,
          attempts: r.attempts,
          result: r.result,
          reason: r.reason,
          cost: formatMoney(r.costMinor),
          lastAttemptAt: r.attempts > 0 ? r.updatedAt.toISOString() : null,
        }))}
      />
    </ApplicationFrame>
  );
}
