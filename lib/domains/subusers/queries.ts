import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
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

/** Subusers of the actor's account, by name (GetSubUsers: optional id filter, count/offset). */
export async function listSubusers(actor: Actor, input: ListSubusersInput = {}): Promise<{ items: SubuserDto[]; total: number }> {
  authorize(actor, { section: "subusers", method: "GetSubUsers" });
  const { subuserId, offset, count } = parseInput(ZListSubusersInput, input);
  const where = { accountId: actor.accountId, ...(subuserId ? { id: subuserId } : {}) };
  const [rows, total] = await Promise.all([
    db.subuser.findMany({ where, select: SUBUSER_SELECT, orderBy: [{ name: "asc" }], skip: offset, take: count }),
    db.subuser.count({ where }),
  ]);
  return { items: rows.map(toSubuserDto), total };
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
