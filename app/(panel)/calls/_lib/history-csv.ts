import "server-only";
// The call history CSV (calls.downloads, application.call_history_downloads): one row per session
// matching the page's filters (the same URL parameters as the list), newest first, streamed
// through lib/core/csv.ts from the keyset export (lib/domains/calls/queries.ts), so 100,000
// rows take constant memory. The columns are lib/domains/calls/csv.ts's.
import type { PanelActor } from "@/lib/access/actor-types";
import { APP_CALL_CSV_COLUMNS, CALL_CSV_COLUMNS } from "@/lib/domains/calls/csv";
import { exportCallSessions } from "@/lib/domains/calls/queries";
import { parseCallFilter, type CallFilter } from "@/lib/domains/calls/schemas";
import { csvFileName, csvResponse } from "@/lib/core/csv";

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
