import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { parseInput } from "@/lib/core/validate";
import { audit, auditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { conflict, invalid, renamingField, rethrowUnique } from "@/lib/core/errors";
import { hashPassword } from "@/lib/auth/passwords";
import { assertBalanceCoversMove, lockLedger, postLedgerEntry } from "@/lib/domains/billing/ledger";
import {
  authorizeManageChildren,
  balancesOf,
  CHILD_ACCOUNT_SELECT,
  childAccountNotFound,
  toChildAccountDto,
  type ChildAccountDto,
} from "./queries";
import {
  ZChildAccountTarget,
  ZCreateChildAccountInput,
  ZSetChildAccountActiveInput,
  ZSetChildAccountRoleInput,
  ZTransferToChildInput,
  ZUpdateChildAccountsInput,
  type CreateChildAccountInput,
  type TransferToChildInput,
  type SetChildAccountActiveInput,
  type SetChildAccountRoleInput,
  type UpdateChildAccountsInput,
} from "./schemas";

// AddAccount / SetChildAccountInfo. A child account is an independent account (own login, own
// applications, own ledger) whose parentId is the creator; only that parent changes its role,
// email, password or active flag. Each change is audited in the parent's log (and the creation
// in the child's too, so its Logs start with where it came from). Password changes and
// deactivation end the child's open sessions in the same transaction.

const nameTaken = () => conflict("name", "An account with this name already exists");
const emailTaken = () => conflict("email", "An account with this email already exists");

const takenBy = (fields: string[]) => (fields.includes("name") ? nameTaken() : emailTaken());

/** AddAccount: a new child account of the actor's account. */
export async function createChildAccount(actor: Actor, input: CreateChildAccountInput): Promise<ChildAccountDto> {
  await authorizeManageChildren(db, actor, "AddAccount");
  const data = parseInput(ZCreateChildAccountInput, input);
  const taken = await db.account.findFirst({ where: { OR: [{ name: data.name }, { email: data.email }] }, select: { name: true } });
  if (taken) throw taken.name === data.name ? nameTaken() : emailTaken();
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.account.create({
        data: { name: data.name, email: data.email, passwordHash, active: data.active, childRole: data.role, parentId: actor.accountId },
        select: CHILD_ACCOUNT_SELECT,
      });
      const detail = { name: row.name, email: row.email, active: row.active, role: data.role };
      await audit(tx, actor, { action: "child_account.create", targetType: "account", targetId: row.id, detail });
      await audit(tx, { ...auditPrincipal(actor), accountId: row.id }, {
        action: "account.create_by_parent",
        targetType: "account",
        targetId: row.id,
        detail: { ...detail, parentAccountId: actor.accountId, parentAccount: actor.accountName },
      });
      return toChildAccountDto(row, 0);
    });
  } catch (e) {
    rethrowUnique(e, takenBy);
  }
}

/** The children a change names, all of which must exist (else nothing is written). */
async function resolveTargets(tx: Tx, actor: Actor, target: z.output<typeof ZChildAccountTarget>) {
  const base = { parentId: actor.accountId };
  if ("ids" in target) {
    if (target.ids === "all") return tx.account.findMany({ where: base, select: CHILD_ACCOUNT_SELECT, orderBy: { id: "asc" } });
    const rows = await tx.account.findMany({ where: { ...base, id: { in: target.ids } }, select: CHILD_ACCOUNT_SELECT, orderBy: { id: "asc" } });
    const missing = target.ids.find((id) => !rows.some((r) => r.id === id));
    if (missing !== undefined) throw childAccountNotFound("ids", `Child account ${missing}`);
    return rows;
  }
  const [field, values] = "names" in target ? (["name", target.names] as const) : (["email", target.emails] as const);
  const rows = await tx.account.findMany({ where: { ...base, [field]: { in: values } }, select: CHILD_ACCOUNT_SELECT, orderBy: { id: "asc" } });
  const missing = values.find((v) => !rows.some((r) => r[field] === v));
  if (missing !== undefined) throw childAccountNotFound(field === "name" ? "names" : "emails", `Child account '${missing.slice(0, 64)}'`);
  return rows;
}

/** SetChildAccountInfo: email, password, active flag and role of one or more children. */
export async function updateChildAccounts(actor: Actor, input: UpdateChildAccountsInput, clock: Clock = systemClock): Promise<ChildAccountDto[]> {
  await authorizeManageChildren(db, actor, "SetChildAccountInfo");
  const data = parseInput(ZUpdateChildAccountsInput, input);
  const passwordHash = data.password !== undefined ? await hashPassword(data.password) : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const targets = await resolveTargets(tx, actor, data.target);
      if (data.email !== undefined) {
        if (targets.length > 1) throw invalid("email", "A new email can be given to one child account at a time");
        const other = await tx.account.findFirst({ where: { email: data.email, NOT: { id: targets[0]?.id ?? 0 } }, select: { id: true } });
        if (other) throw emailTaken();
      }
      const logged = {
        ...(data.email !== undefined ? { email: data.email } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        ...(data.role !== undefined ? { role: data.role } : {}),
      };
      const changes = {
        ...(data.email !== undefined ? { email: data.email } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        ...(data.role !== undefined ? { childRole: data.role } : {}),
      };
      const now = clock();
      for (const t of targets) {
        await tx.account.updateMany({
          where: { id: t.id, parentId: actor.accountId },
          data: { ...changes, ...(passwordHash ? { passwordHash, credVersion: { increment: 1 } } : {}) },
        });
        // Deactivation ends every session of the child (owner and subusers); a new password
        // ends the owner's. Auth also re-checks both on every request: this makes it immediate.
        if (data.active === false) await tx.session.updateMany({ where: { accountId: t.id, revokedAt: null }, data: { revokedAt: now } });
        else if (passwordHash) await tx.session.updateMany({ where: { accountId: t.id, subuserId: null, revokedAt: null }, data: { revokedAt: now } });
        await audit(tx, actor, {
          action: "child_account.update",
          targetType: "account",
          targetId: t.id,
          detail: { name: t.name, changes: logged, passwordChanged: passwordHash !== undefined },
        });
      }
      const ids = targets.map((t) => t.id);
      const rows = await tx.account.findMany({ where: { id: { in: ids }, parentId: actor.accountId }, select: CHILD_ACCOUNT_SELECT, orderBy: { id: "asc" } });
      const balances = await balancesOf(tx, ids);
      return rows.map((r) => toChildAccountDto(r, balances.get(r.id) ?? 0));
    });
  } catch (e) {
    rethrowUnique(e, takenBy);
  }
}

