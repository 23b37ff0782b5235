// "Download results" (application.call_lists): every row of the list with its outcome (?status=:
// only the rows of that status, as the page's filter shows them), as CSV, streamed in batches (lib/core/csv.ts: formula-safe, one batch of rows in memory).
import { guardRoute } from "@/lib/server/route-guard";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/core/csv";
import { isAppError, HTTP_STATUS } from "@/lib/core/errors";
import { allCallListRows, getCallList, type CallListRowDto } from "@/lib/domains/call-lists/queries";
import { ROW_STATUS_LABELS } from "@/lib/domains/call-lists/schemas";
import { parseRowStatus } from "@/lib/domains/call-lists/client-safe";
import { zId } from "@/lib/core/validate";

export async function GET(request: Request, ctx: { params: Promise<{ appId: string; listId: string }> }): Promise<Response> {
  const actor = await guardRoute("application.call_lists");
  if (actor instanceof Response) return actor;
  const id = zId("Invalid call list id").safeParse((await ctx.params).listId);
  const notFound = () => new Response("Call list not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });
  if (!id.success) return notFound();
  let list;
  try {
    list = await getCallList(actor, id.data);
  } catch (e) {
    if (isAppError(e)) return e.code === "NOT_FOUND" ? notFound() : new Response(e.message, { status: HTTP_STATUS[e.code] });
    throw e;
  }
  const columns: CsvColumn<CallListRowDto>[] = [
    { header: "position", value: (r) => r.position },
    ...list.header.map((h): CsvColumn<CallListRowDto> => ({ header: h, value: (r) => r.data[h] ?? "" })),
    { header: "status", value: (r) => ROW_STATUS_LABELS[r.status] },
    { header: "attempts", value: (r) => r.attempts },
    { header: "result", value: (r) => r.result },
    { header: "reason", value: (r) => r.reason },
    { header: "report", value: (r) => r.report },
    { header: "cost", value: (r) => (r.costMinor / 100).toFixed(2) },
    { header: "call_session_id", value: (r) => r.lastSessionId },
    { header: "updated_at", value: (r) => (r.attempts > 0 ? r.updatedAt : null) },
  ];
  const status = parseRowStatus(new URL(request.url).searchParams.get("status") ?? undefined);
  const name = `call-list-${list.id}-${status ? `${status}-rows` : "results"}`;
  return csvResponse({ fileName: csvFileName(name, new Date()), columns, rows: allCallListRows(list.id, status) });
}
