import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { parseInput } from "@/lib/core/validate";
import { ZLedgerQuery, type LedgerQuery } from "./schemas";
import { clampPage, skipOf } from "@/lib/core/paging";
import { ignoreCase } from "@/lib/core/search";

export const LEDGER_ENTRY_SELECT = {
  id: true,
  createdAt: true,
  kind: true,
  memo: true,
  amountMinor: true,
} satisfies Prisma.LedgerEntrySelect;

export type LedgerEntryRow = Prisma.LedgerEntryGetPayload<{ select: typeof LEDGER_ENTRY_SELECT }>;

/**
 * The account's balance in minor units: always the sum of its ledger, never a stored field.
 * Not an access check: the dashboard and Billing show it under different sections, so callers
 * authorize first and pass the actor's own accountId (never one from input).
 */
export async function accountBalanceMinor(accountId: number): Promise<number> {
  const agg = await db.ledgerEntry.aggregate({ where: { accountId }, _sum: { amountMinor: true } });
  return agg._sum.amountMinor ?? 0;
}

/** The balance for a principal holding Billing (the top bar shows it); FORBIDDEN otherwise. */
export async function getBalance(actor: Actor): Promise<number> {
  authorize(actor, { section: "billing" });
  return accountBalanceMinor(actor.accountId);
}

export type LedgerPage = {
  balanceMinor: number;
  rows: LedgerEntryRow[];
  total: number;
  page: number;
  size: number;
};

/** The Billing page: the balance and one page of the account's ledger, newest first by default. */
export async function getLedger(actor: Actor, query: LedgerQuery = {}): Promise<LedgerPage> {
  authorize(actor, { section: "billing" });
  const { q, sort, dir, size, page: requested } = parseInput(ZLedgerQuery, query);
  const where: Prisma.LedgerEntryWhereInput = {
    accountId: actor.accountId,
    ...(q ? { OR: [{ kind: ignoreCase({ contains: q }) }, { memo: ignoreCase({ contains: q }) }] } : {}),
  };
  const [balanceMinor, total] = await Promise.all([accountBalanceMinor(actor.accountId), db.ledgerEntry.count({ where })]);
  const page = clampPage(requested, total, size);
  const orderBy: Prisma.LedgerEntryOrderByWithRelationInput[] =
    sort === "createdAt" ? [{ createdAt: dir }, { id: dir }] : [{ amountMinor: dir }, { createdAt: "desc" }, { id: "desc" }];
  const rows = await db.ledgerEntry.findMany({ where, orderBy, skip: skipOf({ page, size }), take: size, select: LEDGER_ENTRY_SELECT });
  return { balanceMinor, rows, total, page, size };
}
