import "server-only";
// Reading call lists (section application.call_lists; GetCallLists, GetCallListDetails): the
// lists of an application with their progress, one list's rows page by page, and every row in
// order for the results download. Scoped by the actor's account: another account's list reads as
// missing.
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { ApiMethod } from "@/lib/access/api-methods";
import type { SectionId } from "@/lib/access/matrix";
import { AppError } from "@/lib/core/errors";
import { ignoreCase } from "@/lib/core/search";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentWording } from "@/lib/domains/calls/plan";
import type { CallListStatus, RowStatus } from "./schemas";

/** Destinations starting with `prefix` (digits, no case): a range on the index, as lib/domains/app-users does. */
function digitPrefixRange(prefix: string) {
  return { gte: prefix, lt: `${prefix}\uffff` };
}

export const callListNotFound = (field = "listId") => new AppError("NOT_FOUND", { message: "Call list not found", field, reason: "call_list_not_found" });

/** Every call list function's first check: the panel section, or the API method's roles for a key. */
export function authorizeCallLists(actor: Actor, section: SectionId, method: ApiMethod): void {
  authorize(actor, { section, method });
}

/** A list with its progress. Counts are rows; money is minor units of the account's currency. */
export type CallListDto = {
  id: number;
  applicationId: number;
  ruleId: number;
  ruleName: string;
  name: string;
  priority: number;
  maxSimultaneous: number;
  numAttempts: number;
  intervalSeconds: number;
  startAt: Date;
  status: CallListStatus;
  header: string[];
  destinationColumn: string;
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  inProgress: number;
  pending: number;
  costMinor: number;
  createdByName: string;
  createdAt: Date;
  completedAt: Date | null;
};

export const LIST_SELECT = {
  id: true,
  applicationId: true,
  ruleId: true,
  ruleName: true,
  name: true,
  priority: true,
  maxSimultaneous: true,
  numAttempts: true,
  intervalSeconds: true,
  startAt: true,
  status: true,
  header: true,
  destinationColumn: true,
  total: true,
  succeeded: true,
  failed: true,
  cancelled: true,
  costMinor: true,
  createdByName: true,
  createdAt: true,
  completedAt: true,
} as const;

type ListRow = Prisma.CallListGetPayload<{ select: typeof LIST_SELECT }>;

function toDto(r: ListRow, inProgress: number): CallListDto {
  const { header, status, ...rest } = r;
  return { ...rest, status: status as CallListStatus, header: JSON.parse(header) as string[], inProgress, pending: Math.max(0, r.total - r.succeeded - r.failed - r.cancelled - inProgress) };
}

/** Rows now being called, per list. */
async function inProgressOf(client: Tx | typeof db, listIds: readonly number[]): Promise<Map<number, number>> {
  if (listIds.length === 0) return new Map();
  const groups = await client.callListRow.groupBy({ by: ["listId"], where: { listId: { in: [...listIds] }, status: "in_progress" }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.listId, g._count._all]));
}

/** The actor's account's list (any status), or NOT_FOUND. */
export async function findOwnCallList(client: Tx | typeof db, actor: Actor, listId: number): Promise<CallListDto> {
  const row = await client.callList.findFirst({ where: { id: listId, accountId: actor.accountId }, select: LIST_SELECT });
  if (!row) throw callListNotFound();
  return toDto(row, (await inProgressOf(client, [row.id])).get(row.id) ?? 0);
}

/** One list of the account (the detail page, the results download), or NOT_FOUND. */
export async function getCallList(actor: Actor, listId: number): Promise<CallListDto> {
  authorizeCallLists(actor, "application.call_lists", "GetCallLists");
  return findOwnCallList(db, actor, listId);
}

export type CallListFilter = {
  applicationId?: number;
  listId?: number;
  ruleId?: number;
  name?: string;
  /** The panel's filter: names containing this (any case). */
  q?: string;
  status?: CallListStatus;
  /** true: queued, in progress or paused; false: completed or cancelled. */
  active?: boolean;
  /** Created at or after / at or before (UTC). */
  from?: Date;
  to?: Date;
  offset?: number;
  count?: number;
};

/** The account's lists, newest first, filtered; `count` at most 1000. */
export async function listCallLists(actor: Actor, filter: CallListFilter, method: ApiMethod = "GetCallLists"): Promise<{ items: CallListDto[]; total: number }> {
  authorizeCallLists(actor, "application.call_lists", method);
  const where = {
    accountId: actor.accountId,
    ...(filter.applicationId !== undefined ? { applicationId: filter.applicationId } : {}),
    ...(filter.listId !== undefined ? { id: filter.listId } : {}),
    ...(filter.name ? { name: filter.name } : filter.q ? { name: ignoreCase({ contains: filter.q }) } : {}),
    ...(filter.ruleId !== undefined ? { ruleId: filter.ruleId } : {}),
    ...(filter.status ? { status: filter.status } : filter.active !== undefined ? { status: { in: filter.active ? ["queued", "in_progress", "paused"] : ["completed", "cancelled"] } } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.callList.findMany({ where, select: LIST_SELECT, orderBy: { id: "desc" }, skip: filter.offset ?? 0, take: Math.min(filter.count ?? 100, 1000) }),
    db.callList.count({ where }),
  ]);
  const counts = await inProgressOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toDto(r, counts.get(r.id) ?? 0)), total };
}

