import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { childAccountMay, type ChildAccountCapability } from "@/lib/access/child-account-roles";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { parseRecordId } from "@/lib/core/ids";

export type AccountInfoDto = {
  id: number;
  name: string;
  email: string;
  active: boolean;
  createdAt: Date;
  parentId: number | null;
  /** The ledger's sum, minor units. */
  balanceMinor: number;
};

/** GetAccountInfo: the account the actor acts on (for a key: its own, or the child named by `iss`). */
export async function getAccountInfo(actor: Actor): Promise<AccountInfoDto> {
  authorize(actor, { section: "control_panel", method: "GetAccountInfo" });
  const account = await db.account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: { id: true, name: true, email: true, active: true, createdAt: true, parentId: true },
  });
  return { ...account, balanceMinor: await accountBalanceMinor(account.id) };
}

/**
 * The account behind a subuser login link (`/login/subuser/<id>`), shown by name on that page
 * (seed 000: the name cannot be hidden). Null for a malformed id, an unknown or a suspended
 * account: the page answers 404 for all three alike.
 */
export async function findLoginAccount(rawId: string): Promise<{ id: number; name: string } | null> {
  const id = parseRecordId(rawId);
  if (!id) return null;
  return db.account.findFirst({ where: { id, active: true }, select: { id: true, name: true } });
}

/**
 * Whether the acting account's own child role lets it use a capability (seed 004: a Developer
 * child cannot use caller IDs, a ProvisioningAgent child cannot read SMS text or delete
 * recordings). Top-level accounts may do everything. Fails closed for a missing account.
 */
export async function accountMay(client: Tx | typeof db, accountId: number, capability: ChildAccountCapability): Promise<boolean> {
  const self = await client.account.findUnique({ where: { id: accountId }, select: { childRole: true } });
  return self !== null && childAccountMay(self.childRole, capability);
}
