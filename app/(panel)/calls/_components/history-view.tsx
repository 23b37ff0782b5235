import "server-only";
// The call history list of /calls (account-wide) and /applications/[appId]/call-history: the
// filters, one page of sessions (listCallSessions: index-backed paging, a count capped at
// COUNT_CAP, lib/core/paging.ts), and the table.
import type { Route } from "next";
import type { PanelActor } from "@/lib/access/actor-types";
import { formatMoney } from "@/lib/domains/billing/money";
import { listCallSessions } from "@/lib/domains/calls/queries";
import { CALL_SORTS, callFilterProblems, parseCallFilter } from "@/lib/domains/calls/schemas";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { EmptyState } from "@/components/ui/page";
import { CappedNotice } from "@/components/data-table/capped-notice";
import { HistoryFilters } from "./history-filters";
import { HistoryTable, type HistoryRow } from "./history-table";

export async function HistoryView({
  actor,
  raw,
  basePath,
  applicationId,
  caption,
  emptyHint,
}: {
  actor: PanelActor;
  raw: RawSearchParams;
  /** The list's path; a session's detail is `${basePath}/<id>`. */
  basePath: string;
  applicationId?: number;
  caption: string;
  emptyHint: React.ReactNode;
}) {
  const requested = parseListParams(raw, { sort: CALL_SORTS, defaultSort: "startedAt", defaultDir: "desc" });
  const fromUrl = parseCallFilter(raw);
  const filter = { ...fromUrl, ...(applicationId !== undefined ? { applicationId } : {}) };
  const fetchPage = (list: typeof requested) => listCallSessions(actor, { filter, sort: list.sort, dir: list.dir, offset: skipOf(list), count: list.size });
  const first = await fetchPage(requested);
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const page = list === requested ? first : await fetchPage(list);
  const filtered = Object.keys(fromUrl).length > 0;
  const rows: HistoryRow[] = page.items.map((s) => ({
    id: s.id,
    href: `${basePath}/${s.id}`,
    applicationName: s.applicationName,
    direction: s.direction,
    from: s.from,
    to: s.to,
    ruleName: s.ruleName,
    userName: s.userName,
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    durationSeconds: s.durationSeconds,
    cost: formatMoney(s.costMinor),
    recordings: s.recordings.filter((r) => !r.deleted).length,
  }));
  if (!filtered && page.total === 0) {
    return <EmptyState title="No calls yet">{emptyHint}</EmptyState>;
  }
  return (
    <>
      <HistoryFilters raw={raw} action={basePath as Route} problems={callFilterProblems(filter)} />
      {page.capped ? <CappedNotice noun="calls" /> : null}
      <HistoryTable rows={rows} total={page.total} params={list} showApplication={applicationId === undefined} caption={caption} emptyMessage="No calls match these filters." />
    </>
  );
}
