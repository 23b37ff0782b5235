import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { ignoreCase } from "@/lib/core/search";
import { parseInput } from "@/lib/core/validate";
import { shortApplicationName } from "@/lib/domains/applications/queries";
import { ZListSipRegistrationsInput, normaliseSipHost, type ListSipRegistrationsInput } from "./schemas";

// Reads of the account's SIP registrations: the account-wide page (`sip_registrations`) or an
// application's page (`application.sip_registrations`); API keys: GetSipRegistrations' roles.
// Every where carries the account. The password is never read here.

/** The two panel sections that show SIP registrations. */
export type SipSection = "sip_registrations" | "application.sip_registrations";

export const SIP_REGISTRATION_SELECT = {
  id: true,
  sipUsername: true,
  proxy: true,
  authUser: true,
  outboundProxy: true,
  isPersistent: true,
  applicationId: true,
  ruleId: true,
  appUserId: true,
  successful: true,
  statusCode: true,
  errorMessage: true,
  lastUpdatedAt: true,
  deactivated: true,
  monthlyPriceMinor: true,
  purchasedAt: true,
  nextRenewalAt: true,
  createdAt: true,
  application: { select: { name: true } },
  rule: { select: { name: true } },
  appUser: { select: { name: true } },
} as const satisfies Prisma.SipRegistrationSelect;

type Row = Prisma.SipRegistrationGetPayload<{ select: typeof SIP_REGISTRATION_SELECT }>;

/**
 * One registration as every reader sees it: the PBX account (user, proxy, authentication name,
 * outbound proxy; "" when none), where its calls go (application, rule, user: null when
 * unbound), the last REGISTER's outcome (statusCode null: not attempted), the subscription
 * (minor units; dates UTC). Never the password.
 */
export type SipRegistrationDto = {
  id: number;
  sipUsername: string;
  proxy: string;
  authUser: string;
  outboundProxy: string;
  isPersistent: boolean;
  applicationId: number | null;
  applicationName: string | null;
  ruleId: number | null;
  ruleName: string | null;
  appUserId: number | null;
  appUserName: string | null;
  successful: boolean;
  statusCode: number | null;
  errorMessage: string;
  lastUpdatedAt: Date;
  deactivated: boolean;
  monthlyPriceMinor: number;
  purchasedAt: Date;
  nextRenewalAt: Date;
  createdAt: Date;
};

export function toSipRegistrationDto(r: Row): SipRegistrationDto {
  return {
    id: r.id,
    sipUsername: r.sipUsername,
    proxy: r.proxy,
    authUser: r.authUser,
    outboundProxy: r.outboundProxy,
    isPersistent: r.isPersistent,
    applicationId: r.applicationId,
    applicationName: r.application?.name ?? null,
    ruleId: r.ruleId,
    ruleName: r.rule?.name ?? null,
    appUserId: r.appUserId,
    appUserName: r.appUser?.name ?? null,
    successful: r.successful,
    statusCode: r.statusCode,
    errorMessage: r.errorMessage,
    lastUpdatedAt: r.lastUpdatedAt,
    deactivated: r.deactivated,
    monthlyPriceMinor: r.monthlyPriceMinor,
    purchasedAt: r.purchasedAt,
    nextRenewalAt: r.nextRenewalAt,
    createdAt: r.createdAt,
  };
}

export const sipRegistrationNotFound = (field = "sipRegistrationId") =>
  new AppError("NOT_FOUND", { message: "SIP registration not found", field, reason: "sip_registration_not_found" });

/** The actor's registration, or NOT_FOUND (647): another account's id reads as missing. */
export async function findOwnSipRegistration(client: Tx | typeof db, actor: Actor, id: number): Promise<SipRegistrationDto> {
  const row = await client.sipRegistration.findFirst({ where: { id, accountId: actor.accountId }, select: SIP_REGISTRATION_SELECT });
  if (!row) throw sipRegistrationNotFound();
  return toSipRegistrationDto(row);
}

/**
 * GetSipRegistrations and both pages: the account's registrations by id, filtered by any of the
 * reference's filters (all must hold), `total` counting every match. `section` is the page
 * asking (a panel actor needs it); an API key needs GetSipRegistrations' roles. At most
 * MAX_SIP_REGISTRATIONS rows per account, so a page is one indexed read.
 */
export async function listSipRegistrations(actor: Actor, input: ListSipRegistrationsInput = {}, section: SipSection = "sip_registrations"): Promise<{ items: SipRegistrationDto[]; total: number }> {
  authorize(actor, { section, method: "GetSipRegistrations" });
  const p = parseInput(ZListSipRegistrationsInput, input);
  if (p.inProgress === true) return { items: [], total: 0 }; // nothing is ever mid-REGISTER here (registrar.ts)
  const proxies = p.proxies?.map((x) => normaliseSipHost(x) ?? x.toLowerCase());
  const and: Prisma.SipRegistrationWhereInput[] = [];
  if (p.applicationIds) and.push({ applicationId: { in: p.applicationIds } });
  if (p.applicationNames) and.push({ application: { name: { in: p.applicationNames.map((n) => shortApplicationName(n, actor.accountName)) } } });
  if (p.ruleIds) and.push({ ruleId: { in: p.ruleIds } });
  if (p.ruleNames) and.push({ rule: { name: { in: p.ruleNames } } });
  const where: Prisma.SipRegistrationWhereInput = {
    accountId: actor.accountId,
    ...(p.sipRegistrationId !== undefined ? { id: p.sipRegistrationId } : {}),
    ...(p.sipUsername ? { sipUsername: ignoreCase({ contains: p.sipUsername }) } : {}),
    ...(p.deactivated !== undefined ? { deactivated: p.deactivated } : {}),
    ...(p.successful !== undefined ? { successful: p.successful } : {}),
    ...(p.isPersistent !== undefined ? { isPersistent: p.isPersistent } : {}),
    ...(p.isBoundToApplication !== undefined ? { applicationId: p.isBoundToApplication ? { not: null } : null } : {}),
    ...(p.userIds ? { appUserId: { in: p.userIds } } : {}),
    ...(proxies ? { proxy: { in: proxies } } : {}),
    ...(p.statusCode !== undefined ? { statusCode: Number(p.statusCode) } : {}),
    ...(and.length ? { AND: and } : {}),
  };
  const [rows, total] = await Promise.all([
    db.sipRegistration.findMany({ where, select: SIP_REGISTRATION_SELECT, orderBy: { id: "asc" }, skip: p.offset, take: p.count }),
    db.sipRegistration.count({ where }),
  ]);
  return { items: rows.map(toSipRegistrationDto), total };
}

/** The account's currency (ISO 4217): the subscription is charged in it. */
export async function accountCurrency(actor: Actor): Promise<string> {
  return (await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true } })).currency;
}

/**
 * The rules a registration of this application can be bound to (id, name, in the application's
 * order), for the application page's Bind dialog: section `application.sip_registrations`, which
 * does not need the Rules page.
 */
export async function bindableRules(actor: Actor, applicationId: number): Promise<{ id: number; name: string }[]> {
  authorize(actor, { section: "application.sip_registrations" });
  return db.rule.findMany({ where: { accountId: actor.accountId, applicationId }, select: { id: true, name: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}