/** One row of a list: its fields, and how its calls went. */
export type CallListRowDto = {
  id: number;
  position: number;
  line: number;
  destination: string;
  data: Record<string, string>;
  status: RowStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastSessionId: number | null;
  result: string;
  /**
   * Why its last call ended (its session's finish reason, with the attempt it was when retried),
   * in today's words (lib/domains/calls/plan.ts currentWording, as the call history shows the
   * session); the row keeps what was written.
   */
  reason: string;
  /** What the last attempt's scenario reported (CallList.reportResult or reportError), null for nothing. */
  report: string | null;
  /** The attempts the row may have in all once changed ("Call again", EditCallListTask); null: the list's. */
  attemptsAllowed: number | null;
  costMinor: number;
  updatedAt: Date;
};

const ROW_SELECT = { id: true, position: true, line: true, destination: true, data: true, status: true, attempts: true, nextAttemptAt: true, lastSessionId: true, result: true, reason: true, report: true, attemptsAllowed: true, costMinor: true, updatedAt: true } as const;
type RowRow = Omit<CallListRowDto, "data" | "status"> & { data: string; status: string };
// Fields listed one by one, not `{ ...r, status, data }`: on Node 20's V8 a spread followed by
// further properties takes a slow path, several µs a row (issue 11); a results download is 100,000 rows
// (currentWording returns at once for a reason that does not mention the scenario, as most do).
const toRowDto = (r: RowRow): CallListRowDto => ({
  id: r.id,
  position: r.position,
  line: r.line,
  destination: r.destination,
  data: JSON.parse(r.data) as Record<string, string>,
  status: r.status as RowStatus,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  lastSessionId: r.lastSessionId,
  result: r.result,
  reason: currentWording(r.reason),
  report: r.report,
  attemptsAllowed: r.attemptsAllowed,
  costMinor: r.costMinor,
  updatedAt: r.updatedAt,
});

/** A page of a list's rows in upload order (`status`: only those). */
export async function listCallListRows(
  actor: Actor,
  listId: number,
  opts: { offset?: number; count?: number; status?: RowStatus; /** The panel's filter: numbers starting with this. */ destinationPrefix?: string },
  method: ApiMethod = "GetCallListDetails",
): Promise<{ list: CallListDto; items: CallListRowDto[]; total: number }> {
  authorizeCallLists(actor, "application.call_lists", method);
  const list = await findOwnCallList(db, actor, listId);
  const prefix = opts.destinationPrefix?.replace(/[^\d+]/g, "");
  const where = { listId: list.id, ...(opts.status ? { status: opts.status } : {}), ...(prefix ? { destination: digitPrefixRange(prefix.startsWith("+") ? prefix : `+${prefix}`) } : {}) };
  const [rows, total] = await Promise.all([
    db.callListRow.findMany({ where, select: ROW_SELECT, orderBy: { position: "asc" }, skip: opts.offset ?? 0, take: Math.min(opts.count ?? 100, 1000) }),
    opts.status || prefix ? db.callListRow.count({ where }) : Promise.resolve(list.total),
  ]);
  return { list, items: rows.map(toRowDto), total };
}

/** One row of a list the caller has already found (findOwnCallList). */
export async function findOwnCallListRow(listId: number, rowId: number): Promise<CallListRowDto> {
  return toRowDto(await db.callListRow.findFirstOrThrow({ where: { id: rowId, listId }, select: ROW_SELECT }));
}

/**
 * Every row of a list in upload order (`status`: only those), read in batches of 1,000 by position
 * (keyset), so the results download of 100,000 rows holds one batch in memory. Call after
 * findOwnCallList.
 */
export async function* allCallListRows(listId: number, status?: RowStatus): AsyncGenerator<CallListRowDto> {
  let after = 0;
  for (;;) {
    const batch = await db.callListRow.findMany({ where: { listId, position: { gt: after }, ...(status ? { status } : {}) }, select: ROW_SELECT, orderBy: { position: "asc" }, take: 1000 });
    for (const r of batch) yield toRowDto(r);
    if (batch.length < 1000) return;
    after = batch[batch.length - 1]!.position;
  }
}

/** The application's rules, for the Create dialog's rule choice. */
export async function ruleChoices(actor: Actor, applicationId: number): Promise<{ id: number; name: string }[]> {
  authorizeCallLists(actor, "application.call_lists", "GetCallLists");
  return db.rule.findMany({ where: { accountId: actor.accountId, applicationId }, select: { id: true, name: true }, orderBy: { position: "asc" } });
}

/** CreateCallList names only the rule: its application, or NOT_FOUND for a rule not of the account. */
export async function ruleApplicationId(actor: Actor, ruleId: number): Promise<number> {
  const rule = await db.rule.findFirst({ where: { id: ruleId, accountId: actor.accountId }, select: { applicationId: true } });
  if (!rule) throw new AppError("NOT_FOUND", { message: "Rule not found", field: "ruleId", reason: "call_not_routed" });
  return rule.applicationId;
}
