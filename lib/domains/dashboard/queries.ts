import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can, type SectionId } from "@/lib/access/matrix";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { listKeys } from "@/lib/domains/service-accounts/queries";
import { CHECKLIST, type AccountState } from "./checklist";

/**
 * The account at a glance, for the dashboard: only what the viewer's sections allow (docs/SECURITY.md
 * "What shared chrome may show"). A count or the balance is present when the viewer holds its
 * section and absent otherwise, never zeroed: the page shows a card only for what is here.
 */
export type DashboardOverview = {
  /** Section applications. */
  applications?: number;
  /** Section application.users (every application's users). */
  appUsers?: number;
  /** Section subusers. */
  subusers?: number;
  /** Section service_accounts: the keys the viewer reaches. */
  serviceAccounts?: number;
  /** Section billing: the sum of the account's ledger, in minor units. */
  balanceMinor?: number;
};

/** How each count of AccountState is read, scoped by the actor's account (service accounts: by its reach). */
const STATE_READERS: Record<keyof AccountState, (actor: Actor) => Promise<number>> = {
  applications: (a) => db.application.count({ where: { accountId: a.accountId } }),
  appUsers: (a) => db.appUser.count({ where: { accountId: a.accountId } }),
  subusers: (a) => db.subuser.count({ where: { accountId: a.accountId } }),
  serviceAccounts: async (a) => (await listKeys(a, { count: 1 })).total,
};

/** Each figure, the section that shows it, and how it is read (scoped by the actor's account). */
const FIGURES: { key: keyof DashboardOverview; section: SectionId; read: (actor: Actor) => Promise<number> }[] = [
  { key: "applications", section: "applications", read: STATE_READERS.applications },
  { key: "appUsers", section: "application.users", read: STATE_READERS.appUsers },
  { key: "subusers", section: "subusers", read: STATE_READERS.subusers },
  { key: "serviceAccounts", section: "service_accounts", read: STATE_READERS.serviceAccounts },
  { key: "balanceMinor", section: "billing", read: (a) => accountBalanceMinor(a.accountId) },
];

export async function getDashboardOverview(actor: Actor): Promise<DashboardOverview> {
  authorize(actor, { section: "control_panel" });
  const shown = FIGURES.filter((f) => can(actor, f.section));
  const values = await Promise.all(shown.map((f) => f.read(actor)));
  return Object.fromEntries(shown.map((f, i) => [f.key, values[i]]));
}

export type ChecklistStep = { id: string; title: string; text: string; section: SectionId; done: boolean };

/**
 * The getting-started steps this viewer can take (lib/domains/dashboard/checklist.ts), each done
 * or not on the account's real state. Counts are read only for steps the viewer sees.
 */
export async function getChecklist(actor: Actor): Promise<ChecklistStep[]> {
  authorize(actor, { section: "control_panel" });
  const steps = CHECKLIST.filter((c) => can(actor, c.section));
  if (steps.length === 0) return [];
  const needed = [...new Set(steps.flatMap((s) => s.needs))];
  const values = await Promise.all(needed.map((k) => STATE_READERS[k](actor)));
  const state: AccountState = { applications: 0, appUsers: 0, subusers: 0, serviceAccounts: 0 };
  needed.forEach((k, i) => (state[k] = values[i]!));
  return steps.map((s) => ({ id: s.id, title: s.title, text: s.text, section: s.section, done: s.done(state) }));
}
