import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import type { ApplicationDto } from "@/lib/domains/applications/queries";
import { requireSection } from "@/lib/server/guards";
import { isAppError } from "@/lib/core/errors";
import { getCallList, listCallListRows } from "@/lib/domains/call-lists/queries";
import { parseRowStatus } from "@/lib/domains/call-lists/client-safe";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../../_components/application-frame";
import { toCallListRow, toListRowView } from "../_components/rows";
import { ListDetailView } from "./_components/rows-view";
import { RowStatusFilter, rowCount } from "./_components/status-filter";
import { parseRecordId } from "@/lib/core/ids";
import { routes } from "@/lib/routes";

type Props = { params: Promise<{ appId: string; listId: string }> };

/**
 * The [listId] segment's list of this application, or null: a garbage id, another account's list
 * and another application's all read as missing. Cached per request (the title and the page).
 */
const loadCallList = cache(async (actor: Actor, app: ApplicationDto, listIdParam: string) => {
  const id = parseRecordId(listIdParam);
  if (!id) return null;
  const list = await getCallList(actor, id).catch((e) => (isAppError(e) && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  return list && list.applicationId === app.id ? list : null;
});

export const generateMetadata = ({ params }: Props): Promise<Metadata> =>
  applicationMetadata("application.call_lists", params, async (actor, app, p) => (await loadCallList(actor, app, p.listId))?.name ?? null);

export default async function CallListPage({ params, searchParams }: Props & { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("application.call_lists");
  const { appId, listId } = await params;
  const app = await loadApplication(actor, appId);
  const list = await loadCallList(actor, app, listId);
  if (!list) notFound();
  // A row links to its last call where the viewer may open the application's call history.
  const sessionHref = (sessionId: number | null) => (sessionId !== null && can(actor, "application.call_history") ? routes.applicationCallSession(app.id, sessionId) : null);
  const raw = await searchParams;
  const requested = parseListParams(raw, { sort: ["position"] });
  const status = parseRowStatus(raw.status);
  const fetchPage = (p: typeof requested) => listCallListRows(actor, list.id, { offset: skipOf(p), count: p.size, destinationPrefix: p.q || undefined, status });
  const first = await fetchPage(requested);
  const last = lastPageOf(first.total, requested.size);
  const page = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = page === requested ? first : await fetchPage(page);
  const now = new Date();
  return (
    <ApplicationFrame actor={actor} app={app} section="application.call_lists" item={list.name} description="Each row of the list, its calls and what they cost.">
      <ListDetailView
        list={toCallListRow(app.id, list)}
        total={total}
        params={page}
        shown={status ? { status, count: rowCount(list, status) } : undefined}
        filter={<RowStatusFilter list={list} current={status} base={routes.callList(app.id, list.id)} params={page} />}
        rows={items.map((r) => toListRowView(list, r, sessionHref(r.lastSessionId), now))}
      />
    </ApplicationFrame>
  );
}
