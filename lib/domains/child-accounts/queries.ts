import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import type { ApiMethod } from "@/lib/access/api-methods";
import { authorizeChildAccounts, isChildAccountRole, type ChildAccountRole } from "@/lib/access/child-account-roles";
import { accountMay } from "@/lib/domains/accounts/queries";
import { balanceIn } from "@/lib/domains/billing/ledger";
import { parseInput } from "@/lib/core/validate";
import { AppError } from "@/lib/core/errors";
import { ZListChildAccountsInput, type ListChildAccountsInput } from "./schemas";
import { ignoreCase } from "@/lib/core/search";

// Child accounts are Account rows whose parentId is the acting account: every where below
// carries parentId: actor.accountId, so an id that is not one of the actor's own children (a
// stranger, a sibling, a grandchild, the actor itself) reads as not found (115).

export const CHILD_ACCOUNT_SELECT = {
  id: true,
  name: true,
  email: true,
  active: true,
  childRole: true,
  parentId: true,
  createdAt: true,
} as const satisfies Prisma.AccountSelect;

type Row = Prisma.AccountGetPayload<{ select: typeof CHILD_ACCOUNT_SELECT }>;

export type ChildAccountDto = {
  id: number;
  name: string;
  email: string;
  active: boolean;
  /** Null for a child stored without a role (before roles existed): unrestricted, like a top-level account. */
  role: ChildAccountRole | null;
  parentId: number;
  createdAt: Date;
  /** The child's own ledger balance, minor units. */
  balanceMinor: number;
};

export const childAccountNotFound = (field = "ids", what = "Child account") =>
  new AppError("NOT_FOUND", { message: `${what} not found`, field, reason: "account_not_found" });

export function toChildAccountDto(row: Row, balanceMinor: number): ChildAccountDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    active: row.active,
    role: row.childRole !== null && isChildAccountRole(row.childRole) ? row.childRole : null,
    parentId: row.parentId!,
    createdAt: row.createdAt,
    balanceMinor,
  };
}

/** Ledger balances of several accounts in one query. */
export async function balancesOf(client: Tx | typeof db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const sums = await client.ledgerEntry.groupBy({ by: ["accountId"], where: { accountId: { in: [...ids] } }, _sum: { amountMinor: true } });
  return new Map(sums.map((s) => [s.accountId, s._sum.amountMinor ?? 0]));
}

/**
 * The checks every child-account function makes first: the principal (owner or an allowed
 * key), then the acting account's own child role (a Developer or ProvisioningAgent child
 * cannot manage sub-accounts).
 */
export async function authorizeManageChildren(client: Tx | typeof db, actor: Actor, method: ApiMethod): Promise<void> {
  authorizeChildAccounts(actor, method);
  if (!(await accountMay(client, actor.accountId, "manage_child_accounts"))) {
    throw new AppError("FORBIDDEN", { message: "This account's role does not allow managing child accounts" });
  }
}

/**
 * Whether the acting account may manage child accounts (seed 004: a Developer or
 * ProvisioningAgent child may not), for a page that says so rather than failing. FORBIDDEN for a
 * principal that is not the account owner, like every child-account function.
 */
export async function childAccountsAllowed(actor: Actor): Promise<boolean> {
  authorizeChildAccounts(actor, "GetChildrenAccounts");
  return accountMay(db, actor.accountId, "manage_child_accounts");
}

/**
 * The acting account's own balance (minor units) and currency: what a move of balance to a child
 * can draw on (transferToChildAccount). The account owner's alone, like every child-account function.
 */
export async function ownFunds(actor: Actor): Promise<{ balanceMinor: number; currency: string }> {
  authorizeChildAccounts(actor, "GetChildrenAccounts");
  const [account, balanceMinor] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } }),
    balanceIn(db, actor.accountId),
  ]);
  return { balanceMinor, currency: account.currency };
}

/** GetChildrenAccounts: the actor's own children, filtered and paged. */
export async function listChildAccounts(actor: Actor, input: ListChildAccountsInput = {}): Promise<{ items: ChildAccountDto[]; total: number }> {
  await authorizeManageChildren(db, actor, "GetChildrenAccounts");
  const p = parseInput(ZListChildAccountsInput, input);
  const ids = p.ids === "all" ? undefined : p.ids;
  if (ids && !p.ignoreInvalid) {
    const found = await db.account.findMany({ where: { id: { in: ids }, parentId: actor.accountId }, select: { id: true } });
    const known = new Set(found.map((f) => f.id));
    const missing = ids.find((id) => !known.has(id));
    if (missing !== undefined) throw childAccountNotFound("ids", `Child account ${missing}`);
  }
  const where: Prisma.AccountWhereInput = {
    parentId: actor.accountId,
    ...(ids ? { id: { in: ids } } : {}),
    ...(p.namePart ? { name: ignoreCase({ contains: p.namePart }) } : {}),
    ...(p.emailPart ? { email: ignoreCase({ contains: p.emailPart }) } : {}),
    ...(p.active !== undefined ? { active: p.active } : {}),
  };
  const orderBy: Prisma.AccountOrderByWithRelationInput[] = p.orderBy === "id" ? [{ id: "asc" }] : [{ [p.orderBy]: "asc" }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    db.account.findMany({ where, select: CHILD_ACCOUNT_SELECT, orderBy, skip: p.offset, take: p.count }),
    db.account.count({ where }),
  ]);
  const balances = await balancesOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => toChildAccountDto(r, balances.get(r.id) ?? 0)), total };
}
