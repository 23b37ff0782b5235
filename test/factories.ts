// Test data through the real database: each test makes its own account, so tests never share
// state and run in any order.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import { ASSIGNABLE_ROLES, OWNER_ROLE, type AssignableRole, type Role } from "@/lib/access/matrix";
import type { Actor, PanelActor } from "@/lib/access/actor-types";
import { isAppError, type AppError } from "@/lib/core/errors";

/** A precomputed argon2id hash of TEST_PASSWORD: hashing per row would make factories slow. */
export const TEST_PASSWORD = "Test-Passw0rd!";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$mSQ6mRL6b6TaqrRnThFHAw$DuGecR/Tjg467anUrIRyRG0wuGKWM9xJxT+Gu78OMRE";

/**
 * How many of the account's audit rows record a change (`routine` false), for "nothing written"
 * checks: a server action refused by the matrix still writes its routine "Denied" row
 * (lib/server/action.ts auditDenied), as a refused API call does.
 */
export const changeRowCount = (accountId: number): Promise<number> => db.auditLog.count({ where: { accountId, routine: false } });

export const uniq = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`;

/** The 12 principals of the matrix: the account owner and one subuser per assignable role. */
export const PRINCIPALS: readonly Role[] = [OWNER_ROLE, ...ASSIGNABLE_ROLES];

export type TestAccount = {
  id: number;
  name: string;
  /** An actor for the principal: the owner (MainAccount) or a real subuser holding just `role`. */
  actor(role: Role): Promise<Actor>;
};

export async function createTestAccount(): Promise<TestAccount> {
  const name = uniq("acct-");
  const account = await db.account.create({ data: { name, email: `${name}@test.local`, passwordHash: TEST_PASSWORD_HASH } });
  const cache = new Map<Role, Actor>();
  return {
    id: account.id,
    name,
    async actor(role) {
      const hit = cache.get(role);
      if (hit) return hit;
      let actor: Actor;
      if (role === OWNER_ROLE) {
        actor = { kind: "owner", accountId: account.id, accountName: name, subuserId: null, keyId: null, name, roles: [OWNER_ROLE], ip: "127.0.0.1" };
      } else {
        const sub = await db.subuser.create({
          data: { accountId: account.id, name: `r-${(role as AssignableRole).toLowerCase()}`.slice(0, 20), passwordHash: TEST_PASSWORD_HASH, roles: { create: [{ role }] } },
        });
        actor = { kind: "subuser", accountId: account.id, accountName: name, subuserId: sub.id, keyId: null, name: sub.name, roles: [role], ip: "127.0.0.1" };
      }
      cache.set(role, actor);
      return actor;
    },
  };
}

/** A principal as a panel session sees it (route and action tests mock getActor with this). */
export const asPanel = (a: Actor): PanelActor =>
  ({ ...a, kind: a.kind === "owner" ? "owner" : "subuser", accountEmail: "x@test.local", sessionId: "s", sessionCreatedAt: new Date(), sessionExpiresAt: new Date(Date.now() + 3_600_000) }) as PanelActor;

/** The AppError `p` rejects with (its code, field, message, reason); throws when it resolves or rejects with anything else. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
