import "server-only";
// Accounts: GetAccountInfo (any key, even one without roles).
import { z } from "zod";
import { db } from "@/lib/core/db";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { ACCOUNT_CURRENCY } from "@/lib/domains/billing/money";
import { defineMethod, ok, okResponse, type RegisteredMethod } from "@/lib/api/registry";
import { ZAccountInfo, type AccountInfo } from "@/lib/api/views";
import * as w from "@/lib/api/wire";

export const getAccountInfo = defineMethod({
  name: "GetAccountInfo",
  group: "Accounts",
  summary: "The account acted on (the key's, or the child account named by the token's iss), and this server's API address.",
  params: z.object({ return_live_balance: w.bool({ description: "Accepted for compatibility; the balance is always live" }).optional() }),
  response: okResponse(ZAccountInfo, { api_address: z.string() }),
  async handler(_p, { actor, apiAddress }) {
    const account = await db.account.findUniqueOrThrow({
      where: { id: actor.accountId },
      select: { id: true, name: true, email: true, active: true, createdAt: true, parentId: true },
    });
    const balanceMinor = await accountBalanceMinor(account.id);
    const info: AccountInfo = {
      account_id: account.id,
      account_name: account.name,
      account_email: account.email,
      created: w.formatApiDate(account.createdAt),
      active: account.active,
      frozen: !account.active,
      balance: balanceMinor / 100,
      currency: ACCOUNT_CURRENCY,
      parent_account_id: account.parentId,
    };
    return ok(info, { api_address: apiAddress });
  },
});

export const accountMethods: RegisteredMethod[] = [getAccountInfo] as RegisteredMethod[];
