import { guardRoute } from "@/lib/server/route-guard";
import { getApplication } from "@/lib/domains/applications/queries";

// The columns of an application's call history export, fixed now so scripts can rely on them.
// There is no call table yet, so the file is the header row alone.
const APP_CALL_EXPORT_COLUMNS = [
  "call_id",
  "start_time_utc",
  "duration_seconds",
  "direction",
  "from",
  "to",
  "status",
  "cost",
] as const;

const textHeaders = { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" };

export async function GET(_req: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> {
  const actor = await guardRoute("application.call_history_downloads");
  if (actor instanceof Response) return actor;
  const { appId } = await params;
  // Another account's application reads as missing, like a garbage id.
  const app = /^[1-9]\d{0,14}$/.test(appId) ? await getApplication(actor, Number(appId)) : null;
  if (!app) return new Response("Application not found.", { status: 404, headers: textHeaders });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(`${APP_CALL_EXPORT_COLUMNS.join(",")}\r\n`, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="call-history-${app.name}-${date}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
