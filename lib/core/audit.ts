// The account's audit log: every change by a person or a key, every login and every Management
// API call writes one row (who, what, target, when, from where), through this module only. Changes
// write it with audit() in the same transaction as the change, so a change without its row cannot
// exist; an API call's outcome goes through auditNow(), which batches the rows of concurrent calls.
// It is what the Logs section shows.
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** Non-secret details only: never passwords, hashes, tokens or private keys. */
  detail?: Record<string, unknown>;
  outcome?: "ok" | "denied" | "failed";
  /** When it happened, for callers with an injectable clock; default: now. */
  at?: Date;
};

/**
 * Who a row is about when there is no live actor: a login attempt, a signup, the demo seed, an
 * API token that failed to authenticate, or an actor writing into another account's log (a
 * parent creating a child account).
 */
export type AuditPrincipal = {
  accountId: number;
  actorType: "owner" | "subuser" | "key" | "system";
  actorId: string;
  actorName: string;
  ip: string;
};

/** The demo seed, as every row it writes names it (the Logs page reads it as "The system"). */
export function seedPrincipal(accountId: number): AuditPrincipal {
  return { accountId, actorType: "system", actorId: "seed", actorName: "seed", ip: "" };
}

/** The row's "who" columns for an actor, in its own account. */
export function auditPrincipal(actor: Actor): AuditPrincipal {
  return {
    accountId: actor.accountId,
    actorType: actor.kind,
    actorId: String(actor.kind === "key" ? actor.keyId : actor.kind === "subuser" ? actor.subuserId : actor.accountId),
    actorName: actor.name,
    ip: actor.ip,
  };
}

const isActor = (who: Actor | AuditPrincipal): who is Actor => "kind" in who;

/**
 * Entries that record access rather than change (logins, API calls, reading notifications): written
 * with `routine` set, and left out of the dashboard's "recent changes" through an index.
 */
export const ROUTINE_ACTIONS: readonly string[] = ["session.login", "session.revoke", "session.revoke_others", "api.call", "api.auth_failed", "api.rate_limited", "panel.action_denied", "notifications.read", "profile.password_check"];

type AuditRow = {
  accountId: number;
  actorType: string;
  actorId: string;
  actorName: string;
  ip: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: string;
  outcome: string;
  routine: boolean;
  createdAt?: Date;
};

/**
 * Text as a row can hold it on every adapter: a NUL (U+0000), which PostgreSQL refuses in text, as
 * U+FFFD. Names, targets and method names can come from a client (a path, a login name), and a row
 * must never fail on them. (`detail` is JSON, where a NUL is already the escape `\u0000`.)
 */
const storable = (s: string) => s.replaceAll("\u0000", "\uFFFD");

function rowOf(who: Actor | AuditPrincipal, entry: AuditEntry): AuditRow {
  const principal = isActor(who) ? auditPrincipal(who) : who;
  return {
    ...principal,
    actorId: storable(principal.actorId),
    actorName: storable(principal.actorName),
    ip: storable(principal.ip),
    action: storable(entry.action),
    targetType: storable(entry.targetType ?? ""),
    targetId: storable(entry.targetId === undefined ? "" : String(entry.targetId)),
    detail: JSON.stringify(entry.detail ?? {}),
    outcome: entry.outcome ?? "ok",
    routine: ROUTINE_ACTIONS.includes(entry.action),
    ...(entry.at ? { createdAt: entry.at } : {}),
  };
}

/** Writes one audit row with `tx` (a transaction, or the client for a row that stands alone). */
export async function audit(tx: Pick<Db, "auditLog">, who: Actor | AuditPrincipal, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: rowOf(who, entry) });
}

/** Rows one INSERT writes at most (12 parameters each: far inside SQLite's and PostgreSQL's limits). */
export const AUDIT_BATCH_ROWS = 200;

type Queued = { row: AuditRow & { createdAt: Date }; settle: (error?: unknown) => void };
let queued: Queued[] = [];
let inserts = 0;

/** How many INSERT statements auditNow() has run in this process (tests: rows share statements). */
export function auditInsertCount(): number {
  return inserts;
}

async function insertRows(rows: Queued["row"][]): Promise<void> {
  inserts++;
  const values = rows.map(
    (r) => Prisma.sql`(${r.accountId}, ${r.actorType}, ${r.actorId}, ${r.actorName}, ${r.action}, ${r.targetType}, ${r.targetId}, ${r.detail}, ${r.outcome}, ${r.ip}, ${r.routine}, ${r.createdAt})`,
  );
  await db.$executeRaw`INSERT INTO "AuditLog" ("accountId", "actorType", "actorId", "actorName", "action", "targetType", "targetId", "detail", "outcome", "ip", "routine", "createdAt") VALUES ${Prisma.join(values)}`;
}

