// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts, and the helpers other tests use to hold numbers.
import { randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import { uniqueViolationFields } from "@/lib/core/errors";
import type { Fixtures } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { allRegions } from "./catalogue";

const US = allRegions().find((r) => r.country.code === "US" && r.region.smsSupported)!;

/**
 * A fresh available number in a US region (made for the test; the shared catalogue stays
 * untouched). Always a new row: a random number that another test already made (and perhaps
 * bought or reserved since) is drawn again, so the caller never gets a number that is not free.
 */
export async function fixtureAvailableNumber(region = US) {
  for (let attempt = 1; ; attempt++) {
    const number = `+1${region.region.prefix}9${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
    try {
      return await db.phoneNumber.create({
        data: {
          number,
          countryCode: region.country.code,
          regionId: region.region.id,
          category: region.region.category,
          smsSupported: region.region.smsSupported,
          setupPriceMinor: region.region.setupPriceMinor,
          monthlyPriceMinor: region.region.monthlyPriceMinor,
        },
      });
    } catch (e) {
      if (attempt >= 20 || uniqueViolationFields(e) === null) throw e;
    }
  }
}

/** A number the account holds (active, renewing in a month), SMS enabled where supported. */
export async function fixtureOwnNumber(accountId: number) {
  const n = await fixtureAvailableNumber();
  return db.phoneNumber.update({
    where: { id: n.id },
    data: { status: "active", accountId, purchasedAt: new Date(), nextRenewalAt: new Date(Date.now() + 30 * 86_400_000), smsEnabled: n.smsSupported },
  });
}

/** Credits the account's ledger (minor units). */
export async function fixtureTopUp(accountId: number, amountMinor = 100_00) {
  await db.ledgerEntry.create({ data: { accountId, amountMinor, kind: "topup", memo: "fixture top-up" } });
}

export const PHONE_NUMBER_FIXTURES: Fixtures = {
  GetNewPhoneNumbers: async () => ({ params: { country_code: "US", phone_category_name: "GEOGRAPHIC", count: "5" } }),
  GetPhoneNumberCategories: async () => ({ params: { country_code: "US;GB" } }),
  GetPhoneNumberCountryStates: async () => ({ params: { country_code: "US", phone_category_name: "GEOGRAPHIC" } }),
  GetPhoneNumberRegions: async () => ({ params: { country_code: "US", phone_category_name: "GEOGRAPHIC" } }),
  AttachPhoneNumber: async ({ accountId }) => {
    await fixtureTopUp(accountId);
    const n = await fixtureAvailableNumber();
    return { params: { phone_number: n.number.slice(1) } };
  },
  BindPhoneNumberToApplication: async ({ accountId }) => {
    const [n, app] = [await fixtureOwnNumber(accountId), await fixtureApp(accountId)];
    return { params: { phone_id: String(n.id), application_id: String(app.id) } };
  },
  DeactivatePhoneNumber: async ({ accountId }) => ({ params: { phone_id: String((await fixtureOwnNumber(accountId)).id) } }),
  SetPhoneNumberInfo: async ({ accountId }) => ({ params: { phone_number: (await fixtureOwnNumber(accountId)).number, incoming_sms_callback_url: "https://example.com/sms" } }),
  GetPhoneNumbers: async ({ accountId }) => {
    await fixtureOwnNumber(accountId);
    return { params: { country_code: "US", count: "10" } };
  },
  IsAccountPhoneNumber: async ({ accountId }) => ({ params: { phone_number: (await fixtureOwnNumber(accountId)).number } }),
  GetAccountPhoneNumberCountries: async ({ accountId }) => {
    await fixtureOwnNumber(accountId);
    return { params: {} };
  },
  AddPstnBlackListItem: async () => ({ params: { pstn_blacklist_phone: `+1900${randomInt(1_000_000, 9_999_999)}` } }),
  SetPstnBlackListItem: async ({ accountId }) => {
    const e = await db.pstnBlacklistEntry.create({ data: { accountId, phone: `+1900${randomInt(1_000_000, 9_999_999)}` } });
    return { params: { pstn_blacklist_id: String(e.id), pstn_blacklist_phone: "+1901*" } };
  },
  DelPstnBlackListItem: async ({ accountId }) => {
    const e = await db.pstnBlacklistEntry.create({ data: { accountId, phone: `+1900${randomInt(1_000_000, 9_999_999)}` } });
    return { params: { pstn_blacklist_id: String(e.id) } };
  },
  GetPstnBlackList: async ({ accountId }) => {
    await db.pstnBlacklistEntry.create({ data: { accountId, phone: `+1900${randomInt(1_000_000, 9_999_999)}` } });
    return { params: {} };
  },
};
