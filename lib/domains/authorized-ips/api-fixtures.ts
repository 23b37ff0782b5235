// Test-only: stored entries of an account's authorized IP lists, and one valid call for each
// Management API method of this domain, merged into the registry-wide tables by
// test/api-fixtures.ts. The fixtures use the block list and documentation networks (RFC 5737), so
// the calls the registry-wide tests make next are never refused by them.
import { randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";

/** A documentation network (198.51.100.0/24 is TEST-NET-2) with a random last octet: "198.51.100.37". */
export const docAddress = () => `198.51.100.${randomInt(1, 255)}`;

/** A stored entry (the block list unless `allowed`). */
export function fixtureAuthorizedIp(accountId: number, network = docAddress(), allowed = false, description = "") {
  return db.authorizedIp.upsert({
    where: { accountId_network_allowed: { accountId, network, allowed } },
    create: { accountId, network, allowed, description },
    update: {},
  });
}

export const AUTHORIZED_IP_FIXTURES: Fixtures = {
  // 240.0.0.0/4 is reserved (RFC 1112): no test client calls from it, and 2^24 addresses keep
  // one account's repeated adds from colliding (645).
  AddAuthorizedAccountIP: async () => ({ params: { authorized_ip: `240.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(0, 256)}`, allowed: "false", description: "scanner" } }),
  DelAuthorizedAccountIP: async (ctx) => ({ params: { authorized_ip: (await fixtureAuthorizedIp(ctx.accountId)).network, allowed: "false" } }),
  GetAuthorizedAccountIPs: async (ctx) => {
    await fixtureAuthorizedIp(ctx.accountId);
    return { params: { allowed: "false" } };
  },
  CheckAuthorizedAccountIP: async (ctx) => {
    await fixtureAuthorizedIp(ctx.accountId, "198.51.100.0/24");
    return { params: { authorized_ip: "198.51.100.7" } };
  },
};
