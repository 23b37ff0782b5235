// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import type { Fixtures } from "@/test/api-kit";
import { fixtureTopUp } from "../phone-numbers/api-fixtures";

export const BILLING_FIXTURES: Fixtures = {
  GetTransactionHistory: async ({ accountId }) => {
    await fixtureTopUp(accountId, 5_00);
    return { params: { from_date: "2020-01-01 00:00:00", to_date: "2099-01-01 00:00:00", transaction_type: "topup", desc_order: "true" } };
  },
  GetResourcePrice: async () => ({ params: { resource_type: "SMS_OUT;PHONE_NUMBER" } }),
  GetAccountInvoices: async ({ accountId }) => {
    await fixtureTopUp(accountId, 5_00);
    return { params: { count: "3" } };
  },
};
