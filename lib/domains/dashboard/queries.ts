import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { can, type SectionId } from "@/lib/access/matrix";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { listKeys } from "@/lib/domains/service-accounts/queries";
import { accountUserCount } from "@/lib/domains/applications/queries";
import { heldNumberCount } from "@/lib/domains/phone-numbers/queries";
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
  appUsers: (a) => accountUserCount(a.accountId),
  subusers: (a) => db.subuser.count({ where: { accountId: a.accountId } }),
  serviceAccounts: async (a) => (await listKeys(a, { count: 1 })).total,
  numbers: (a) => heldNumberCount(db, a.accountId),
  calls: async (a) => ((await db.callSession.findFirst({ where: { accountId: a.accountId }, select: { id: true } })) ? 1 : 0),
};

type StateRead = (key: keyof AccountState) => Promise<number>;

/** Reads each AccountState count at most once, however many figures and steps ask for it. */
function stateReader(actor: Actor): StateRead {
  const memo = new Map<keyof AccountState, Promise<number>>();
  return (key) => {
    let p = memo.get(key);
    if (!p) memo.set(key, (p = STATE_READERS[key](actor)));
    return p;
  };
}

/** Each figure, the section that shows it, and how it is read (scoped by the actor's account). */
const FIGURES: { key: keyof DashboardOverview; section: SectionId; read: (actor: Actor, state: StateRead) => Promise<number> }[] = [
  { key: "applications", section: "applications", read: (_a, state) => state("applications") },
  { key: "appUsers", section: "application.users", read: (_a, state) => state("appUsers") },
  { key: "subusers", section: "subusers", read: (_a, state) => state("subusers") },
  { key: "serviceAccounts", section: "service_accounts", read: (_a, state) => state("serviceAccounts") },
  { key: "balanceMinor", section: "billing", read: (a) => accountBalanceMinor(a.accountId) },
];

async function overviewOf(actor: Actor, state: StateRead): Promise<DashboardOverview> {
  const shown = FIGURES.filter((f) => can(actor, f.section));
  const values = await Promise.all(shown.map((f) => f.read(actor, state)));
  return Object.fromEntries(shown.map((f, i) => [f.key, values[i]]));
}

export async function getDashboardOverview(actor: Actor): Promise<DashboardOverview> {
  authorize(actor, { section: "control_panel" });
  return overviewOf(actor, stateReader(actor));
}

export type ChecklistStep = { id: string; title: string; text: string; section: SectionId; done: boolean };

async function checklistOf(actor: Actor, state: StateRead): Promise<ChecklistStep[]> {
  const steps = CHECKLIST.filter((c) => can(actor, c.section) && (!c.alsoAnyOf || c.alsoAnyOf.some((s) => can(actor, s))));
  if (steps.length === 0) return [];
  const needed = [...new Set(steps.flatMap((s) => s.needs))];
  const values = await Promise.all(needed.map((k) => state(k)));
  const current: AccountState = { applications: 0, appUsers: 0, subusers: 0, serviceAccounts: 0, numbers: 0, calls: 0 };
  needed.forEach((k, i) => (current[k] = values[i]!));
  return steps.map((s) => ({ id: s.id, title: s.title, text: s.text, section: s.section, done: s.done(current) }));
}

/**
 * The getting-started steps this viewer can take (lib/domains/dashboard/checklist.ts), each done
 * or not on the account's real state. Counts are read only for steps the viewer sees.
 */
export async function getChecklist(actor: Actor): Promise<ChecklistStep[]> {
  authorize(actor, { section: "control_panel" });
  return checklistOf(actor, stateReader(actor));
}

/** The dashboard's figures and checklist together, each count read once for both. */
export async function getDashboard(actor: Actor): Promise<{ overview: DashboardOverview; steps: ChecklistStep[] }> {
  authorize(actor, { section: "control_panel" });
  const state = stateReader(actor);
  const [overview, steps] = await Promise.all([overviewOf(actor, state), checklistOf(actor, state)]);
  return { overview, steps };
}
