import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toBool, toDate, toNumber } from "@/lib/core/raw-values";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { ASSIGNABLE_ROLES, isAssignableRole, type AssignableRole } from "@/lib/access/matrix";
import { AppError } from "@/lib/core/errors";
import { ZListSubusersInput, ZSubuserRef, type ListSubusersInput, type SubuserRef } from "./schemas";
import { parseInput } from "@/lib/core/validate";

export const SUBUSER_SELECT = {
  id: true,
  name: true,
  description: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  // Read only to tell whether two-step verification is on (toSubuserDto keeps a boolean).
  totpSecret: true,
  roles: { select: { role: true } },
} as const satisfies Prisma.SubuserSelect;

export type SubuserDto = {
  id: number;
  name: string;
  description: string;
  active: boolean;
  /** In the matrix's role order; unknown role strings in the database are dropped (they grant nothing). */
  roles: AssignableRole[];
  createdAt: Date;
  updatedAt: Date;
  /** Two-step verification is on for its login (lib/auth/two-step.ts). */
  twoStep: boolean;
};

export function toSubuserDto(row: Prisma.SubuserGetPayload<{ select: typeof SUBUSER_SELECT }>): SubuserDto {
  const held = new Set(row.roles.map((r) => r.role).filter(isAssignableRole));
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    active: row.active,
    roles: ASSIGNABLE_ROLES.filter((r) => held.has(r)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    twoStep: row.totpSecret !== null,
  };
}

export const subuserNotFound = () =>
  new AppError("NOT_FOUND", { message: "Subuser not found", field: "subuserId", reason: "subuser_not_found" });

/** The actor's account's subuser, or NOT_FOUND (434): another account's id reads as missing. */
export async function findOwnSubuser(client: Tx | typeof db, actor: Actor, subuserId: number): Promise<SubuserDto> {
  const row = await client.subuser.findFirst({ where: { id: subuserId, accountId: actor.accountId }, select: SUBUSER_SELECT });
  if (!row) throw subuserNotFound();
  return toSubuserDto(row);
}

/** One row of listSubusers' statement: the total, then a subuser of the page (null when the page is empty) with one of its roles. */
type SubuserPageRow = {
  total: number | bigint;
  id: number | bigint | null;
  name: string | null;
  description: string | null;
  active: boolean | number | bigint | null;
  createdAt: Date | string | null;
  updatedAt: Date | string | null;
  /** "" when two-step verification is on, else null: the secret itself is never read here. */
  totpSecret: string | null;
  role: string | null;
};

/**
 * Subusers of the actor's account, by name (GetSubUsers: optional id filter, count/offset), with
 * the total. ONE statement: the count, the page and the page's roles (a subuser per role, joined),
 * where Prisma's findMany, count and nested roles select make three round trips at 0.2-0.3 ms of
 * its JS engine each (issue 11: GetSubUsers' own work from about 0.65 ms to 0.15 ms). The same
 * ordering as before: by name (unique in the account), as the database's collation sorts it.
 */
export async function listSubusers(actor: Actor, input: ListSubusersInput = {}): Promise<{ items: SubuserDto[]; total: number }> {
  authorize(actor, { section: "subusers", method: "GetSubUsers" });
  const { subuserId, offset, count } = parseInput(ZListSubusersInput, input);
  const only = subuserId ? Prisma.sql`AND "id" = ${subuserId}` : Prisma.empty;
  const rows = await db.$queryRaw<SubuserPageRow[]>`
    SELECT t."total", s."id", s."name", s."description", s."active", s."createdAt", s."updatedAt", s."totpSecret", r."role"
      FROM (SELECT COUNT(*) AS "total" FROM "Subuser" WHERE "accountId" = ${actor.accountId} ${only}) t
      LEFT JOIN (SELECT "id", "name", "description", "active", "createdAt", "updatedAt",
                        CASE WHEN "totpSecret" IS NULL THEN NULL ELSE '' END AS "totpSecret" FROM "Subuser"
                  WHERE "accountId" = ${actor.accountId} ${only}
                  ORDER BY "name" LIMIT ${count} OFFSET ${offset}) s ON 1 = 1
      LEFT JOIN "SubuserRole" r ON r."subuserId" = s."id"
     ORDER BY s."name", r."role"`;
  // The rows as SUBUSER_SELECT's shape, so toSubuserDto alone decides which roles count and their order.
  const subusers: Prisma.SubuserGetPayload<{ select: typeof SUBUSER_SELECT }>[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    const id = toNumber(row.id);
    let last = subusers.at(-1);
    if (last?.id !== id) {
      last = { id, name: row.name!, description: row.description!, active: toBool(row.active), roles: [], createdAt: toDate(row.createdAt!), updatedAt: toDate(row.updatedAt!), totpSecret: row.totpSecret };
      subusers.push(last);
    }
    if (row.role !== null) last.roles.push({ role: row.role });
  }
  return { items: subusers.map(toSubuserDto), total: toNumber(rows[0]?.total ?? 0) };
}

export async function getSubuser(actor: Actor, input: SubuserRef): Promise<SubuserDto> {
  authorize(actor, { section: "subusers", method: "GetSubUsers" });
  const { subuserId } = parseInput(ZSubuserRef, input);
  return findOwnSubuser(db, actor, subuserId);
}

/** GetSubUserRoles: the subuser's roles (the API expands implied ones itself). */
export async function getSubuserRoles(actor: Actor, input: SubuserRef): Promise<AssignableRole[]> {
  authorize(actor, { section: "subusers", method: "GetSubUserRoles" });
  const { subuserId } = parseInput(ZSubuserRef, input);
  return (await findOwnSubuser(db, actor, subuserId)).roles;
}

/** Whether the account has any subuser: the login link is shown only once one exists. */
export async function countSubusers(actor: Actor): Promise<number> {
  authorize(actor, { section: "subusers", method: "GetSubUsers" });
  return db.subuser.count({ where: { accountId: actor.accountId } });
}

/**
 * Who in the account has two-step verification on, for Settings → Security: the owner's login,
 * whether subusers are required to (Account.requireTwoStep), and how many of them have it. Holders
 * of the Security page. The owner's secret is read only to tell whether it is set.
 */
export async function twoStepCoverage(actor: Actor): Promise<{ owner: boolean; required: boolean; subusers: number; subusersOn: number }> {
  authorize(actor, { section: "security" });
  const [account, subusers, subusersOn] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { requireTwoStep: true, totpSecret: true } }),
    db.subuser.count({ where: { accountId: actor.accountId } }),
    db.subuser.count({ where: { accountId: actor.accountId, totpSecret: { not: null } } }),
  ]);
  return { owner: account.totpSecret !== null, required: account.requireTwoStep, subusers, subusersOn };
}

/** Whether the account requires two-step verification of every subuser (Account.requireTwoStep), for the Subusers page. */
export async function accountRequiresTwoStep(actor: Actor): Promise<boolean> {
  authorize(actor, { section: "subusers", method: "GetSubUsers" });
  const account = await db.account.findUnique({ where: { id: actor.accountId }, select: { requireTwoStep: true } });
  return account?.requireTwoStep ?? false;
}
