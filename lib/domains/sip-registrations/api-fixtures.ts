// Test-only: stored SIP registrations, and one valid call for each Management API method of this
// domain, merged into the registry-wide tables by test/api-fixtures.ts.
import { randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import { addMonth } from "@/lib/core/day-range";
import type { Fixtures } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { fixtureTopUp } from "../phone-numbers/api-fixtures";
import { SIP_REGISTRATION_MONTHLY_PRICE_MINOR } from "./client-safe";

/** A SIP user name unlikely to repeat within one account: "ext-48213". */
export const sipUser = () => `ext-${randomInt(10_000, 100_000_000)}`;

/** A stored, registered, persistent registration on pbx.example.com (not charged: written directly). */
export function fixtureSipRegistration(accountId: number, data: { sipUsername?: string; proxy?: string; applicationId?: number | null; ruleId?: number | null; appUserId?: number | null; deactivated?: boolean; nextRenewalAt?: Date; isPersistent?: boolean } = {}) {
  const now = new Date();
  return db.sipRegistration.create({
    data: {
      accountId,
      sipUsername: data.sipUsername ?? sipUser(),
      proxy: data.proxy ?? "pbx.example.com",
      password: "secret",
      isPersistent: data.isPersistent ?? true,
      applicationId: data.applicationId ?? null,
      ruleId: data.ruleId ?? null,
      appUserId: data.appUserId ?? null,
      successful: !data.deactivated,
      statusCode: data.deactivated ? null : 200,
      deactivated: data.deactivated ?? false,
      monthlyPriceMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR,
      purchasedAt: now,
      nextRenewalAt: data.nextRenewalAt ?? addMonth(now),
    },
  });
}

export const SIP_REGISTRATION_FIXTURES: Fixtures = {
  CreateSipRegistration: async ({ accountId }) => {
    await fixtureTopUp(accountId);
    return { params: { sip_username: sipUser(), proxy: "pbx.example.com:5060", password: "secret" } };
  },
  UpdateSipRegistration: async ({ accountId }) => ({ params: { sip_registration_id: String((await fixtureSipRegistration(accountId)).id), password: "changed", outbound_proxy: "sbc.example.com" } }),
  BindSipRegistration: async ({ accountId }) => {
    const [r, app] = [await fixtureSipRegistration(accountId), await fixtureApp(accountId)];
    return { params: { sip_registration_id: String(r.id), application_id: String(app.id) } };
  },
  DeleteSipRegistration: async ({ accountId }) => ({ params: { sip_registration_id: String((await fixtureSipRegistration(accountId)).id) } }),
  GetSipRegistrations: async ({ accountId }) => {
    await fixtureSipRegistration(accountId);
    return { params: { successful: "true" } };
  },
};
