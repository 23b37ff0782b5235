// A login's own row: the account owner's is the Account, a subuser's is its Subuser row. Both
// carry the same credential columns (password hash, credential version, two-step verification),
// and the code that reads or writes them (the login's code step, Profile) should not care which
// table holds them. Every read and write here is scoped to the account: a subuser's row is found
// by its id and its account's id together, never by its id alone.
import type { Db, Tx } from "@/lib/core/db";

/** Whose login: the account owner (subuserId null) or one of the account's subusers. */
export type LoginRef = { accountId: number; subuserId: number | null };

/** A login row's credential columns, as both tables hold them. */
export type LoginRow = {
  name: string;
  passwordHash: string;
  active: boolean;
  /** Bumped by a password change: sessions and challenges of an older version are void. */
  credVersion: number;
  /** Base32 TOTP secret when two-step verification is on. */
  totpSecret: string | null;
  /** A setup's secret waiting for its first code (Profile). */
  totpPendingSecret: string | null;
  /** The last accepted 30-second step (a code is accepted once). */
  totpLastStep: number;
  /** A subuser whose account requires two-step verification of every subuser; false for the owner. */
  twoStepRequired: boolean;
};

/** The columns the login row's table may change here. */
export type LoginRowUpdate = {
  passwordHash?: string;
  credVersion?: { increment: 1 };
  totpSecret?: string | null;
  totpPendingSecret?: string | null;
  totpLastStep?: number;
};

const SELECT = { name: true, passwordHash: true, active: true, credVersion: true, totpSecret: true, totpPendingSecret: true, totpLastStep: true } as const;

/**
 * The login's row, or null: no such owner, no such subuser of the account, or a subuser of an
 * inactive account (whose logins are all void).
 */
export async function findLoginRow(client: Db | Tx, ref: LoginRef): Promise<LoginRow | null> {
  if (ref.subuserId === null) {
    const row = await client.account.findUnique({ where: { id: ref.accountId }, select: SELECT });
    return row && { ...row, twoStepRequired: false };
  }
  const row = await client.subuser.findFirst({
    where: { id: ref.subuserId, accountId: ref.accountId, account: { active: true } },
    select: { ...SELECT, account: { select: { requireTwoStep: true } } },
  });
  if (!row) return null;
  const { account, ...columns } = row;
  return { ...columns, twoStepRequired: account.requireTwoStep };
}

/**
 * Writes `data` to the login's row when it also matches `onlyIf` (a conditional write: of two
 * requests racing with the same condition, one wins). Returns whether the row was written.
 */
export async function updateLoginRow(client: Db | Tx, ref: LoginRef, data: LoginRowUpdate, onlyIf: { totpLastStep?: { lt: number } } = {}): Promise<boolean> {
  const { count } =
    ref.subuserId === null
      ? await client.account.updateMany({ where: { id: ref.accountId, ...onlyIf }, data })
      : await client.subuser.updateMany({ where: { id: ref.subuserId, accountId: ref.accountId, ...onlyIf }, data });
  return count === 1;
}
