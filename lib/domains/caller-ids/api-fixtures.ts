// Test-only: one valid call for each Management API method of this domain, merged into the
// registry-wide tables by test/api-fixtures.ts.
import { createHash, randomInt } from "node:crypto";
import { db } from "@/lib/core/db";
import type { Fixtures } from "@/test/api-kit";

const number = () => `+1415555${String(randomInt(0, 10_000)).padStart(4, "0")}`;

/** A caller ID of the account; verified when asked, or waiting for the code 123456. */
export async function fixtureCallerId(accountId: number, opts: { verified?: boolean } = {}) {
  return db.callerId.create({
    data: opts.verified
      ? { accountId, number: number(), active: true, verifiedUntil: new Date(Date.now() + 86_400_000) }
      : {
          accountId,
          number: number(),
          codeHash: createHash("sha256").update("caller-id-code:123456").digest("hex"),
          codeExpiresAt: new Date(Date.now() + 600_000),
          codeAttemptsLeft: 3,
        },
  });
}

export const CALLER_ID_FIXTURES: Fixtures = {
  AddCallerID: async () => ({ params: { callerid_number: number() } }),
  VerifyCallerID: async ({ accountId }) => ({ params: { callerid_id: String((await fixtureCallerId(accountId)).id) } }),
  ActivateCallerID: async ({ accountId }) => ({ params: { callerid_number: (await fixtureCallerId(accountId)).number, verification_code: "123456" } }),
  DelCallerID: async ({ accountId }) => ({ params: { callerid_id: String((await fixtureCallerId(accountId)).id) } }),
  GetCallerIDs: async ({ accountId }) => {
    await fixtureCallerId(accountId, { verified: true });
    return { params: { active: "true" } };
  },
};
