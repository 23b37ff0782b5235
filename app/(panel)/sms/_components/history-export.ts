import "server-only";
// The SMS histories' CSV export (route handlers): the section first (401 / 403), then the same
// URL state as the page (history-params.ts) over every matching row, streamed.
import { guardRoute } from "@/lib/server/route-guard";
import { csvFileName, csvResponse } from "@/lib/core/csv";
import { parseListParams, type RawSearchParams } from "@/components/data-table/search-params";
import { exportSmsHistory, smsCurrency } from "@/lib/domains/sms/queries";
import { historyCsvColumns } from "./history-csv";
import { historyQuery, parseHistoryFilters, type HistoryKind } from "./history-params";

const SECTION = { two_way: "sms.two_way_history", a2p: "sms.one_way_history" } as const;
const STEM = { two_way: "sms-two-way", a2p: "sms-one-way" } as const;

export async function exportHistory(request: Request, kind: HistoryKind): Promise<Response> {
  const actor = await guardRoute(SECTION[kind]);
  if (actor instanceof Response) return actor;
  const url = new URL(request.url);
  const raw: RawSearchParams = {};
  for (const key of new Set(url.searchParams.keys())) raw[key] = url.searchParams.getAll(key);
  const list = parseListParams(raw, { sort: ["createdAt"], defaultDir: "desc" });
  const [currency, { textHidden, rows }] = await Promise.all([
    smsCurrency(actor, SECTION[kind]),
    exportSmsHistory(actor, historyQuery(kind, list, parseHistoryFilters(raw, kind))),
  ]);
  return csvResponse({ fileName: csvFileName(`${STEM[kind]}-${actor.accountName}`, new Date()), columns: historyCsvColumns(kind, { currency, textHidden }), rows });
}
