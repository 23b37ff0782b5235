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
    },
  });
}

/** A row that belongs to no change (an API call's outcome, a failed authentication): written on its own. */
export function auditNow(who: Actor | AuditPrincipal, entry: AuditEntry): Promise<void> {
  return audit(db, who, entry);
}
