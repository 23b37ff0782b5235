import "server-only";
// Accounts: GetAccountInfo (any key, even one without roles).
import { z } from "zod";
import { getAccountInfo } from "./queries";
import { ACCOUNT_CURRENCY } from "@/lib/domains/billing/money";
import { defineMethod, ok, okResponse, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";

// Wire structures.

export const ZAccountInfo = z
  .object({
    account_id: z.number().int(),
    account_name: z.string(),
    account_email: z.string(),
    created: w.timestamp,
    active: z.boolean(),
    frozen: z.boolean(),
    balance: z.number(),
    currency: z.string(),
    parent_account_id: z.number().int().nullable(),
  })
  .meta({ id: "AccountInfo" });
export type AccountInfo = z.output<typeof ZAccountInfo>;

export const getAccountInfoMethod = defineMethod({
  name: "GetAccountInfo",
  group: "Accounts",
  summary: "The account acted on (the key's, or the child account named by the token's iss), and this server's API address.",
  params: z.object({ return_live_balance: w.bool({ description: "Accepted for compatibility; the balance is always live" }).optional() }),
  response: okResponse(ZAccountInfo, { api_address: z.string() }),
  async handler(_p, { actor, apiAddress }) {
    const account = await getAccountInfo(actor);
    const info: AccountInfo = {
      account_id: account.id,
      account_name: account.name,
      account_email: account.email,
      created: w.formatApiDate(account.createdAt),
      active: account.active,
      frozen: !account.active,
      balance: account.balanceMinor / 100,
      currency: ACCOUNT_CURRENCY,
      parent_account_id: account.parentId,
    };
    return ok(info, { api_address: apiAddress });
  },
});

export const accountMethods: RegisteredMethod[] = [getAccountInfoMethod] as RegisteredMethod[];
