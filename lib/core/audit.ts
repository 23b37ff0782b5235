// The account's audit log: every mutation by a person or a key writes one row (who, what, target,
// when, from where) in the same transaction as the change, so a change without its row cannot
// exist. It is what the Logs section shows.
import type { Db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** Non-secret details only: never passwords, hashes, tokens or private keys. */
  detail?: Record<string, unknown>;
  outcome?: "ok" | "denied" | "failed";
};

export function actorColumns(actor: Actor) {
  return {
    actorType: actor.kind,
    actorId: String(actor.kind === "key" ? actor.keyId : actor.kind === "subuser" ? actor.subuserId : actor.accountId),
    actorName: actor.name,
    ip: actor.ip,
  };
}

export async function audit(tx: Pick<Db, "auditLog">, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      accountId: actor.accountId,
      ...actorColumns(actor),
      action: entry.action,
      targetType: entry.targetType ?? "",
      targetId: entry.targetId === undefined ? "" : String(entry.targetId),
      detail: JSON.stringify(entry.detail ?? {}),
      outcome: entry.outcome ?? "ok",
    },
  });
}
