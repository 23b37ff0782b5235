import "server-only";
// What the Call lists pages send their tables: a list as a row, money in the account's currency.
import { routes } from "@/lib/routes";
import { formatMoney } from "@/lib/domains/billing/money";
import type { Route } from "next";
import type { CallListDto, CallListRowDto } from "@/lib/domains/call-lists/queries";
import type { ListRowView } from "../[listId]/_components/rows-view";
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

/**
 * A row of a list as its page shows it. `lastCallHref`: the page of the row's last call session,
 * or null where the viewer may not open it. The row's attempts are the list's unless it was called
 * again with its own (attemptsAllowed). Its next call is shown only while the list is running or
 * queued: its time while still ahead of `now` (UTC), "due" once come (the scheduler's next pass
 * calls it); a paused list's rows wait for Resume.
 */
export function toListRowView(list: CallListDto, r: CallListRowDto, lastCallHref: Route | null, now: Date): ListRowView {
  const running = list.status === "queued" || list.status === "in_progress";
  return {
    id: r.id,
    position: r.position,
    destination: r.destination,
    fields: Object.entries(r.data)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", "),
    status: r.status,
    attempts: r.attempts,
    attemptsAllowed: r.attemptsAllowed ?? list.numAttempts,
    nextCall: !running || r.status !== "pending" ? null : r.nextAttemptAt > now ? { at: r.nextAttemptAt.toISOString() } : "due",
    result: r.result,
    reason: r.reason,
    report: r.report,
    cost: formatMoney(r.costMinor),
    lastAttemptAt: r.attempts > 0 ? r.updatedAt.toISOString() : null,
    lastCallHref,
  };
}
