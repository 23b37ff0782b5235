import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { ZAuditLogQuery, type AuditLogQuery } from "./schemas";
import type { AuditOutcome } from "./client-safe";
import type { z } from "zod";
import { clampPage, COUNT_CAP, keysetAfter, skipOf } from "@/lib/core/paging";
import { auditSentence } from "./sentences";
import { ignoreCase } from "@/lib/core/search";
import { formatUtc } from "@/lib/core/format";

export const AUDIT_LOG_ROW_SELECT = {
  id: true,
  createdAt: true,
  actorType: true,
  actorName: true,
  action: true,
  targetType: true,
  targetId: true,
  detail: true,
  outcome: true,
  ip: true,
} satisfies Prisma.AuditLogSelect;

type AuditLogFilter = Pick<z.output<typeof ZAuditLogQuery>, "q" | "from" | "to" | "outcome" | "kind">;

type AuditLogRecord = Prisma.AuditLogGetPayload<{ select: typeof AUDIT_LOG_ROW_SELECT }>;

export type AuditLogRow = Omit<AuditLogRecord, "detail"> & {
  /** The row's non-secret details as "key: value" pairs, for display. */
  detail: string;
  /** The row as a sentence ("Subuser alice created the application sales"). */
  sentence: string;
};

export type AuditLogPage = {
  rows: AuditLogRow[];
  /** Matches, counted up to COUNT_CAP + 1 (lib/core/paging.ts). */
  total: number;
  /** More than COUNT_CAP match: `total` is a floor, and the pager stops there. */
  capped: boolean;
  page: number;
  size: number;
};

// Fields listed one by one, not `{ ...r, detail }`: on Node 20's V8 a spread followed by further
// properties takes a slow path, several µs a row (issue 11; see toAccountNumberDto).
function toAuditLogRow(r: AuditLogRecord): AuditLogRow {
  return {
    id: r.id,
    createdAt: r.createdAt,
    actorType: r.actorType,
    actorName: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    outcome: r.outcome,
    ip: r.ip,
    detail: describeDetail(r.detail),
    sentence: auditSentence(r),
  };
}

/** The account's rows matching the Logs filters (listAuditLog's, see there). */
function auditLogWhere(actor: Actor, { q, from, to, outcome, kind }: AuditLogFilter): Prisma.AuditLogWhereInput {
  return {
    accountId: actor.accountId,
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    ...(outcome ? { outcome } : {}),
    ...(kind ? { routine: kind === "access" } : {}),
    // The detail holds the target's name ("sales", "alice"), which the row's sentence shows. Action
    // names join words with "_" where the sentences say them with spaces or hyphens ("two-step",
    // "recovery codes"): the text matches them written either way.
    ...(q
      ? {
          OR: [
            { action: ignoreCase({ contains: q }) },
            { action: ignoreCase({ contains: q.trim().replace(/[\s-]+/g, "_") }) },
            { actorName: ignoreCase({ contains: q }) },
            { detail: ignoreCase({ contains: q }) },
          ],
        }
      : {}),
  };
}

/**
 * One page of the account's audit log, filtered by text (`q`: action, actor or detail), a time
 * range (`from` inclusive, `to` exclusive, UTC), outcome and kind (changes or routine access).
 * Scoped by the actor's account: another account's rows can never appear, whatever the filter.
 * Sorted by action or actor, ties break on time then id in the same direction; by time, on id;
 * so paging is stable. The count stops at COUNT_CAP + 1 (`capped`): the log grows with every API
 * call, and an exact count read every matching row on every view (12-22 ms at 180,000 rows).
 */
export async function listAuditLog(actor: Actor, query: AuditLogQuery = {}): Promise<AuditLogPage> {
  authorize(actor, { section: "logs" });
  const parsed = parseInput(ZAuditLogQuery, query);
  const { sort, dir, size, page: requested } = parsed;
  const where = auditLogWhere(actor, parsed);
  // Ties break on time, then id, in the sort's own direction (as every list here does), so each
  // sort is one index range read forwards or backwards: (accountId, column, createdAt, id).
  const orderBy: Prisma.AuditLogOrderByWithRelationInput[] =
    sort === "createdAt" ? [{ createdAt: dir }, { id: dir }] : [{ [sort]: dir }, { createdAt: dir }, { id: dir }];
  // The capped count reads the page's own index in the page's order (as the call history's does).
  const counted = await db.auditLog.count({ where, orderBy, take: COUNT_CAP + 1 });
  const total = Math.min(counted, COUNT_CAP + 1);
  const page = clampPage(requested, total, size);
  const records = await db.auditLog.findMany({
    where,
    orderBy,
    skip: skipOf({ page, size }),
    take: size,
    select: AUDIT_LOG_ROW_SELECT,
  });
  return { rows: records.map(toAuditLogRow), total, capped: counted > COUNT_CAP, page, size };
}

/** How many of the account's entries since `from` (UTC) have `outcome`, up to COUNT_CAP + 1 (the Support page's check; section logs). */
export async function countAuditEntries(actor: Actor, filter: { from: Date; outcome: AuditOutcome }): Promise<number> {
  authorize(actor, { section: "logs" });
  return db.auditLog.count({ where: auditLogWhere(actor, { q: "", ...filter }), take: COUNT_CAP + 1 });
}

