import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";

export type DashboardOverview = {
  applications: number;
  appUsers: number;
  subusers: number;
  /** Sum of the account's ledger, in minor units. */
  balanceMinor: number;
};

/** The account at a glance, for the dashboard. Every count is scoped by the actor's account. */
export async function getDashboardOverview(actor: Actor): Promise<DashboardOverview> {
  authorize(actor, { section: "control_panel" });
  const accountId = actor.accountId;
  const [applications, appUsers, subusers, balanceMinor] = await Promise.all([
    db.application.count({ where: { accountId } }),
    db.appUser.count({ where: { accountId } }),
    db.subuser.count({ where: { accountId } }),
    accountBalanceMinor(accountId),
  ]);
  return { applications, appUsers, subusers, balanceMinor };
}