/** One child, changed through updateChildAccounts (the same checks, audit and session ends as SetChildAccountInfo). */
async function updateOne(actor: Actor, childId: number, change: Omit<UpdateChildAccountsInput, "target">, clock: Clock): Promise<ChildAccountDto> {
  // The one child is named by childId here, not by an id list.
  return renamingField("ids", "childId", async () => {
    const [child] = await updateChildAccounts(actor, { target: { ids: [childId] }, ...change }, clock);
    if (!child) throw childAccountNotFound("childId");
    return child;
  });
}

/**
 * The panel's "Change role": Administrator, Developer or ProvisioningAgent (seed 004), set by
 * the parent alone. FORBIDDEN for anyone but the account owner (and its keys); another
 * account's or a grandchild's id is NOT_FOUND.
 */
export async function setChildAccountRole(actor: Actor, input: SetChildAccountRoleInput, clock: Clock = systemClock): Promise<ChildAccountDto> {
  await authorizeManageChildren(db, actor, "SetChildAccountInfo");
  const { childId, role } = parseInput(ZSetChildAccountRoleInput, input);
  return updateOne(actor, childId, { role }, clock);
}

/**
 * The panel's Suspend (active false) / Reactivate. Suspending ends every open session of the
 * child in the same transaction; a suspended child cannot log in nor call the API (its keys get
 * 100), whatever it tries, until reactivated.
 */
export async function setChildAccountActive(actor: Actor, input: SetChildAccountActiveInput, clock: Clock = systemClock): Promise<ChildAccountDto> {
  await authorizeManageChildren(db, actor, "SetChildAccountInfo");
  const { childId, active } = parseInput(ZSetChildAccountActiveInput, input);
  return updateOne(actor, childId, { active }, clock);
}

export type ChildTransfer = {
  child: ChildAccountDto;
  /** The parent's balance after the move, minor units. */
  parentBalanceMinor: number;
  /** The moved amount, minor units of the accounts' currency. */
  amountMinor: number;
  currency: string;
};

/**
 * The panel's "Move balance" (PRODUCT.md section 5: the parent may "move balance to them"): in
 * one transaction, a "transfer" ledger entry of -amountMinor on the actor's account and one of
 * +amountMinor on the child's, and an audit row in each account's log. Only the parent's balance
 * funds a move, never its credit limit (lending the limit to a child would let it spend credit
 * it was not given): CONFLICT "insufficient_funds" on `amountMinor` otherwise. An id that is not
 * the actor's own child is NOT_FOUND (`childId`); accounts of different currencies are CONFLICT.
 * A suspended child may receive money. Locks the parent's ledger, then the child's: always
 * ancestor first, so two moves never wait on each other in a cycle.
 */
export async function transferToChildAccount(actor: Actor, input: TransferToChildInput, clock: Clock = systemClock): Promise<ChildTransfer> {
  await authorizeManageChildren(db, actor, "SetChildAccountInfo");
  const { childId, amountMinor } = parseInput(ZTransferToChildInput, input);
  return db.$transaction(async (tx) => {
    const child = await tx.account.findFirst({ where: { id: childId, parentId: actor.accountId }, select: { ...CHILD_ACCOUNT_SELECT, currency: true } });
    if (!child) throw childAccountNotFound("childId");
    const parent = await lockLedger(tx, actor.accountId);
    if (parent.currency !== child.currency) {
      throw conflict("childId", `This child account keeps its balance in ${child.currency} and yours is in ${parent.currency}: money cannot move between them`);
    }
    await assertBalanceCoversMove(tx, actor.accountId, amountMinor, { currency: parent.currency, field: "amountMinor", whose: "yours" });
    const out = await postLedgerEntry(
      tx,
      { accountId: actor.accountId, amountMinor: -amountMinor, kind: "transfer", memo: `Moved to child account ${child.name}`, reference: { type: "account", id: child.id } },
      clock,
    );
    const into = await postLedgerEntry(
      tx,
      { accountId: child.id, amountMinor, kind: "transfer", memo: `Moved from parent account ${actor.accountName}`, reference: { type: "account", id: actor.accountId } },
      clock,
    );
    const detail = { amountMinor, currency: parent.currency };
    await audit(tx, actor, { action: "child_account.transfer", targetType: "account", targetId: child.id, detail: { name: child.name, ...detail } });
    await audit(tx, { ...auditPrincipal(actor), accountId: child.id }, {
      action: "account.transfer_from_parent",
      targetType: "account",
      targetId: child.id,
      detail: { ...detail, parentAccountId: actor.accountId, parentAccount: actor.accountName },
    });
    return { child: toChildAccountDto(child, into.balanceAfterMinor), parentBalanceMinor: out.balanceAfterMinor, amountMinor, currency: parent.currency };
  });
}
