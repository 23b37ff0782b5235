// Test-only: what the numbers panel's action and route tests share. A principal as a panel
// session sees it, and everything a refused action must leave as it was.
import { db } from "@/lib/core/db";
import type { Actor, PanelActor } from "@/lib/access/actor-types";

export const asPanel = (a: Actor): PanelActor =>
  ({ ...a, kind: a.kind === "owner" ? "owner" : "subuser", accountEmail: "x@test.local", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date(Date.now() + 3_600_000) }) as PanelActor;

/** The account's numbers, ledger, blacklist and audit rows: unchanged by a refused action. */
export async function numbersSnapshot(accountId: number) {
  const [numbers, ledger, blacklist, audits] = await Promise.all([
    db.phoneNumber.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.pstnBlacklistEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { accountId } }),
  ]);
  return { numbers, ledger, blacklist, audits };
}
