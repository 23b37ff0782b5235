// Threat: reaching into a child account through the parent's keys (issue 7, docs/management-api.md
// "Child accounts"): a key acting on a child (token iss = the child's id) has exactly the reach its
// creator has there. Generated over EVERY registered Management API method: keys the account owner
// created act on the child by their roles, within the child's role limits (a Developer or
// ProvisioningAgent child cannot manage child accounts: seed 004); a key of any subuser, whatever
// its role, reaches no child at all (100), and nothing is written, in the child or the parent.
// Refusals decided before the method or the child's role is looked at are sampled (see below),
// not repeated for every pair: the suite stays inside CI's time as methods are added.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { apiMethodRoles, canCallApi, CHILD_ACCOUNT_METHODS, type ApiMethod } from "@/lib/access/api-methods";
import { CHILD_ACCOUNT_ROLES, childAccountMay, type ChildAccountRole } from "@/lib/access/child-account-roles";
import { ASSIGNABLE_ROLES, type AssignableRole } from "@/lib/access/matrix";
import { METHODS } from "@/lib/api/methods";
import { fixtureChild } from "@/lib/domains/child-accounts/api-fixtures";
import { createTestAccount } from "./factories";
import { callApi, insertKey, snapshot, tokenFor } from "./api-kit";
import { METHOD_FIXTURES } from "./api-fixtures";
import { resetApiAuthFailures } from "./api-auth-failures";

/** Everything a call could change on both sides of the family line (audit rows excluded). */
async function familySnapshot(parentId: number, childIds: number[]) {
  const accounts = [parentId, ...childIds];
  return Promise.all(
    accounts.map(async (id) => ({
      ...(await snapshot(id)),
      account: await db.account.findUniqueOrThrow({ where: { id } }),
      // A child's own bookkeeping (its ledger's version, its low-balance mark, its held-number
      // counter) moves when the child is charged or buys a number: that is the child's row
      // changing, not the parent's.
      children: await db.account.findMany({ where: { parentId: id }, orderBy: { id: "asc" }, omit: { ledgerVersion: true, lowBalanceAlertedAt: true, numberCount: true } }),
    })),
  );
}

/** The Caller IDs section's methods (lib/access/api-methods.ts), which a child role may lose. */
const CALLER_ID_METHODS = ["AddCallerID", "ActivateCallerID", "VerifyCallerID", "DelCallerID", "GetCallerIDs"] as const satisfies readonly ApiMethod[];

/** Role sets for an owner-made key: one the method allows, one it refuses (if any), none. */
function roleSets(method: ApiMethod): AssignableRole[][] {
  const allowed = apiMethodRoles(method);
  const refused = ASSIGNABLE_ROLES.find((r) => !allowed.includes(r));
  return [[allowed[0]!], ...(refused ? [[refused]] : []), []];
}

/** What the rule says an owner-made key holding `roles` gets on a child of role `childRole`: undefined = the fixture's outcome. */
function expectedOnChild(method: ApiMethod, roles: AssignableRole[], childRole: ChildAccountRole): number | "fixture" {
  if (!canCallApi(roles, method)) return 104;
  if ((CHILD_ACCOUNT_METHODS as readonly string[]).includes(method) && !childAccountMay(childRole, "manage_child_accounts")) return 104;
  // Seed 004: a Developer child "cannot use caller IDs".
  if ((CALLER_ID_METHODS as readonly string[]).includes(method) && !childAccountMay(childRole, "caller_ids")) return 104;
  // Seed 004: a ProvisioningAgent child "cannot delete recordings".
  if (method === "DeleteRecord" && !childAccountMay(childRole, "delete_recordings")) return 104;
  return "fixture";
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

describe("every method with iss = a child account", () => {
  it("covers every registered method", () => {
    for (const def of METHODS) expect(METHOD_FIXTURES[def.name], def.name).toBeDefined();
  });

  for (const [i, def] of METHODS.entries()) {
    const method = def.name;
    it(`${method}: owner-made keys act on the child by their roles, within the child's role limits`, async () => {
      const parent = await createTestAccount();
      for (const childRole of CHILD_ACCOUNT_ROLES) {
        const child = await fixtureChild(parent.id, childRole);
        // A role set the method refuses is refused before the child's role is looked at: once,
        // on the first child role; the allowed set meets every child role's limits.
        for (const roles of roleSets(method).slice(0, childRole === CHILD_ACCOUNT_ROLES[0] ? undefined : 1)) {
          const key = await insertKey(parent.id, roles);
          // The fixtures' target key (UpdateKey, DeleteKey, ...) must be one of the child's: a
          // key of the child's owner with the same roles, which the owner's key reaches there.
          const target = await insertKey(child.id, roles);
          const fixture = await METHOD_FIXTURES[method]!({ accountId: child.id, key: target, roles });
          const before = await familySnapshot(parent.id, [child.id]);
          const { status, body } = await callApi(method, fixture.params, { token: await tokenFor(key, { iss: child.id }) });
          const what = `${method} by the owner's [${roles.join(",") || "no role"}] key on a ${childRole} child: ${JSON.stringify(body)}`;
          expect(status).toBe(200);
          const rule = expectedOnChild(method, roles, childRole);
          const expected = rule === "fixture" ? fixture.expectCode : rule;
          if (expected === undefined) {
            expect(body.error, what).toBeUndefined();
            expect(() => def.response.parse(body), what).not.toThrow();
            expect((await familySnapshot(parent.id, [child.id]))[0], `${what}: the parent is untouched`).toEqual(before[0]);
          } else {
            expect(body.error?.code, what).toBe(expected);
            expect(await familySnapshot(parent.id, [child.id]), what).toEqual(before);
          }
        }
      }
    });

    // A subuser's key is refused at authentication, before the method is looked at: each method
    // tries the keys of two roles in turn, so every role meets every child role many times over.
    const subuserRoles = [ASSIGNABLE_ROLES[i % ASSIGNABLE_ROLES.length]!, ASSIGNABLE_ROLES[(i + 5) % ASSIGNABLE_ROLES.length]!];
    it(`${method}: no subuser's key reaches a child (${subuserRoles.join(", ")}: 100, nothing written)`, async () => {
      const parent = await createTestAccount();
      const children = await Promise.all(CHILD_ACCOUNT_ROLES.map((r) => fixtureChild(parent.id, r)));
      const calls = [];
      for (const child of children) {
        const target = await insertKey(child.id, ["Owner"]);
        calls.push({ child, params: (await METHOD_FIXTURES[method]!({ accountId: child.id, key: target, roles: ["Owner"] })).params });
      }
      const keys = [];
      for (const role of subuserRoles) {
        const sub = await parent.actor(role);
        keys.push({ role, key: await insertKey(parent.id, [role], sub.subuserId) });
      }
      const before = await familySnapshot(parent.id, children.map((c) => c.id));
      for (const { role, key } of keys) {
        // Each refusal is a failed authentication from the one in-process address: start every
        // principal with a full allowance, or the limiter's 340 would hide the 100 under test.
        resetApiAuthFailures();
        for (const { child, params } of calls) {
          const { body } = await callApi(method, params, { token: await tokenFor(key, { iss: child.id }) });
          expect(body.error?.code, `${method} by a ${role} subuser's key on child ${child.childRole}: ${JSON.stringify(body)}`).toBe(100);
        }
      }
      expect(await familySnapshot(parent.id, children.map((c) => c.id))).toEqual(before);
    });
  }
});
