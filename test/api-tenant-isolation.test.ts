// Property-based, for the applications, users, key-value and child-account methods: random
// parameters (the methods' own names with hostile values, ids and names of ANOTHER account's
// application, user, item and child mixed in) from keys holding random role sets. Whatever comes
// in: HTTP 200 JSON that is an error or the declared shape, never code 1; a refused role set is
// 104; an error writes nothing (child accounts included); and the other account is never
// touched, success or not. Threat: any input that crosses tenants or half-writes. The tenant
// filters are the same queries on every driver: 30 sets per method on the first, 12 on the others
// (test/drivers.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { canCallApi } from "@/lib/access/api-methods";
import { ASSIGNABLE_ROLES } from "@/lib/access/matrix";
import { createTestAccount } from "@/test/factories";
import { METHODS } from "@/lib/api/methods";
import { callAs, insertKey, REQUEST_STYLES, snapshot, type Params } from "./api-kit";
import { FIRST_DRIVER_RUN } from "./drivers";
import { RESOURCE_FIXTURES } from "./api-fixtures";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";
import { fixtureUser } from "@/lib/domains/app-users/api-fixtures";
import { fixtureChild } from "@/lib/domains/child-accounts/api-fixtures";
import { fixtureKv } from "@/lib/domains/kvs/api-fixtures";

const MINE = new Set(Object.keys(RESOURCE_FIXTURES));

async function fullSnapshot(accountId: number) {
  const [base, children] = await Promise.all([
    snapshot(accountId),
    db.account.findMany({ where: { parentId: accountId }, orderBy: { id: "asc" } }),
  ]);
  return { ...base, children };
}

let savedRate: string | undefined;
beforeAll(() => {
  savedRate = process.env.API_RATE_LIMIT_PER_SECOND;
  process.env.API_RATE_LIMIT_PER_SECOND = "1000000";
});
afterAll(() => {
  if (savedRate === undefined) delete process.env.API_RATE_LIMIT_PER_SECOND;
  else process.env.API_RATE_LIMIT_PER_SECOND = savedRate;
});

describe("random calls to the resource methods stay inside their tenant", () => {
  for (const def of METHODS.filter((m) => MINE.has(m.name))) {
    it(`${def.name}`, { timeout: 120_000 }, async () => {
      const acct = await createTestAccount();
      const other = await createTestAccount();
      const theirApp = await fixtureApp(other.id, "shared-name");
      const theirUser = await fixtureUser(other.id, theirApp.id, "shared-user");
      await fixtureKv(other.id, theirApp.id, "shared:key");
      const theirChild = await fixtureChild(other.id);
      const myApp = await fixtureApp(acct.id, "shared-name");
      await fixtureUser(acct.id, myApp.id, "mine");
      await fixtureKv(acct.id, myApp.id, "mine:key");
      await fixtureChild(acct.id);
      const otherBefore = await fullSnapshot(other.id);

      const hostile = [
        String(theirApp.id), String(theirUser.id), String(theirChild.id), String(other.id), "all", "shared-name", "shared-user", "shared:key",
        theirChild.name, theirChild.email, `${myApp.id};${theirApp.id}`, String(myApp.id), "", " ", "0", "-1", "1.5", "true", "x".repeat(300),
        "a;b;;c", "%", "_", "Gr8-Passw0rd!", "'; DROP TABLE Account;--", "🙂", "\u0000",
      ];
      const value = fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 30 }), fc.integer({ min: -5, max: theirChild.id + 5 }).map(String));
      const names = Object.keys(def.params.shape);
      const base = (await RESOURCE_FIXTURES[def.name]!({ accountId: acct.id, key: await insertKey(acct.id, ["Owner"]), roles: ["Owner"] })).params;
      const mutated = fc.dictionary(fc.constantFrom(...names), fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) }), { maxKeys: 4 });
      const params = fc.oneof(mutated, mutated.map((m): Params => ({ ...base, ...m })));
      const roles = fc.subarray([...ASSIGNABLE_ROLES], { maxLength: 3 });

      await fc.assert(
        fc.asyncProperty(params, roles, fc.constantFrom(...REQUEST_STYLES), async (p, held, style) => {
          const key = await insertKey(acct.id, held);
          const before = await fullSnapshot(acct.id);
          const { status, body } = await callAs(key, def.name, p, style);
          expect(status).toBe(200);
          if (!canCallApi(held, def.name)) expect(body.error?.code).toBe(104);
          if (body.error) {
            expect(body.error.code).not.toBe(1);
            expect(typeof body.error.msg).toBe("string");
            expect(await fullSnapshot(acct.id)).toEqual(before);
          } else {
            expect(() => def.response.parse(body)).not.toThrow();
          }
          expect(await fullSnapshot(other.id)).toEqual(otherBefore);
        }),
        { numRuns: FIRST_DRIVER_RUN ? 30 : 12 },
      );
    });
  }
});
