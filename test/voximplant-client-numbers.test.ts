// The official Voximplant Node client, unchanged, over HTTPS (test/voximplant-harness.ts) through
// the numbers, SMS and money methods: buy a number, bind it to an application, send an SMS from it,
// read the SMS history and the transaction history; each step checked against the panel's queries.
// Threat: wire incompatibility that would break existing integrations silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { listAccountNumbers } from "@/lib/domains/phone-numbers/queries";
import { fixtureAvailableNumber, fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import type { TestAccount } from "@/test/factories";
import { ok, startClient, stopClient } from "./voximplant-harness";

let acct: TestAccount;
let owner: Actor;

beforeAll(async () => {
  ({ acct, owner } = await startClient());
  await fixtureTopUp(acct.id, 50_00);
});

afterAll(stopClient);

describe("the official Node client: numbers, SMS and money", () => {
  it("buys a number, binds it, sends an SMS from it, and sees the SMS and the charges in the histories", async () => {
    const categories = await ok("PhoneNumbers", "getPhoneNumberCategories", { countryCode: "US" });
    // The client leaves the nested category structures as they come (its transformer has no entry for them).
    expect(categories.result).toEqual([expect.objectContaining({ countryCode: "US", phoneCategories: expect.arrayContaining([expect.objectContaining({ phone_category_name: "GEOGRAPHIC" })]) })]);
    const regions = await ok("PhoneNumbers", "getPhoneNumberRegions", { countryCode: "US", phoneCategoryName: "GEOGRAPHIC" });
    expect((regions.result as { phoneCount: number }[]).length).toBeGreaterThan(0);

    const fresh = await fixtureAvailableNumber();
    const offered = await ok("PhoneNumbers", "getNewPhoneNumbers", { countryCode: "US", phoneCategoryName: "GEOGRAPHIC", phoneRegionId: fresh.regionId, count: 1000 });
    expect((offered.result as { phoneNumber: string }[]).map((n) => n.phoneNumber)).toContain(fresh.number.slice(1));

    // The client sends a stringlist as it is given: a ";"-joined string, as integrators write it.
    const bought = await ok("PhoneNumbers", "attachPhoneNumber", { phoneNumber: fresh.number.slice(1) });
    expect(bought.result).toBe(1);
    expect(bought.phoneNumbers).toEqual([expect.objectContaining({ phoneId: fresh.id, phoneNumber: fresh.number.slice(1) })]);
    expect((await listAccountNumbers(owner, { ids: [fresh.id] })).items[0]).toMatchObject({ status: "active" });

    const app = await ok("Applications", "addApplication", { applicationName: "sms-app" });
    await ok("PhoneNumbers", "bindPhoneNumberToApplication", { phoneId: [fresh.id], applicationId: app.applicationId });
    expect((await listAccountNumbers(owner, { ids: [fresh.id] })).items[0]).toMatchObject({ applicationName: "sms-app" });
    const listed = await ok("PhoneNumbers", "getPhoneNumbers", { applicationId: app.applicationId });
    expect(listed.result).toEqual([expect.objectContaining({ phoneId: fresh.id, isSmsSupported: true, applicationName: "sms-app" })]);

    await ok("SMS", "controlSms", { phoneNumber: fresh.number.slice(1), command: "enable" });
    const sent = await ok("SMS", "sendSmsMessage", { source: fresh.number.slice(1), destination: "447700900123", smsBody: "Hello from the official client" });
    expect(sent).toMatchObject({ result: 1, fragmentsCount: 1 });
    const history = await ok("SMS", "getSmsHistory", { messageId: [sent.messageId] });
    expect(history.result).toEqual([expect.objectContaining({ messageId: sent.messageId, direction: "OUT", fragments: 1, text: "Hello from the official client" })]);

    const transactions = await ok("History", "getTransactionHistory", { fromDate: new Date(Date.now() - 86_400_000), toDate: new Date(Date.now() + 86_400_000), descOrder: true });
    const types = (transactions.result as { transactionType: string }[]).map((t) => t.transactionType);
    expect(types).toEqual(expect.arrayContaining(["sms", "number_purchase", "topup"]));
    expect(transactions.totalCount).toBe(await db.ledgerEntry.count({ where: { accountId: acct.id } }));
  });
});
