import "server-only";
import { db, type Tx } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { toBool, toDate, toNumber } from "@/lib/core/raw-values";
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

type ApplicationRawRow = { id: number | bigint; name: string; secureRecordStorage: boolean | number | bigint; createdAt: Date | string; updatedAt: Date | string };

/**
 * APPLICATION_SELECT's columns of the actor's application matching `match` (an id or a name), or
 * undefined. Raw SQL: every per-application Management API call starts here, and a Prisma query
 * costs about 0.2 ms of its JS engine more (issue 11).
 */
async function ownApplicationRow(client: Tx | typeof db, actor: Actor, match: Prisma.Sql): Promise<Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_SELECT }> | undefined> {
  const [row] = await client.$queryRaw<ApplicationRawRow[]>`
    SELECT "id", "name", "secureRecordStorage", "createdAt", "updatedAt" FROM "Application" WHERE "accountId" = ${actor.accountId} AND ${match}`;
  return row && { id: toNumber(row.id), name: row.name, secureRecordStorage: toBool(row.secureRecordStorage), createdAt: toDate(row.createdAt), updatedAt: toDate(row.updatedAt) };
}

/** The actor's account's application, or NOT_FOUND (558): another account's id reads as missing. */
export async function findOwnApplication(client: Tx | typeof db, actor: Actor, applicationId: number): Promise<ApplicationDto> {
  const row = await ownApplicationRow(client, actor, Prisma.sql`"id" = ${applicationId}`);
  if (!row) throw applicationNotFound();
  return toApplicationDto(row, actor.accountName);
}

/** The applications, each the actor's account's, in the order given, or NOT_FOUND (558) for the first that is not (bindings to several). */
export async function findOwnApplications(client: Tx | typeof db, actor: Actor, ids: readonly number[]): Promise<ApplicationDto[]> {
  const apps = [];
  for (const id of ids) apps.push(await findOwnApplication(client, actor, id));
  return apps;
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
  const row = await ownApplicationRow(client, actor, Prisma.sql`"name" = ${short}`);
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
 * Users per application, for applications already known to be the account's: Application.userCount,
 * which database triggers keep equal to the application's AppUser rows (migration app_user_count),
 * so no reader counts users (issue 11: flat in table size). Ids not of the account read as 0.
 */
export async function userCountsOf(actor: Actor, applicationIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(applicationIds.map((id) => [id, 0]));
  if (applicationIds.length === 0) return counts;
  const rows = await db.application.findMany({
    where: { id: { in: [...applicationIds] }, accountId: actor.accountId },
    select: { id: true, userCount: true },
  });
  for (const r of rows) counts.set(r.id, r.userCount);
  return counts;
}

/** Users in all of the account's applications (the dashboard): a sum over its applications' counters. */
export async function accountUserCount(accountId: number): Promise<number> {
  const r = await db.application.aggregate({ where: { accountId }, _sum: { userCount: true } });
  return r._sum.userCount ?? 0;
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
    db.application.findMany({
      where,
      select: { ...APPLICATION_SELECT, userCount: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: offset,
      take: count,
    }),
    db.application.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...toApplicationDto(r, actor.accountName), userCount: r.userCount })), total };
}
