// The two SMS history pages' body (each page guards its own section first): the filters, the
// CSV export of exactly the filtered rows, and one page of the server-side table.
import "server-only";
import type { Route } from "next";
import { Download } from "lucide-react";
import type { PanelActor } from "@/lib/access/actor-types";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { listSmsHistory, smsCurrency } from "@/lib/domains/sms/queries";
import { HistoryFiltersForm } from "./history-filters";
import { historyQuery, historySearch, parseHistoryFilters, type HistoryKind } from "./history-params";
import { HistoryTable } from "./history-table";
import { smsRow } from "./sms-row";

const SECTION = { two_way: "sms.two_way_history", a2p: "sms.one_way_history" } as const;

export async function SmsHistory({ actor, kind, searchParams }: { actor: PanelActor; kind: HistoryKind; searchParams: RawSearchParams }) {
  const section = SECTION[kind];
  const path = sectionHref(section);
  const requested = parseListParams(searchParams, { sort: ["createdAt"], defaultDir: "desc" });
  const filters = parseHistoryFilters(searchParams, kind);
  const fetchPage = (l: typeof requested) => listSmsHistory(actor, { ...historyQuery(kind, l, filters), offset: skipOf(l), count: l.size });
  const [first, currency] = await Promise.all([fetchPage(requested), smsCurrency(actor, section)]);
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? first : await fetchPage(list);
  const exportHref = `${path}/export?${historySearch(list, filters)}` as Route;
  return (
    <>
      <HistoryFiltersForm kind={kind} path={path} list={list} filters={filters} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {total} {total === 1 ? "message" : "messages"}
          {Object.keys(filters).length || list.q ? " match" : ""}
        </p>
        <a href={exportHref} className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline" download data-testid="history-export">
          <Download aria-hidden className="size-4" />
          Export CSV<span className="sr-only"> of the {total === 1 ? "message" : `${total} messages`} these filters match</span>
        </a>
      </div>
      <HistoryTable
        kind={kind}
        rows={items.map(smsRow)}
        total={total}
        params={list}
        currency={currency}
        batchBase={kind === "a2p" && can(actor, "sms.one_way") ? `${sectionHref("sms.one_way")}/batches` : null}
        filtered={Object.keys(filters).length > 0 || list.q !== ""}
      />
    </>
  );
}
