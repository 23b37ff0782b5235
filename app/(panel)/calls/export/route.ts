import { guardRoute } from "@/lib/server/route-guard";
import { callHistoryCsv } from "../_lib/history-csv";

// The account's call history as CSV (calls.downloads), filtered as /calls is (same URL parameters).
export async function GET(req: Request): Promise<Response> {
  const actor = await guardRoute("calls.downloads");
  if (actor instanceof Response) return actor;
  return callHistoryCsv(actor, req, { stem: `calls-${actor.accountName}` });
}