/** Rows per read of the export: one keyset page of (createdAt, id). */
const EXPORT_BATCH = 1000;

/**
 * The Logs CSV's rows: every row the page's filters match (text, UTC time range, outcome, kind),
 * as the page shows them, newest first (`dir` "asc": oldest first). Read in keyset batches of
 * `batch` along (accountId, createdAt, id), so a log of any length streams without sitting in
 * memory or being counted; not capped, the file is the whole match. Scoped by the actor's account
 * (section logs). Bad filters throw INVALID_INPUT naming the field before any row is read.
 */
export function auditLogEntries(actor: Actor, query: Pick<AuditLogQuery, "q" | "from" | "to" | "outcome" | "kind" | "dir"> = {}, batch = EXPORT_BATCH): AsyncGenerator<AuditLogRow> {
  authorize(actor, { section: "logs" });
  const parsed = parseInput(ZAuditLogQuery, query);
  const where = auditLogWhere(actor, parsed);
  const dir = parsed.dir;
  return (async function* rows() {
    let after: { value: Date; id: number } | null = null;
    for (;;) {
      const records: AuditLogRecord[] = await db.auditLog.findMany({
        where: after ? { AND: [where, keysetAfter("createdAt", dir, after)] } : where,
        orderBy: [{ createdAt: dir }, { id: dir }],
        take: batch,
        select: AUDIT_LOG_ROW_SELECT,
      });
      for (const r of records) yield toAuditLogRow(r);
      if (records.length < batch) return;
      const last = records.at(-1)!;
      after = { value: last.createdAt, id: last.id };
    }
  })();
}

/** GetAuditLog's filter (wire names in lib/domains/audit-log/api.ts). Times UTC, `to` exclusive. */
export type AuditLogApiFilter = {
  from: Date;
  to: Date;
  ids?: readonly number[];
  /** Only rows a subuser wrote in the panel: its id (the reference's filtered_admin_user_id). */
  subuserIds?: readonly number[];
  ips?: readonly string[];
  /** Only these actions, exactly ("application.create", "api.call"). */
  actions?: readonly string[];
  /** Only rows whose detail (the command's arguments, as stored JSON) contains this text, case-insensitively. */
  argsContain?: string;
};

const AUDIT_LOG_API_SELECT = { id: true, createdAt: true, actorType: true, actorId: true, actorName: true, action: true, detail: true, outcome: true, ip: true } satisfies Prisma.AuditLogSelect;

export type AuditLogApiRow = Prisma.AuditLogGetPayload<{ select: typeof AUDIT_LOG_API_SELECT }>;

/**
 * GetAuditLog: one page (`offset`, `count` rows) of the rows in [from, to) matching the filter,
 * oldest first unless `desc`, with the exact total of the matches (the required range bounds
 * the count). Scoped by the actor's account; keys need the method's roles (section logs).
 */
export async function getAuditLogRange(actor: Actor, f: AuditLogApiFilter, p: { offset: number; count: number; desc: boolean }): Promise<{ rows: AuditLogApiRow[]; total: number }> {
  authorize(actor, { section: "logs", method: "GetAuditLog" });
  const where: Prisma.AuditLogWhereInput = {
    accountId: actor.accountId,
    createdAt: { gte: f.from, lt: f.to },
    ...(f.ids ? { id: { in: [...f.ids] } } : {}),
    ...(f.subuserIds ? { actorType: "subuser", actorId: { in: f.subuserIds.map(String) } } : {}),
    ...(f.ips ? { ip: { in: [...f.ips] } } : {}),
    ...(f.actions ? { action: { in: [...f.actions] } } : {}),
    ...(f.argsContain ? { detail: ignoreCase({ contains: f.argsContain }) } : {}),
  };
  const dir = p.desc ? "desc" : "asc";
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: dir }, { id: dir }],
      skip: p.offset,
      take: p.count,
      select: AUDIT_LOG_API_SELECT,
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}

/** An ISO 8601 UTC time as the code writes it into a detail (a repeated refusal's `last`). */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The stored JSON detail as readable pairs, times as the panel prints them ("2026-05-01 12:34:56
 * UTC"); anything unparsable is shown as stored.
 */
export function describeDetail(json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return json === "{}" ? "" : json;
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v !== "string" ? JSON.stringify(v) : ISO_UTC.test(v) ? formatUtc(v, true) : v}`)
    .join(", ");
}

/**
 * The dashboard's recent activity: the account's newest changes (not its logins or API calls),
 * as sentences. The same section as the Logs list (logs), scoped by the actor's account.
 */
export async function listRecentChanges(actor: Actor, count = 8): Promise<AuditLogRow[]> {
  authorize(actor, { section: "logs" });
  const records = await db.auditLog.findMany({
    where: { accountId: actor.accountId, routine: false }, // lib/core/audit.ts ROUTINE_ACTIONS
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(1, count), 50),
    select: AUDIT_LOG_ROW_SELECT,
  });
  return records.map(toAuditLogRow);
}