/**
 * Writes what has queued since the last turn of the event loop: one INSERT per AUDIT_BATCH_ROWS
 * rows, one commit, instead of a statement and a commit per row (issue 11: a Management API call's
 * row cost about 0.25 ms alone, 0.04 ms in a batch of four). When a batch fails (a row of an
 * account deleted meanwhile), each of its rows is tried alone, so one bad row fails only itself.
 */
async function flush(): Promise<void> {
  const batch = queued;
  queued = [];
  for (let i = 0; i < batch.length; i += AUDIT_BATCH_ROWS) {
    const part = batch.slice(i, i + AUDIT_BATCH_ROWS);
    try {
      await insertRows(part.map((q) => q.row));
      for (const q of part) q.settle();
    } catch {
      for (const q of part) await insertRows([q.row]).then(() => q.settle(), (e: unknown) => q.settle(e ?? new Error("audit row not written")));
    }
  }
}

/**
 * A row that belongs to no change (an API call's outcome): resolves once the row is committed,
 * rejects with the database's error when it could not be. Rows from requests in flight together
 * are written by one statement (flush above); the caller still answers only after its own row is
 * in the log. `createdAt` is the moment of the call (entry.at, or now), not of the write.
 */
export function auditNow(who: Actor | AuditPrincipal, entry: AuditEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    if (queued.length === 0) setImmediate(() => void flush());
    queued.push({ row: { ...rowOf(who, entry), createdAt: entry.at ?? new Date() }, settle: (e) => (e === undefined ? resolve() : reject(e)) });
  });
}

/** How many of a window's rows auditRepeated reads to find one with the same detail (sameDetail). */
const REPEATED_ROWS_SCANNED = 20;

/** A row's detail as an object; a row auditRepeated wrote is JSON, anything else is counted from 1. */
function parsedDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// Repeated rows are written one at a time per principal and action in this process, so two
// concurrent failures cannot both find no row and both insert one.
const repeatedChains = new Map<string, Promise<unknown>>();

/**
 * A failure that may repeat without limit (a key's failed authentications): at most one row per
 * principal and action within `windowMs` of that row's time. The first failure writes the row
 * with `detail.count = 1`; later ones in the window add to its count and set `detail.last` (ISO
 * time) instead of writing rows of their own (docs/SECURITY.md "API tokens": once per key per
 * minute, with a count). `at` is the failure's time (the caller's clock). With `perTarget`, the
 * window is per principal, action and target (a refused server action: one row per section a
 * subuser keeps trying, rather than one row naming only the first). With `sameDetail`, a failure
 * joins a row only when those keys of its detail are the row's too (a key's failures: one row per
 * error code, so a 454 does not hide the 100 after it).
 */
export function auditRepeated(
  who: AuditPrincipal,
  entry: AuditEntry & { at: Date },
  windowMs: number,
  opts: { perTarget?: boolean; sameDetail?: readonly string[] } = {},
): Promise<void> {
  const targetId = storable(entry.targetId === undefined ? "" : String(entry.targetId));
  const lock = `${who.accountId}\u0000${who.actorType}\u0000${who.actorId}\u0000${entry.action}${opts.perTarget ? `\u0000${targetId}` : ""}`;
  const run = async () => {
    await db.$transaction(async (tx) => {
      const since = new Date(entry.at.getTime() - windowMs);
      // The window's rows, newest first: one per distinct sameDetail value at most, so a few.
      const rows = await tx.auditLog.findMany({
        where: {
          accountId: who.accountId,
          actorType: who.actorType,
          actorId: storable(who.actorId),
          action: storable(entry.action),
          ...(opts.perTarget ? { targetId } : {}),
          createdAt: { gte: since, lte: entry.at },
        },
        orderBy: { id: "desc" },
        select: { id: true, detail: true },
        take: opts.sameDetail ? REPEATED_ROWS_SCANNED : 1,
      });
      const row = rows.map((r) => ({ id: r.id, detail: parsedDetail(r.detail) })).find((r) => (opts.sameDetail ?? []).every((k) => r.detail[k] === entry.detail?.[k]));
      if (!row) return audit(tx, who, { ...entry, detail: { ...entry.detail, count: 1 } });
      const detail = row.detail;
      const count = (typeof detail.count === "number" ? detail.count : 1) + 1;
      await tx.auditLog.update({ where: { id: row.id }, data: { detail: JSON.stringify({ ...detail, count, last: entry.at.toISOString() }) } });
    });
  };
  const next = (repeatedChains.get(lock) ?? Promise.resolve()).then(run, run);
  repeatedChains.set(lock, next);
  void next.finally(() => {
    if (repeatedChains.get(lock) === next) repeatedChains.delete(lock);
  }).catch(() => undefined);
  return next;
}
