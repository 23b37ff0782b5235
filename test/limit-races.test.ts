// Threat: a race between checking a per-account limit and writing past it (TOCTOU, CWE-367).
// The limits count rows and then insert; under PostgreSQL's READ COMMITTED two transactions can
// both count 99 and both insert, so parallel requests (from one app server or several) would
// take an account past its 100 subusers or 100 keys. lib/core/locks.ts serializes them per
// account. npm test runs this file on better-sqlite3, libSQL and PostgreSQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createSubuser } from "@/lib/domains/subusers/mutations";
import { MAX_SUBUSERS_PER_ACCOUNT } from "@/lib/domains/subusers/schemas";
import { createKey } from "@/lib/domains/service-accounts/mutations";
import { MAX_KEYS_PER_ACCOUNT } from "@/lib/domains/service-accounts/schemas";
import { insertKey } from "@/test/api-kit";
import { createTestAccount, TEST_PASSWORD_HASH } from "@/test/factories";

const PARALLEL = 20;
const ROOM = 10;

/** Splits settled results into successes and the reasons of the AppErrors (anything else fails the test). */
function tally(results: PromiseSettledResult<unknown>[]): { ok: number; reasons: (string | undefined)[] } {
  const reasons: (string | undefined)[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof AppError)) throw r.reason;
    reasons.push(r.reason.reason);
  }
  return { ok: results.length - reasons.length, reasons };
}

describe("per-account limits under parallel creates", () => {
  it(`${PARALLEL} parallel subuser creates with room for ${ROOM}: exactly ${ROOM} succeed, the account stops at ${MAX_SUBUSERS_PER_ACCOUNT}`, async () => {
    const acct = await createTestAccount();
    await db.subuser.createMany({
      data: Array.from({ length: MAX_SUBUSERS_PER_ACCOUNT - ROOM }, (_, i) => ({ accountId: acct.id, name: `bulk-${i}`, passwordHash: TEST_PASSWORD_HASH })),
    });
    const owner = await acct.actor(OWNER_ROLE);
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, (_, i) => createSubuser(owner, { name: `racer-${i}`, password: "Racer-Passw0rd!", roles: ["Support"] })),
    );
    const { ok, reasons } = tally(results);
    expect(ok).toBe(ROOM);
    expect(reasons).toEqual(Array.from({ length: PARALLEL - ROOM }, () => "subuser_limit"));
    expect(await db.subuser.count({ where: { accountId: acct.id } })).toBe(MAX_SUBUSERS_PER_ACCOUNT);
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "subuser.create" } })).toBe(ROOM);
  });

  it(`${PARALLEL} parallel key creates with room for ${ROOM}: exactly ${ROOM} succeed, the account stops at ${MAX_KEYS_PER_ACCOUNT}`, async () => {
    const acct = await createTestAccount();
    for (let i = 0; i < MAX_KEYS_PER_ACCOUNT - ROOM; i++) await insertKey(acct.id, []);
    const owner = await acct.actor(OWNER_ROLE);
    const results = await Promise.allSettled(Array.from({ length: PARALLEL }, (_, i) => createKey(owner, { name: `racer-${i}`, roles: ["Support"] })));
    const { ok, reasons } = tally(results);
    expect(ok).toBe(ROOM);
    expect(reasons).toEqual(Array.from({ length: PARALLEL - ROOM }, () => "key_limit"));
    expect(await db.apiKey.count({ where: { accountId: acct.id } })).toBe(MAX_KEYS_PER_ACCOUNT);
  });

  it("the lock is per account: another account's creates do not wait on it or count against it", async () => {
    const [a, b] = await Promise.all([createTestAccount(), createTestAccount()]);
    const [ownerA, ownerB] = await Promise.all([a.actor(OWNER_ROLE), b.actor(OWNER_ROLE)]);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createSubuser(i % 2 ? ownerA : ownerB, { name: `both-${i}`, password: "Racer-Passw0rd!", roles: ["Support"] })),
    );
    expect(tally(results).ok).toBe(6);
    expect(await db.subuser.count({ where: { accountId: a.id } })).toBe(3);
    expect(await db.subuser.count({ where: { accountId: b.id } })).toBe(3);
  });
});
