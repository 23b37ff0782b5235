import "server-only";
// What the Call lists pages send their tables: a list as a row, money in the account's currency.
import { routes } from "@/lib/routes";
import { formatMoney } from "@/lib/domains/billing/money";
import type { CallListDto } from "@/lib/domains/call-lists/queries";
import type { CallListRow } from "./columns";

export function toCallListRow(appId: number, l: CallListDto): CallListRow {
  const href = routes.callList(appId, l.id);
  return {
    id: l.id,
    name: l.name,
    ruleName: l.ruleName,
    status: l.status,
    total: l.total,
    succeeded: l.succeeded,
    failed: l.failed,
    cancelled: l.cancelled,
    inProgress: l.inProgress,
    pending: l.pending,
    cost: formatMoney(l.costMinor),
    maxSimultaneous: l.maxSimultaneous,
    numAttempts: l.numAttempts,
    intervalSeconds: l.intervalSeconds,
    // When it could first call: a start typed in the past is the moment it was created.
    startAt: (l.startAt > l.createdAt ? l.startAt : l.createdAt).toISOString(),
    createdAt: l.createdAt.toISOString(),
    href,
    resultsHref: `${href}/results`,
  };
}
