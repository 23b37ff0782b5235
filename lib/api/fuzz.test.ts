// Property-based: random parameters (random names, hostile values, repeats, every request
// style) thrown at every registered method by an Owner key, so parsing and handlers are
// reached. Whatever comes in: HTTP 200, a JSON body that is either {"error":{code,msg}} or the
// method's declared success shape, and nothing written when it is an error. The first driver
// throws 25 sets at each method; the others 10, enough to reach each driver's own refusals (a NUL
// character, an integer past 32 bits) while keeping npm test's three passes inside CI's time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestAccount } from "@/test/factories";
import { METHODS } from "./methods";
import { METHOD_FIXTURES } from "@/test/api-fixtures";
import { callAs, insertKey, REQUEST_STYLES, snapshot, type Params } from "@/test/api-kit";
import { FIRST_DRIVER_RUN } from "@/test/drivers";

const NASTY = [
  "", " ", "all", "ALL", "true", "False", "1", "0", "-1", "2", "3", "11", "12", "1.5", "1e3", "0x10", "NaN", "null", "undefined",
  "99999999999999999999", "9007199254740993", "1;2;3", ";", ";;", "a;b", "Owner", "Admin;Root", "MainAccount", "Management",
  "2026-01-01 00:00:00", "2026-02-30 00:00:00", "'; DROP TABLE Subuser;--", "\u0000", "é", "🙂", "%00", "../../etc/passwd",
  "00000000-0000-4000-8000-000000000000", "<script>alert(1)</script>", "x".repeat(300),
];

const value = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.integer().map(String), fc.string({ unit: "grapheme", maxLength: 12 }));
const paramValue = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) });

let savedRate: string | undefined;
let savedFailures: string | undefined;
beforeAll(() => {
  // The per-key limiter would otherwise answer most of these with 340 and hide the handlers; so
  // would the per-address one, counting the random `account_id`s that fail authentication.
  savedRate = process.env.API_RATE_LIMIT_PER_SECOND;
  savedFailures = process.env.API_AUTH_MAX_FAILURES;
  process.env.API_RATE_LIMIT_PER_SECOND = "1000000";
  process.env.API_AUTH_MAX_FAILURES = "1000000";
});
afterAll(() => {
  if (savedRate === undefined) delete process.env.API_RATE_LIMIT_PER_SECOND;
  else process.env.API_RATE_LIMIT_PER_SECOND = savedRate;
  if (savedFailures === undefined) delete process.env.API_AUTH_MAX_FAILURES;
  else process.env.API_AUTH_MAX_FAILURES = savedFailures;
});

describe("random parameters never break the API", () => {
  for (const def of METHODS) {
    it(`${def.name}: always 200 JSON, an error or the declared shape, nothing written on error`, async () => {
      const acct = await createTestAccount();
      const key = await insertKey(acct.id, ["Owner"]);
      const fixture = await METHOD_FIXTURES[def.name]!({ accountId: acct.id, key, roles: ["Owner"] });
      const names = [...Object.keys(def.params.shape), "cmd", "account_id"];
      const randomParams = fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), paramValue, { maxKeys: 6 });
      // Half the runs start from a valid call and break parts of it, to get past the first check.
      const params = fc.oneof(
        randomParams,
        randomParams.map((r): Params => ({ ...fixture.params, ...r })),
      );
      await fc.assert(
        fc.asyncProperty(params, fc.constantFrom(...REQUEST_STYLES), async (p, style) => {
          const before = await snapshot(acct.id);
          const { status, body } = await callAs(key, def.name, p, style);
          expect(status).toBe(200);
          if (body.error) {
            expect(Object.keys(body)).toEqual(["error"]);
            expect(typeof body.error.code).toBe("number");
            expect(typeof body.error.msg).toBe("string");
            expect(body.error.code).not.toBe(1);
            expect(await snapshot(acct.id)).toEqual(before);
          } else {
            expect(() => def.response.parse(body)).not.toThrow();
          }
        }),
        { numRuns: FIRST_DRIVER_RUN ? 25 : 10 },
      );
    });
  }
});
