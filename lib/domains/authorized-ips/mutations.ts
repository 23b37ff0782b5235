import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { listName, MAX_AUTHORIZED_IPS } from "./client-safe";
import { AUTHORIZED_IP_SELECT, SECTION, type AuthorizedIpDto } from "./queries";
import { networkHolds } from "./verdict";
import { ZAddAuthorizedIpInput, ZDeleteAuthorizedIpsInput, type AddAuthorizedIpInput, type DeleteAuthorizedIpsInput } from "./schemas";

// Changes to the account's authorized IP lists: section `security` (API keys: the method's
// roles). Each is one transaction with its audit row. They take effect on the account's next
// Management API call (lib/api/auth.ts reads the lists on every call of an account that has any).

const taken = (network: string, allowed: boolean) =>
  new AppError("CONFLICT", { message: `${network} is already on ${listName(allowed)}`, field: "network", reason: "authorized_ip_taken" });

/** AddAuthorizedAccountIP / the Security page's Add address: one network on the allow list (allowed, the default) or the block list. */
export async function addAuthorizedIp(actor: Actor, input: AddAuthorizedIpInput): Promise<AuthorizedIpDto> {
  authorize(actor, { section: SECTION, method: "AddAuthorizedAccountIP" });
  const data = parseInput(ZAddAuthorizedIpInput, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.authorizedIp.findFirst({ where: { accountId: actor.accountId, network: data.network, allowed: data.allowed }, select: { id: true } })) throw taken(data.network, data.allowed);
      if ((await tx.authorizedIp.count({ where: { accountId: actor.accountId } })) >= MAX_AUTHORIZED_IPS) {
        throw new AppError("CONFLICT", { message: `The account's lists may hold at most ${MAX_AUTHORIZED_IPS} addresses and networks: remove one first`, field: "network", reason: "authorized_ip_limit" });
      }
      const row = await tx.authorizedIp.create({ data: { accountId: actor.accountId, ...data }, select: AUTHORIZED_IP_SELECT });
      await audit(tx, actor, { action: "authorized_ip.add", targetType: "authorized_ip", targetId: row.id, detail: { network: row.network, allowed: row.allowed, description: row.description } });
      return row;
    });
  } catch (e) {
    rethrowUnique(e, () => taken(data.network, data.allowed));
  }
}

/**
 * DelAuthorizedAccountIP / the page's Remove: the entries naming `network` (or every entry, with
 * "all"), or every network holding `containsIp`; from one list (`allowed`) or both. Returns how
 * many went (0 is no error: the reference's result is the count).
 */
export async function deleteAuthorizedIps(actor: Actor, input: DeleteAuthorizedIpsInput): Promise<number> {
  authorize(actor, { section: SECTION, method: "DelAuthorizedAccountIP" });
  const p = parseInput(ZDeleteAuthorizedIpsInput, input);
  return db.$transaction(async (tx) => {
    const where: Prisma.AuthorizedIpWhereInput = {
      accountId: actor.accountId,
      ...(p.allowed !== undefined ? { allowed: p.allowed } : {}),
      ...(p.network !== undefined && p.network !== "all" ? { network: p.network } : {}),
    };
    let rows = await tx.authorizedIp.findMany({ where, select: { id: true, network: true, allowed: true } });
    if (p.containsIp !== undefined) rows = rows.filter((r) => networkHolds(r.network, p.containsIp!));
    if (rows.length === 0) return 0;
    await tx.authorizedIp.deleteMany({ where: { accountId: actor.accountId, id: { in: rows.map((r) => r.id) } } });
    await audit(tx, actor, {
      action: "authorized_ip.delete",
      targetType: "authorized_ip",
      targetId: rows.length === 1 ? rows[0]!.id : "",
      detail: { removed: rows.map((r) => ({ network: r.network, allowed: r.allowed })) },
    });
    return rows.length;
  });
}
