import { guardRoute } from "@/lib/server/route-guard";
import { getApplication } from "@/lib/domains/applications/queries";
import { callHistoryCsv } from "../../../../calls/_lib/history-csv";
import { parseRecordId } from "@/lib/core/ids";

// One application's call history as CSV (application.call_history_downloads), filtered as its
// call history page is (same URL parameters).

const textHeaders = { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" };

export async function GET(req: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> {
  const actor = await guardRoute("application.call_history_downloads");
  if (actor instanceof Response) return actor;
  const { appId } = await params;
  // Another account's application reads as missing, like a garbage id.
  const id = parseRecordId(appId);
  const app = id ? await getApplication(actor, id) : null;
  if (!app) return new Response("Application not found.", { status: 404, headers: textHeaders });
  return callHistoryCsv(actor, req, { stem: `call-history-${app.name}`, applicationId: app.id });
}
