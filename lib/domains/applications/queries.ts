import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { parseInput } from "@/lib/core/validate";
import { ZListApplicationsInput, type ListApplicationsInput } from "./schemas";
import { ignoreCase } from "@/lib/core/search";

export const APPLICATION_SELECT = {
  id: true,
  name: true,
  secureRecordStorage: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.ApplicationSelect;

export type ApplicationDto = {
  id: number;
  name: string;
  /** `<name>.<account>.<domain>`, as the platform addresses it. */
  fullName: string;
  secureRecordStorage: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ApplicationWithCountDto = ApplicationDto & { userCount: number };

export function applicationFullName(name: string, accountName: string): string {
  return `${name}.${accountName}.${env().PLATFORM_DOMAIN}`;
}

export function toApplicationDto(row: Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_SELECT }>, accountName: string): ApplicationDto {
  return {
    id: row.id,
    name: row.name,
    fullName: applicationFullName(row.name, accountName),
    secureRecordStorage: row.secureRecordStorage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const applicationNotFound = () =>
  new AppError("NOT_FOUND", { message: "Application not found", field: "applicationId", reason: "application_not_found" });

/** The actor's account's application, or NOT_FOUND (558): another account's id reads as missing. */
export async function findOwnApplication(client: Tx | typeof db, actor: Actor, applicationId: number): Promise<ApplicationDto> {
  const row = await client.application.findFirst({ where: { id: applicationId, accountId: actor.accountId }, select: APPLICATION_SELECT });
  if (!row) throw applicationNotFound();
  return toApplicationDto(row, actor.accountName);
}

/** `<name>.<account>.<domain>` -> `<name>`; a short name passes through (the API accepts either). */
export function shortApplicationName(name: string, accountName: string): string {
  const n = name.trim().toLowerCase();
  const suffix = `.${accountName}.${env().PLATFORM_DOMAIN}`.toLowerCase();
  return n.endsWith(suffix) ? n.slice(0, -suffix.length) : n;
}

/** The actor's application with this short or full name, or NOT_FOUND (558). */
export async function findOwnApplicationByName(client: Tx | typeof db, actor: Actor, name: string): Promise<ApplicationDto> {
  const short = shortApplicationName(name, actor.accountName);
  const row = await client.application.findFirst({ where: { accountId: actor.accountId, name: short }, select: APPLICATION_SELECT });
  if (!row) throw new AppError("NOT_FOUND", { message: "Application not found", field: "applicationName", reason: "application_not_found" });
  return toApplicationDto(row, actor.accountName);
}

/**
 * The Management API's application_id / application_name pair -> the actor's application
 * (558 when it is not one). Not an access check: the method's own domain function is.
 */
export async function resolveApplication(actor: Actor, ref: { applicationId?: number; applicationName?: string }): Promise<ApplicationDto> {
  if (ref.applicationId !== undefined) return findOwnApplication(db, actor, ref.applicationId);
  if (ref.applicationName !== undefined) return findOwnApplicationByName(db, actor, ref.applicationName);
  throw new AppError("INVALID_INPUT", { message: "Specify the application", field: "applicationId", reason: "parameter_missing" });
}

/**
 * The application for a per-application page, or null. Tenant-scoped only: the page has already
 * checked its own section with requireSection, and the layout shows just the name.
 */
export async function getApplication(actor: Actor, applicationId: number): Promise<ApplicationDto | null> {
  if (!Number.isSafeInteger(applicationId) || applicationId <= 0) return null;
  const row = await db.application.findFirst({ where: { id: applicationId, accountId: actor.accountId }, select: APPLICATION_SELECT });
  return row ? toApplicationDto(row, actor.accountName) : null;
}

/**
 * Users per application, for applications already known to be the account's. Counted through
 * the (applicationId, ...) indexes with the account checked on the application row: a where on
 * AppUser.accountId would lead SQLite (no ANALYZE statistics) to the accountId index and a row
 * lookup per user, and Prisma's `_count` select aggregates every user of every account.
 */
export async function userCountsOf(actor: Actor, applicationIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(applicationIds.map((id) => [id, 0]));
  if (applicationIds.length === 0) return counts;
  const groups = await db.appUser.groupBy({
    by: ["applicationId"],
    where: { applicationId: { in: [...applicationIds] }, application: { accountId: actor.accountId } },
    _count: { _all: true },
  });
  for (const g of groups) counts.set(g.applicationId, g._count._all);
  return counts;
}

/** The account's applications by name (GetApplications: id, name part, count/offset, total), with user counts. */
export async function listApplications(actor: Actor, input: ListApplicationsInput = {}): Promise<{ items: ApplicationWithCountDto[]; total: number }> {
  authorize(actor, { section: "applications", method: "GetApplications" });
  const { applicationId, namePart, offset, count } = parseInput(ZListApplicationsInput, input);
  const where: Prisma.ApplicationWhereInput = {
    accountId: actor.accountId,
    ...(applicationId ? { id: applicationId } : {}),
    ...(namePart ? { name: ignoreCase({ contains: namePart }) } : {}),
  };
  const [rows, total] = await Promise.all([
    db.application.findMany({ where, select: APPLICATION_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }], skip: offset, take: count }),
    db.application.count({ where }),
  ]);
  const counts = await userCountsOf(actor, rows.map((r) => r.id));
  return { items: rows.map((r) => ({ ...toApplicationDto(r, actor.accountName), userCount: counts.get(r.id) ?? 0 })), total };
}
