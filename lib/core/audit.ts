// The account's audit log: every change by a person or a key, every login and every Management
// API call writes one row (who, what, target, when, from where), through audit() only. Changes
// write it in the same transaction as the change, so a change without its row cannot exist. It
// is what the Logs section shows.
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
export const ROUTINE_ACTIONS: readonly string[] = ["session.login", "session.revoke", "session.revoke_others", "api.call", "api.auth_failed", "api.rate_limited", "notifications.read"];

/** Writes one audit row with `tx` (a transaction, or the client for a row that stands alone). */
export async function audit(tx: Pick<Db, "auditLog">, who: Actor | AuditPrincipal, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      ...(isActor(who) ? auditPrincipal(who) : who),
      action: entry.action,
      targetType: entry.targetType ?? "",
      targetId: entry.targetId === undefined ? "" : String(entry.targetId),
      detail: JSON.stringify(entry.detail ?? {}),
      outcome: entry.outcome ?? "ok",
      routine: ROUTINE_ACTIONS.includes(entry.action),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}

/** A row that belongs to no change (an API call's outcome, a failed authentication): written on its own. */
export function auditNow(who: Actor | AuditPrincipal, entry: AuditEntry): Promise<void> {
  return audit(db, who, entry);
}

// Repeated rows are written one at a time per principal and action in this process, so two
// concurrent failures cannot both find no row and both insert one.
const repeatedChains = new Map<string, Promise<unknown>>();

/**
 * A failure that may repeat without limit (a key's failed authentications): at most one row per
 * principal and action within `windowMs` of that row's time. The first failure writes the row
 * with `detail.count = 1`; later ones in the window add to its count and set `detail.last` (ISO
 * time) instead of writing rows of their own (docs/SECURITY.md "API tokens": once per key per
 * minute, with a count). `at` is the failure's time (the caller's clock).
 */
export function auditRepeated(who: AuditPrincipal, entry: AuditEntry & { at: Date }, windowMs: number): Promise<void> {
  const lock = `${who.accountId}\u0000${who.actorType}\u0000${who.actorId}\u0000${entry.action}`;
  const run = async () => {
    await db.$transaction(async (tx) => {
      const since = new Date(entry.at.getTime() - windowMs);
      const row = await tx.auditLog.findFirst({
        where: { accountId: who.accountId, actorType: who.actorType, actorId: who.actorId, action: entry.action, createdAt: { gte: since, lte: entry.at } },
        orderBy: { id: "desc" },
        select: { id: true, detail: true },
      });
      if (!row) return audit(tx, who, { ...entry, detail: { ...entry.detail, count: 1 } });
      let detail: Record<string, unknown> = {};
      try {
        detail = JSON.parse(row.detail) as Record<string, unknown>;
      } catch {
        // A row this function wrote is JSON; anything else is counted from 1.
      }
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
