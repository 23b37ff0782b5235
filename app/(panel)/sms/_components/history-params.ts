// The SMS histories' URL state beyond the list kit's (?q=&sort=&dir=&page=&size=): direction
// (two-way), status, sender (one-way), batch (one-way) and a date range of UTC days. The page and
// its CSV export parse the same URL here, so the file holds exactly the rows the table filters.
// Parsing never throws: a hand-edited or stale value is dropped.
import type { ListParams, RawSearchParams } from "@/components/data-table/search-params";
import { SMS_STATUSES, type SmsStatus } from "@/lib/domains/sms/statuses";
import type { SmsHistoryQuery } from "@/lib/domains/sms/schemas";
import { parseRecordId } from "@/lib/core/ids";
import { unsafeTextProblem } from "@/lib/core/safe-text";
import { firstParam, oneOfParam } from "@/lib/core/url-params";
import { DAY_MS, parseUtcDay } from "@/lib/core/day-range";

export type HistoryKind = "two_way" | "a2p";

export type HistoryFilters = {
  direction?: "in" | "out";
  status?: SmsStatus;
  /** One-way: the sender contains this (ignoring case). */
  source?: string;
  /** One-way: one batch's messages. */
  batch?: number;
  /** UTC days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
};

/** The statuses a kind's messages can be in: one-way messages are never received. */
export const HISTORY_STATUSES: Record<HistoryKind, readonly SmsStatus[]> = {
  two_way: SMS_STATUSES,
  a2p: SMS_STATUSES.filter((s) => s !== "received"),
};

/** The day as given when it is one (lib/core/day-range.ts's rule: Billing's and Logs'), else undefined. */
const day = (v: string): string | undefined => (parseUtcDay(v) ? v : undefined);

export function parseHistoryFilters(raw: RawSearchParams, kind: HistoryKind): HistoryFilters {
  const out: HistoryFilters = {};
  const direction = firstParam(raw.direction);
  if (kind === "two_way" && (direction === "in" || direction === "out")) out.direction = direction;
  const status = oneOfParam<SmsStatus>(HISTORY_STATUSES[kind], raw.status);
  if (status) out.status = status;
  const source = firstParam(raw.source).slice(0, 20);
  // Text with a control character (PostgreSQL refuses a NUL) is dropped like any bad value.
  if (kind === "a2p" && source && unsafeTextProblem("source", source) === null) out.source = source;
  const batch = firstParam(raw.batch);
  const batchId = parseRecordId(batch);
  if (kind === "a2p" && batchId) out.batch = batchId;
  const from = day(firstParam(raw.from));
  const to = day(firstParam(raw.to));
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}

/**
 * The domain query for the list state and filters: the toolbar's text (`q`) is either side's
 * number (two-way) or the destination (one-way); `to` is inclusive, so the query ends at the
 * next day's midnight (UTC).
 */
export function historyQuery(kind: HistoryKind, list: Pick<ListParams, "q" | "dir">, f: HistoryFilters): SmsHistoryQuery {
  const q = list.q.slice(0, 20) || undefined;
  return {
    kind,
    ...(kind === "two_way" ? { number: q, direction: f.direction } : { destination: q, source: f.source, batchId: f.batch }),
    status: f.status,
    from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    to: f.to ? new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
    dir: list.dir,
  };
}

/** The search string that reproduces the filters and sort (not the page): the CSV link's. */
export function historySearch(list: Pick<ListParams, "q" | "sort" | "dir">, f: HistoryFilters): string {
  const p = new URLSearchParams();
  if (list.q) p.set("q", list.q);
  p.set("sort", list.sort);
  p.set("dir", list.dir);
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}
