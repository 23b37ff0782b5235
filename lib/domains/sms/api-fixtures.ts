// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import type { Fixtures } from "@/test/api-kit";
import { fixtureOwnNumber, fixtureTopUp } from "../phone-numbers/api-fixtures";

export const SMS_FIXTURES: Fixtures = {
  SendSmsMessage: async ({ accountId }) => {
    await fixtureTopUp(accountId);
    const n = await fixtureOwnNumber(accountId);
    return { params: { source: n.number.slice(1), destination: "447700900123", sms_body: "Hello from the table" } };
  },
  ControlSms: async ({ accountId }) => ({ params: { phone_number: (await fixtureOwnNumber(accountId)).number, command: "disable" } }),
  GetSmsHistory: async () => ({ params: { direction: "OUT", count: "5" } }),
  A2PSendSms: async ({ accountId }) => {
    await fixtureTopUp(accountId);
    return { params: { src_number: "Acme", dst_numbers: "447700900123;14155550123;bogus", text: "Sale!" } };
  },
  A2PGetSmsHistory: async () => ({ params: { count: "5" } }),
};
