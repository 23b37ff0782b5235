import "server-only";
// The one writer of money (docs/PRODUCT.md section 7 "Money"). Every credit and charge is a
// LedgerEntry in minor units; the balance is their sum, never a stored mutable number: each entry
// carries the running sum up to it (balanceAfterMinor, written by a database trigger at insert,
// immutable like the entry), so the balance is the newest entry's. Callers run
// postLedgerEntry inside the transaction that writes what the money pays for and its audit row,
// so a charge without its purchase (or the reverse) cannot exist.
//
// Concurrency: the first write of postLedgerEntry bumps Account.ledgerVersion. On SQLite that
// takes the database's write lock; on PostgreSQL it takes the account row's lock (READ
// COMMITTED: later statements of the transaction see every charge committed before it). Either
// way two charges of one account run one after the other, so each sees the other's entry when
// it checks the balance: parallel purchases can never overdraw an account.
import type { db, Tx } from "@/lib/core/db";
import type { Clock } from "@/lib/core/clock";
import { AppError, conflict } from "@/lib/core/errors";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { formatMoney } from "./money";
import type { LedgerKind } from "./schemas";

export type LedgerReference = { type: string; id: string | number };

export type LedgerPosting = {
  accountId: number;
  /** Minor units: positive credits, negative charges. Never zero. */
  amountMinor: number;
  kind: LedgerKind;
  memo: string;
  /** What caused the entry (a phone number, a payment, an SMS, ...). */
  reference?: LedgerReference;
  /**
   * A charge retried with the same key (a repeated request, a re-run renewal) returns the entry
   * already posted instead of charging again. Unique per account.
   */
  idempotencyKey?: string;
  /** The application user charged instead of the account (a user with a separate balance). */
  appUserId?: number;
};

export type PostedEntry = {
  id: number;
  amountMinor: number;
  /** The account's balance after the entry, minor units. */
  balanceAfterMinor: number;
  /** False when an entry with the same idempotency key already existed and was returned as is. */
  created: boolean;
};

/** Takes the account's ledger lock for the rest of the transaction (see the header). */
export async function lockLedger(tx: Tx, accountId: number): Promise<{ creditLimitMinor: number; lowBalanceThresholdMinor: number; lowBalanceAlertedAt: Date | null; currency: string }> {
  return tx.account.update({
    where: { id: accountId },
    data: { ledgerVersion: { increment: 1 } },
    select: { creditLimitMinor: true, lowBalanceThresholdMinor: true, lowBalanceAlertedAt: true, currency: true },
  });
}

/**
 * The account's balance in minor units: the running balance of its newest entry (the database
 * writes LedgerEntry.balanceAfterMinor as each entry is inserted: the sum of the entries up to
 * it, by id; migration ledger_running_balance). Read inside `tx` after lockLedger, it cannot move
 * under the caller.
 */
export async function balanceIn(tx: Tx | typeof db, accountId: number): Promise<number> {
  const newest = await tx.ledgerEntry.findFirst({ where: { accountId }, orderBy: { id: "desc" }, select: { balanceAfterMinor: true } });
  return newest?.balanceAfterMinor ?? 0;
}

/**
 * For a move of money out of the account's balance (to a child account, to a user's separate
 * balance): the balance alone must cover `amountMinor` (minor units), never the credit limit, or
 * CONFLICT "insufficient_funds" on `field`, naming the balance as `whose` ("yours", "the
 * account's"). Call after lockLedger, in the same transaction.
 */
export async function assertBalanceCoversMove(tx: Tx, accountId: number, amountMinor: number, opts: { currency: string; field: string; whose: string }): Promise<void> {
  const before = await balanceIn(tx, accountId);
  if (before >= amountMinor) return;
  throw conflict(
    opts.field,
    `Insufficient funds: moving ${formatMoney(amountMinor, opts.currency)} needs that much balance and ${opts.whose} is ${formatMoney(before, opts.currency)}. A move cannot use the credit limit.`,
    "insufficient_funds",
  );
}

/** The error a charge the balance cannot cover ends with (nothing is written: the caller's transaction rolls back). */
export function insufficientFunds(balanceMinor: number, amountMinor: number, creditLimitMinor: number): AppError {
  const available = balanceMinor + creditLimitMinor;
  return new AppError("CONFLICT", {
    message: `Insufficient funds: this costs ${formatMinor(-amountMinor)} and ${formatMinor(Math.max(0, available))} is available. Top up the balance first.`,
    reason: "insufficient_funds",
  });
}

const formatMinor = (minor: number) => `${(minor / 100).toFixed(2)}`;

/**
 * Posts one ledger entry in `tx`. Charges (negative amounts) that would take the balance below
 * minus the account's credit limit throw CONFLICT "insufficient_funds". A posting whose
 * idempotency key was used before returns the earlier entry (created: false) and charges nothing.
 * When a charge takes the balance below the account's low-balance threshold, one notification
 * is raised (and not again until the balance has been back above the threshold).
 */
export async function postLedgerEntry(tx: Tx, posting: LedgerPosting, clock: Clock): Promise<PostedEntry> {
  if (!Number.isSafeInteger(posting.amountMinor) || posting.amountMinor === 0) {
    throw new Error(`A ledger entry needs a non-zero whole amount of minor units, got ${posting.amountMinor}`);
  }
  const account = await lockLedger(tx, posting.accountId);
  if (posting.idempotencyKey) {
    const earlier = await tx.ledgerEntry.findUnique({
      where: { accountId_idempotencyKey: { accountId: posting.accountId, idempotencyKey: posting.idempotencyKey } },
      select: { id: true, amountMinor: true },
    });
    if (earlier) return { ...earlier, balanceAfterMinor: await balanceIn(tx, posting.accountId), created: false };
  }
  const before = await balanceIn(tx, posting.accountId);
  const after = before + posting.amountMinor;
  if (posting.amountMinor < 0 && after < -account.creditLimitMinor) {
    throw insufficientFunds(before, posting.amountMinor, account.creditLimitMinor);
  }
  const entry = await tx.ledgerEntry.create({
    data: {
      accountId: posting.accountId,
      amountMinor: posting.amountMinor,
      kind: posting.kind,
      memo: posting.memo,
      referenceType: posting.reference?.type ?? "",
      referenceId: posting.reference ? String(posting.reference.id) : "",
      idempotencyKey: posting.idempotencyKey ?? null,
      appUserId: posting.appUserId ?? null,
      createdAt: clock(),
    },
    select: { id: true, amountMinor: true },
  });
  await watchLowBalance(tx, posting.accountId, account, before, after, clock);
  return { ...entry, balanceAfterMinor: after, created: true };
}

/** Raises the low-balance notification once per crossing; a balance back above the threshold re-arms it. */
async function watchLowBalance(
  tx: Tx,
  accountId: number,
  account: { lowBalanceThresholdMinor: number; lowBalanceAlertedAt: Date | null; currency: string },
  before: number,
  after: number,
  clock: Clock,
): Promise<void> {
  const threshold = account.lowBalanceThresholdMinor;
  if (threshold <= 0) return;
  if (after < threshold && !account.lowBalanceAlertedAt) {
    await tx.account.update({ where: { id: accountId }, data: { lowBalanceAlertedAt: clock() } });
    await raiseAccountNotification(tx, { accountId, kind: "low_balance", detail: { balanceMinor: after, thresholdMinor: threshold, currency: account.currency }, createdAt: clock() });
  } else if (after >= threshold && before < threshold && account.lowBalanceAlertedAt) {
    await tx.account.update({ where: { id: accountId }, data: { lowBalanceAlertedAt: null } });
  }
}
