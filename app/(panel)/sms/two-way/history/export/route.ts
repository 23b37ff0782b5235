import { exportHistory } from "../../../_components/history-export";

/** GET /sms/two-way/history/export?<the page's filters>: the filtered two-way history as CSV (section sms.two_way_history). */
export function GET(request: Request): Promise<Response> {
  return exportHistory(request, "two_way");
}
