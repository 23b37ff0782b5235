import "server-only";
// Caller IDs: outside numbers the account has proved it owns (section caller_ids). Only verified,
// unexpired ones may be the outbound number of calls and SMS (isUsableCallerId).
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { ApiMethod } from "@/lib/access/api-methods";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { accountMay } from "@/lib/domains/accounts/queries";

export type CallerIdDto = {
  id: number;
  number: string;
  /** Verified and not past verifiedUntil. */
  active: boolean;
  codeAttemptsLeft: number;
  verificationCallsLeft: number;
  codePending: boolean;
  /** When the pending code stops working (null when no code is pending). */
  codeExpiresAt: Date | null;
  verifiedUntil: Date | null;
  createdAt: Date;
};

export const CALLER_ID_SELECT = { id: true, number: true, active: true, codeHash: true, codeExpiresAt: true, codeAttemptsLeft: true, verifiedUntil: true, createdAt: true, verificationCallsLeft: true } as const;

type Row = { id: number; number: string; active: boolean; codeHash: string | null; codeExpiresAt: Date | null; codeAttemptsLeft: number; verificationCallsLeft: number; verifiedUntil: Date | null; createdAt: Date };

export function toCallerIdDto(r: Row, now: Date): CallerIdDto {
  const codePending = r.codeHash !== null && r.codeExpiresAt !== null && r.codeExpiresAt > now && r.codeAttemptsLeft > 0;
  return {
    id: r.id,
    number: r.number,
    active: r.active && r.verifiedUntil !== null && r.verifiedUntil > now,
    codeAttemptsLeft: r.codeAttemptsLeft,
    verificationCallsLeft: r.verificationCallsLeft,
    codePending,
    codeExpiresAt: codePending ? r.codeExpiresAt : null,
    verifiedUntil: r.verifiedUntil,
    createdAt: r.createdAt,
  };
}

export const callerIdNotFound = (field = "callerIdId") => new AppError("NOT_FOUND", { message: "Caller ID not found", field, reason: "caller_id_not_found" });

/**
 * Every caller ID function's first checks: the section (or the API method's roles), then the
 * acting account's child role (seed 004: a Developer child account cannot use caller IDs).
 */
export async function authorizeCallerIds(client: Tx | typeof db, actor: Actor, method?: ApiMethod): Promise<void> {
  authorize(actor, { section: "caller_ids", method });
  if (!(await accountMay(client, actor.accountId, "caller_ids"))) {
    throw new AppError("FORBIDDEN", { message: "This account's role does not allow caller IDs" });
  }
}

/**
 * Whether the acting account may use caller IDs at all (section caller_ids, then the account's
 * child role): the page explains a refusal instead of failing on the list.
 */
export async function callerIdsAllowed(actor: Actor): Promise<boolean> {
  authorize(actor, { section: "caller_ids" });
  return accountMay(db, actor.accountId, "caller_ids");
}

export async function findOwnCallerId(client: Tx | typeof db, actor: Actor, ref: { id?: number; number?: string }): Promise<Row> {
  const row = await client.callerId.findFirst({
    where: { accountId: actor.accountId, ...(ref.id !== undefined ? { id: ref.id } : { number: ref.number ?? "" }) },
    select: CALLER_ID_SELECT,
  });
  if (!row) throw callerIdNotFound(ref.id !== undefined ? "callerIdId" : "number");
  return row;
}

/** /settings/caller-ids and GetCallerIDs. */
export async function listCallerIds(
  actor: Actor,
  filter: { id?: number; number?: string; active?: boolean; offset?: number; count?: number } = {},
  clock: Clock = systemClock,
): Promise<{ items: CallerIdDto[]; total: number }> {
  await authorizeCallerIds(db, actor, "GetCallerIDs");
  const now = clock();
  const where = {
    accountId: actor.accountId,
    ...(filter.id !== undefined ? { id: filter.id } : {}),
    ...(filter.number ? { number: filter.number } : {}),
    ...(filter.active === true ? { active: true, verifiedUntil: { gt: now } } : filter.active === false ? { OR: [{ active: false }, { verifiedUntil: null }, { verifiedUntil: { lte: now } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.callerId.findMany({ where, select: CALLER_ID_SELECT, orderBy: [{ number: "asc" }, { id: "asc" }], skip: filter.offset ?? 0, take: filter.count ?? 1000 }),
    db.callerId.count({ where }),
  ]);
  return { items: rows.map((r) => toCallerIdDto(r, now)), total };
}

/** Whether `number` is a verified, unexpired caller ID of the account: the only outside numbers calls and SMS may show. */
export async function isUsableCallerId(client: Tx | typeof db, accountId: number, number: string, now: Date): Promise<boolean> {
  return (await usableCallerIds(client, accountId, [number], now)).includes(number);
}

/** Which of `numbers` (E.164) are verified, unexpired caller IDs of the account, in one query. */
export async function usableCallerIds(client: Tx | typeof db, accountId: number, numbers: readonly string[], now: Date): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await client.callerId.findMany({ where: { accountId, number: { in: [...numbers] }, active: true, verifiedUntil: { gt: now } }, select: { number: true } });
  return rows.map((r) => r.number);
}
