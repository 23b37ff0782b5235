import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { z } from "zod";
import { parseInput } from "@/lib/core/validate";
import { ignoreCase } from "@/lib/core/search";
import { ipVerdict, networkHolds, type IpVerdict } from "./verdict";
import { ZIpv4Address, ZListAuthorizedIpsInput, type ListAuthorizedIpsInput } from "./schemas";

// Reads of the account's authorized IP lists (section `security`; API keys: the method's roles).
// Every where carries the account.

export const SECTION = "security";

export const AUTHORIZED_IP_SELECT = { id: true, network: true, allowed: true, description: true, createdAt: true } as const satisfies Prisma.AuthorizedIpSelect;

/** One entry: the canonical network, which list (allowed: true is the allow list), its description and when it was added (UTC). */
export type AuthorizedIpDto = Prisma.AuthorizedIpGetPayload<{ select: typeof AUTHORIZED_IP_SELECT }>;

/** Every entry of the account, both lists (at most MAX_AUTHORIZED_IPS), for a verdict. */
export function authorizedIpEntries(accountId: number): Promise<{ network: string; allowed: boolean }[]> {
  return db.authorizedIp.findMany({ where: { accountId }, select: { network: true, allowed: true }, orderBy: { id: "asc" } });
}

/**
 * GetAuthorizedAccountIPs / the Security page: the account's entries, allow list first, then by
 * network and id; filtered by exact network, list, an address they hold, or part of the
 * description (any case). `total` counts every match.
 */
export async function listAuthorizedIps(actor: Actor, input: ListAuthorizedIpsInput = {}): Promise<{ items: AuthorizedIpDto[]; total: number }> {
  authorize(actor, { section: SECTION, method: "GetAuthorizedAccountIPs" });
  const p = parseInput(ZListAuthorizedIpsInput, input);
  const where: Prisma.AuthorizedIpWhereInput = {
    accountId: actor.accountId,
    ...(p.network !== undefined ? { network: p.network } : {}),
    ...(p.allowed !== undefined ? { allowed: p.allowed } : {}),
    ...(p.description ? { description: ignoreCase({ contains: p.description }) } : {}),
  };
  const rows = await db.authorizedIp.findMany({ where, select: AUTHORIZED_IP_SELECT, orderBy: [{ allowed: "desc" }, { network: "asc" }, { id: "asc" }] });
  // At most 100 rows per account: the address filter runs here, on the parsed networks.
  const matching = p.containsIp === undefined ? rows : rows.filter((r) => networkHolds(r.network, p.containsIp!));
  return { items: matching.slice(p.offset, p.offset + p.count), total: matching.length };
}

/** CheckAuthorizedAccountIP / the page's "Check an address": whether the address may call the account's Management API, and the entry that decides it. */
export async function checkAuthorizedIp(actor: Actor, input: { ip: string }): Promise<IpVerdict & { address: string }> {
  authorize(actor, { section: SECTION, method: "CheckAuthorizedAccountIP" });
  const { ip } = parseInput(ZCheckInput, input);
  return { ...ipVerdict(await authorizedIpEntries(actor.accountId), ip), address: ip };
}

const ZCheckInput = z.object({ ip: ZIpv4Address });
