import "server-only";
// The call history CSV (calls.downloads, application.call_history_downloads): one row per session
// matching the page's filters (the same URL parameters as the list), newest first, streamed
// through lib/server/csv.ts from the keyset export (lib/domains/calls/queries.ts), so 100,000
// rows take constant memory. The columns are fixed (scripts rely on them); cost is a decimal in
// the account's currency (ACCOUNT_CURRENCY), dates ISO 8601 UTC.
import type { PanelActor } from "@/lib/access/actor-types";
import { exportCallSessions, type CallSessionDto } from "@/lib/domains/calls/queries";
import { parseCallFilter, type CallFilter } from "@/lib/domains/calls/schemas";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/server/csv";

export const CALL_CSV_COLUMNS: readonly CsvColumn<CallSessionDto>[] = [
  { header: "call_id", value: (r) => r.id },
  { header: "start_time_utc", value: (r) => r.startedAt },
  { header: "duration_seconds", value: (r) => r.durationSeconds },
  { header: "application", value: (r) => r.applicationName },
  { header: "direction", value: (r) => r.direction },
  { header: "from", value: (r) => r.from },
  { header: "to", value: (r) => r.to },
  { header: "status", value: (r) => r.status },
  { header: "cost", value: (r) => (r.costMinor / 100).toFixed(2) },
];

/** The per-application export leaves out the application column (it is in the file name). */
export const APP_CALL_CSV_COLUMNS = CALL_CSV_COLUMNS.filter((c) => c.header !== "application");

/** The filtered export as a streamed CSV download named `<stem>-<date>.csv`. */
export function callHistoryCsv(actor: PanelActor, req: Request, opts: { stem: string; applicationId?: number }): Response {
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const filter: CallFilter = { ...parseCallFilter(raw), ...(opts.applicationId !== undefined ? { applicationId: opts.applicationId } : {}) };
  return csvResponse({
    fileName: csvFileName(opts.stem, new Date()),
    columns: opts.applicationId !== undefined ? APP_CALL_CSV_COLUMNS : CALL_CSV_COLUMNS,
    rows: exportCallSessions(actor, filter),
  });
}
