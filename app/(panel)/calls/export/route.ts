import { guardRoute } from "@/lib/server/route-guard";

// The columns of the call history export. There is no call table yet, so the file is the
// header row alone; the columns stay fixed when calls arrive, so scripts can rely on them.
const CALL_EXPORT_COLUMNS = [
  "call_id",
  "start_time_utc",
  "duration_seconds",
  "application",
  "direction",
  "from",
  "to",
  "status",
  "cost",
] as const;

export async function GET(): Promise<Response> {
  const actor = await guardRoute("calls.downloads");
  if (actor instanceof Response) return actor;
  const date = new Date().toISOString().slice(0, 10);
  // Account names are already DNS-label safe (signup schema); the replace keeps the header safe regardless.
  const filename = `calls-${actor.accountName.replace(/[^a-zA-Z0-9_-]/g, "_")}-${date}.csv`;
  return new Response(`${CALL_EXPORT_COLUMNS.join(",")}\r\n`, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
