import { exportHistory } from "../../../_components/history-export";

/** GET /sms/one-way/history/export?<the page's filters>: the filtered one-way history as CSV (section sms.one_way_history). */
export function GET(request: Request): Promise<Response> {
  return exportHistory(request, "a2p");
}
