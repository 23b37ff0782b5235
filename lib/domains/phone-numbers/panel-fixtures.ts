// Test-only: what the numbers panel's action and route tests share. A principal as a panel
// session sees it, and everything a refused action must leave as it was.
import { db } from "@/lib/core/db";
import { changeRowCount } from "@/test/factories";

export { asPanel } from "@/test/factories";

/** The account's numbers, ledger, blacklist and audit rows: unchanged by a refused action. */
export async function numbersSnapshot(accountId: number) {
  const [numbers, ledger, blacklist, audits] = await Promise.all([
    db.phoneNumber.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.pstnBlacklistEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    changeRowCount(accountId),
  ]);
  return { numbers, ledger, blacklist, audits };
}
