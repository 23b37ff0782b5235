import "server-only";
// Reads of phone numbers: the catalogue's available numbers (the buy page, GetNewPhoneNumbers),
// the account's own numbers (/numbers, GetPhoneNumbers), its reservations and blocked numbers,
// and its PSTN blacklist. Every read of account data is scoped by the actor's account; another
// account's number reads as not found. Lists are paged over indexed columns.
import { db, type Tx } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import type { Clock } from "@/lib/core/clock";
import { systemClock } from "@/lib/core/clock";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { toBool, toDate, toDateOrNull, toInt, toNumber } from "@/lib/core/raw-values";
import { ignoreCase } from "@/lib/core/search";
import { can } from "@/lib/access/matrix";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { accountBalanceMinor } from "@/lib/domains/billing/queries";
import { allRegions, COUNTRIES, countryByCode, regionById, type CatalogueCountry, type CatalogueRegion } from "./catalogue";
import {
  ZListAccountNumbersInput,
  ZNumberPattern,
  ZNumberRef,
  ZSearchAvailableInput,
  type AccountNumberSort,
  type ListAccountNumbersInput,
  type NumberRef,
  type NumberStatus,
  type SearchAvailableInput,
} from "./schemas";

export const phoneNumberNotFound = (field = "numberId") =>
  new AppError("NOT_FOUND", { message: "Phone number not found", field, reason: "phone_number_not_found" });

/** A held number's own columns (ACCOUNT_NUMBER_SELECT without its application's and rule's names). */
const ACCOUNT_NUMBER_COLUMNS = {
  id: true,
  number: true,
  countryCode: true,
  regionId: true,
  category: true,
  smsSupported: true,
  smsEnabled: true,
  setupPriceMinor: true,
  monthlyPriceMinor: true,
  status: true,
  purchasedAt: true,
  nextRenewalAt: true,
  autoRenew: true,
  label: true,
  applicationId: true,
  ruleId: true,
  blockedReason: true,
  blockedAt: true,
  releaseAt: true,
  reservedUntil: true,
  incomingSmsCallbackUrl: true,
  updatedAt: true,
} as const satisfies Prisma.PhoneNumberSelect;

export const ACCOUNT_NUMBER_SELECT = {
  ...ACCOUNT_NUMBER_COLUMNS,
  application: { select: { name: true } },
  rule: { select: { name: true } },
} as const satisfies Prisma.PhoneNumberSelect;

type AccountNumberColumns = Prisma.PhoneNumberGetPayload<{ select: typeof ACCOUNT_NUMBER_COLUMNS }>;

type AccountNumberRow = Prisma.PhoneNumberGetPayload<{ select: typeof ACCOUNT_NUMBER_SELECT }>;

/** One of the account's numbers. Prices in minor units of the catalogue's currency; dates UTC. */
export type AccountNumberDto = Omit<AccountNumberRow, "application" | "rule" | "status"> & {
  status: NumberStatus;
  applicationName: string | null;
  /** The rule of its application that answers its calls; null: the first rule whose pattern matches. */
  ruleName: string | null;
  regionName: string;
  countryName: string;
};

// Fields listed one by one, not `{ ...row, more }`: on Node 20's V8 a spread followed by further
// properties takes a slow path, about 10 µs a row for rows this wide (issue 11's profile of GetPhoneNumbers).
export function toAccountNumberDto(row: AccountNumberRow): AccountNumberDto {
  return numberDto(row, row.application?.name ?? null, row.rule?.name ?? null);
}

function numberDto(row: AccountNumberColumns, applicationName: string | null, ruleName: string | null): AccountNumberDto {
  const where = regionById(row.regionId);
  return {
    id: row.id,
    number: row.number,
    countryCode: row.countryCode,
    regionId: row.regionId,
    category: row.category,
    smsSupported: row.smsSupported,
    smsEnabled: row.smsEnabled,
    setupPriceMinor: row.setupPriceMinor,
    monthlyPriceMinor: row.monthlyPriceMinor,
    status: row.status as NumberStatus,
    purchasedAt: row.purchasedAt,
    nextRenewalAt: row.nextRenewalAt,
    autoRenew: row.autoRenew,
    label: row.label,
    applicationId: row.applicationId,
    ruleId: row.ruleId,
    blockedReason: row.blockedReason,
    blockedAt: row.blockedAt,
    releaseAt: row.releaseAt,
    reservedUntil: row.reservedUntil,
    incomingSmsCallbackUrl: row.incomingSmsCallbackUrl,
    updatedAt: row.updatedAt,
    applicationName,
    ruleName,
    regionName: where?.region.name ?? "",
    countryName: where?.country.name ?? row.countryCode,
  };
}

type NameRow = { kind: "a" | "r"; id: number | bigint; name: string };

/**
 * `rows` as DTOs with their application's and rule's names, read in ONE raw statement (both
 * tables by id, a UNION ALL) where ACCOUNT_NUMBER_SELECT's nested selects make Prisma run a
 * query per relation at 0.2-0.4 ms of its JS engine each (issue 11: GetPhoneNumbers).
 * Applications and rules are matched within the account. Unchecked: callers authorize.
 */
async function withNames(accountId: number, rows: readonly AccountNumberColumns[]): Promise<AccountNumberDto[]> {
  const appIds = [...new Set(rows.flatMap((r) => (r.applicationId === null ? [] : [r.applicationId])))];
  const ruleIds = [...new Set(rows.flatMap((r) => (r.ruleId === null ? [] : [r.ruleId])))];
  const parts = [
    ...(appIds.length ? [Prisma.sql`SELECT 'a' AS "kind", "id", "name" FROM "Application" WHERE "accountId" = ${accountId} AND "id" IN (${Prisma.join(appIds)})`] : []),
    ...(ruleIds.length ? [Prisma.sql`SELECT 'r' AS "kind", "id", "name" FROM "Rule" WHERE "accountId" = ${accountId} AND "id" IN (${Prisma.join(ruleIds)})`] : []),
  ];
  const names = { a: new Map<number, string>(), r: new Map<number, string>() };
  if (parts.length) {
    for (const n of await db.$queryRaw<NameRow[]>(Prisma.join(parts, " UNION ALL "))) names[n.kind].set(toNumber(n.id), n.name);
  }
  return rows.map((r) =>
    numberDto(r, r.applicationId === null ? null : (names.a.get(r.applicationId) ?? null), r.ruleId === null ? null : (names.r.get(r.ruleId) ?? null)),
  );
}

/** A number the account holds (active or blocked; reserved ones with `reserved`), or NOT_FOUND. */
export async function findOwnNumber(client: Tx | typeof db, actor: Actor, numberId: number, opts: { reserved?: boolean } = {}): Promise<AccountNumberDto> {
  const statuses = opts.reserved ? ["reserved"] : ["active", "blocked"];
  const row = await client.phoneNumber.findFirst({
    where: { id: numberId, accountId: actor.accountId, status: { in: statuses } },
    select: ACCOUNT_NUMBER_SELECT,
  });
  if (!row) throw phoneNumberNotFound();
  return toAccountNumberDto(row);
}

/** A catalogue number anyone may reserve or buy now: available, or held by a reservation that ran out. */
export function availableWhere(now: Date): Prisma.PhoneNumberWhereInput {
  return { OR: [{ status: "available" }, { status: "reserved", reservedUntil: { lte: now } }] };
}

export type AvailableNumberDto = {
  id: number;
  number: string;
  countryCode: string;
  regionId: number;
  regionName: string;
  category: string;
  smsSupported: boolean;
  setupPriceMinor: number;
  monthlyPriceMinor: number;
  verificationRequired: boolean;
};

/** The buy page and GetNewPhoneNumbers: available numbers of a country, filtered, by number. */
export async function searchAvailableNumbers(actor: Actor, input: SearchAvailableInput, clock: Clock = systemClock): Promise<{ items: AvailableNumberDto[]; total: number }> {
  authorize(actor, { section: "numbers.available", method: "GetNewPhoneNumbers" });
  const p = parseInput(ZSearchAvailableInput, input);
  const country = countryByCode(p.countryCode);
  if (!country) return { items: [], total: 0 };
  const regionIds = country.regions
    .filter((r) => (p.regionId === undefined || r.id === p.regionId) && (p.category === undefined || r.category === p.category) && (!p.state || r.state === p.state))
    .map((r) => r.id);
  if (regionIds.length === 0) return { items: [], total: 0 };
  const where: Prisma.PhoneNumberWhereInput = {
    AND: [availableWhere(clock()), { countryCode: country.code, regionId: { in: regionIds } }, ...(p.digits ? [{ number: ignoreCase({ contains: p.digits }) }] : [])],
  };
  const [rows, total] = await Promise.all([
    db.phoneNumber.findMany({
      where,
      select: { id: true, number: true, countryCode: true, regionId: true, category: true, smsSupported: true, setupPriceMinor: true, monthlyPriceMinor: true },
      orderBy: { number: "asc" },
      skip: p.offset,
      take: p.count,
    }),
    db.phoneNumber.count({ where }),
  ]);
  return {
    // Listed field by field, as in toAccountNumberDto.
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      countryCode: r.countryCode,
      regionId: r.regionId,
      category: r.category,
      smsSupported: r.smsSupported,
      setupPriceMinor: r.setupPriceMinor,
      monthlyPriceMinor: r.monthlyPriceMinor,
      regionName: regionById(r.regionId)?.region.name ?? "",
      verificationRequired: country.verificationRequired,
    })),
    total,
  };
}

/** GetPhoneNumberCategories and the buy page's country picker: the catalogue's countries. */
export function catalogueCountries(actor: Actor): readonly CatalogueCountry[] {
  authorize(actor, { section: "numbers.available", method: "GetPhoneNumberCategories" });
  return COUNTRIES;
}

export type CatalogueRegionDto = CatalogueRegion & { countryCode: string; available: number };

/**
 * The catalogue's regions (GetPhoneNumberRegions, the buy page's filters), with how many numbers
 * each still has available. Countries and categories are pure catalogue data (catalogue.ts).
 */
export async function catalogueRegions(actor: Actor, filter: { countryCode?: string; category?: string; state?: string } = {}, clock: Clock = systemClock): Promise<CatalogueRegionDto[]> {
  authorize(actor, { section: "numbers.available", method: "GetPhoneNumberRegions" });
  const regions = allRegions().filter(
    ({ country, region }) =>
      (!filter.countryCode || country.code === filter.countryCode.toUpperCase()) &&
      (!filter.category || region.category === filter.category) &&
      (!filter.state || region.state === filter.state),
  );
  if (regions.length === 0) return [];
  const counts = await db.phoneNumber.groupBy({
    by: ["regionId"],
    where: { AND: [availableWhere(clock()), { regionId: { in: regions.map((r) => r.region.id) } }] },
    _count: { _all: true },
  });
  const available = new Map(counts.map((c) => [c.regionId, c._count._all]));
  return regions.map(({ country, region }) => ({ ...region, countryCode: country.code, available: available.get(region.id) ?? 0 }));
}

/** Whether the account is verified: numbers of countries that require it are sold only then. */
export async function isAccountVerified(client: Tx | typeof db, accountId: number): Promise<boolean> {
  const v = await client.accountVerification.findUnique({ where: { accountId }, select: { status: true } });
  return v?.status === "verified";
}

type AccountNumbersFilter = ReturnType<typeof ZListAccountNumbersInput.parse>;

/** The where of the account's active and blocked numbers under a /numbers or GetPhoneNumbers filter. */
function accountNumbersWhere(actor: Actor, p: AccountNumbersFilter): Prisma.PhoneNumberWhereInput {
  return {
    accountId: actor.accountId,
    status: { in: p.statuses ?? ["active", "blocked"] },
    ...(p.ids ? { id: { in: p.ids } } : {}),
    ...(p.numbers ? { number: { in: p.numbers } } : {}),
    ...(p.digits ? { AND: [{ number: ignoreCase({ contains: p.digits }) }] } : {}),
    ...(p.applicationId !== undefined ? { applicationId: p.applicationId } : {}),
    ...(p.attached === true ? { NOT: { applicationId: null } } : p.attached === false ? { applicationId: null } : {}),
    ...(p.countryCodes ? { countryCode: { in: p.countryCodes } } : {}),
    ...(p.category ? { category: p.category } : {}),
    ...(p.smsSupported !== undefined ? { smsSupported: p.smsSupported } : {}),
    ...(p.smsEnabled !== undefined ? { smsEnabled: p.smsEnabled } : {}),
    ...(p.autoRenew !== undefined ? { autoRenew: p.autoRenew } : {}),
  };
}

/**
 * How many numbers the account holds (status active or blocked): Account.numberCount, which
 * database triggers on PhoneNumber keep (migration held_number_count_routine_audit), so no table
 * count. The dashboard's checklist and /numbers' totals. Unchecked: callers authorize.
 */
export async function heldNumberCount(client: Tx | typeof db, accountId: number): Promise<number> {
  const row = await client.account.findUnique({ where: { id: accountId }, select: { numberCount: true } });
  return row?.numberCount ?? 0;
}

/** /numbers' empty state under a filter: how many numbers the account holds at all (numbers.list). */
export async function countHeldNumbers(actor: Actor): Promise<number> {
  authorize(actor, { section: "numbers.list", method: "GetPhoneNumbers" });
  return heldNumberCount(db, actor.accountId);
}

const NOT_NARROWING = new Set<string>(["orderBy", "dir", "offset", "count", "statuses"]);

/** Whether a parsed filter selects every held number (paging and sort aside); a filter added later narrows. */
function everyHeldNumber(p: AccountNumbersFilter): boolean {
  return Object.entries(p).every(([key, v]) => NOT_NARROWING.has(key) || v === undefined) && (!p.statuses || new Set(p.statuses).size === 2);
}

/**
 * /numbers and GetPhoneNumbers: the account's active and blocked numbers, filtered, sorted, paged.
 * Unfiltered, the total is the account's held-number counter rather than a count of its rows.
 */
export async function listAccountNumbers(actor: Actor, input: ListAccountNumbersInput = {}): Promise<{ items: AccountNumberDto[]; total: number }> {
  authorize(actor, { section: "numbers.list", method: "GetPhoneNumbers" });
  const p = parseInput(ZListAccountNumbersInput, input);
  if (everyHeldNumber(p)) return everyHeldPage(actor.accountId, p.orderBy, p.dir, p.offset, p.count);
  const where = accountNumbersWhere(actor, p);
  // Every sort reads an index of (accountId, column, tie): countries tie by number, the rest by id.
  const orderBy: Prisma.PhoneNumberOrderByWithRelationInput[] =
    p.orderBy === "id" ? [{ id: p.dir }] : [{ [p.orderBy]: p.dir }, p.orderBy === "countryCode" ? { number: p.dir } : { id: p.dir }];
  const [rows, total] = await Promise.all([
    db.phoneNumber.findMany({ where, select: ACCOUNT_NUMBER_COLUMNS, orderBy, skip: p.offset, take: p.count }),
    db.phoneNumber.count({ where }),
  ]);
  return { items: await withNames(actor.accountId, rows), total };
}

type RawNumberRow = {
  id: number | bigint;
  number: string;
  countryCode: string;
  regionId: number | bigint;
  category: string;
  smsSupported: boolean | number | bigint;
  smsEnabled: boolean | number | bigint;
  setupPriceMinor: number | bigint;
  monthlyPriceMinor: number | bigint;
  status: string;
  purchasedAt: Date | string | null;
  nextRenewalAt: Date | string | null;
  autoRenew: boolean | number | bigint;
  label: string;
  applicationId: number | bigint | null;
  ruleId: number | bigint | null;
  blockedReason: string | null;
  blockedAt: Date | string | null;
  releaseAt: Date | string | null;
  reservedUntil: Date | string | null;
  incomingSmsCallbackUrl: string;
  updatedAt: Date | string;
  applicationName: string | null;
  ruleName: string | null;
  held: number | bigint | null;
};

const NUMBER_SORT_COLUMNS: Record<AccountNumberSort, Prisma.Sql> = {
  number: Prisma.sql`"number"`,
  countryCode: Prisma.sql`"countryCode"`,
  nextRenewalAt: Prisma.sql`"nextRenewalAt"`,
  purchasedAt: Prisma.sql`"purchasedAt"`,
  monthlyPriceMinor: Prisma.sql`"monthlyPriceMinor"`,
  id: Prisma.sql`"id"`,
};

/**
 * One page of every number the account holds (active or blocked), sorted as listAccountNumbers
 * sorts, with each number's application and rule names and the held-number counter, in ONE raw
 * statement (LEFT JOINs within the account; the counter as a column): the page listAccountNumbers'
 * findMany and withNames read in two (issue 11: GetPhoneNumbers). A page past the end has no row
 * to carry the counter, so it is read alone. Unchecked: callers authorize.
 */
export async function everyHeldPage(accountId: number, orderBy: AccountNumberSort, dir: "asc" | "desc", skip: number, take: number): Promise<{ items: AccountNumberDto[]; total: number }> {
  const order = dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // Every sort reads an index of (accountId, column, tie): countries tie by number, the rest by id.
  // The page is cut first and joined after: joined before the sort, every held number's
  // application would be looked up (100 ms at 100,000 numbers).
  const sort =
    orderBy === "id"
      ? Prisma.sql`"id" ${order}`
      : Prisma.sql`${NUMBER_SORT_COLUMNS[orderBy]} ${order}, ${orderBy === "countryCode" ? Prisma.sql`"number"` : Prisma.sql`"id"`} ${order}`;
  const raw = await db.$queryRaw<RawNumberRow[]>`
    SELECT p.*, a."name" AS "applicationName", r."name" AS "ruleName",
           (SELECT c."numberCount" FROM "Account" c WHERE c."id" = ${accountId}) AS "held"
      FROM (SELECT "id", "number", "countryCode", "regionId", "category", "smsSupported", "smsEnabled", "setupPriceMinor",
                   "monthlyPriceMinor", "status", "purchasedAt", "nextRenewalAt", "autoRenew", "label", "applicationId", "ruleId",
                   "blockedReason", "blockedAt", "releaseAt", "reservedUntil", "incomingSmsCallbackUrl", "updatedAt"
              FROM "PhoneNumber"
             WHERE "accountId" = ${accountId} AND "status" IN ('active', 'blocked')
             ORDER BY ${sort} LIMIT ${take} OFFSET ${skip}) p
      LEFT JOIN "Application" a ON a."id" = p."applicationId" AND a."accountId" = ${accountId}
      LEFT JOIN "Rule" r ON r."id" = p."ruleId" AND r."accountId" = ${accountId}
     ORDER BY ${sort}`;
  const items = raw.map((r) =>
    numberDto(
      {
        id: toNumber(r.id),
        number: r.number,
        countryCode: r.countryCode,
        regionId: toNumber(r.regionId),
        category: r.category,
        smsSupported: toBool(r.smsSupported),
        smsEnabled: toBool(r.smsEnabled),
        setupPriceMinor: toNumber(r.setupPriceMinor),
        monthlyPriceMinor: toNumber(r.monthlyPriceMinor),
        status: r.status,
        purchasedAt: toDateOrNull(r.purchasedAt),
        nextRenewalAt: toDateOrNull(r.nextRenewalAt),
        autoRenew: toBool(r.autoRenew),
        label: r.label,
        applicationId: toInt(r.applicationId),
        ruleId: toInt(r.ruleId),
        blockedReason: r.blockedReason,
        blockedAt: toDateOrNull(r.blockedAt),
        releaseAt: toDateOrNull(r.releaseAt),
        reservedUntil: toDateOrNull(r.reservedUntil),
        incomingSmsCallbackUrl: r.incomingSmsCallbackUrl,
        updatedAt: toDate(r.updatedAt),
      },
      r.applicationName,
      r.ruleName,
    ),
  );
  const held = raw[0]?.held;
  return { items, total: held === undefined || held === null ? await heldNumberCount(db, accountId) : toNumber(held) };
}

/**
 * /numbers' CSV export: every number of the account matching the list's filter (its paging and
 * sort aside), by id, read 500 at a time (keyset on id), so an export of 100,000 numbers never
 * holds them all. numbers.list, like the list.
 */
export async function* exportAccountNumbers(actor: Actor, input: ListAccountNumbersInput = {}): AsyncGenerator<AccountNumberDto> {
  authorize(actor, { section: "numbers.list", method: "GetPhoneNumbers" });
  const where = accountNumbersWhere(actor, parseInput(ZListAccountNumbersInput, input));
  let after = 0;
  for (;;) {
    const rows = await db.phoneNumber.findMany({ where: { AND: [where, { id: { gt: after } }] }, select: ACCOUNT_NUMBER_COLUMNS, orderBy: { id: "asc" }, take: 500 });
    yield* await withNames(actor.accountId, rows);
    if (rows.length < 500) return;
    after = rows.at(-1)!.id;
  }
}

export type ApplicationOption = { id: number; name: string };

/**
 * /numbers' application filter (numbers.list): the applications the account's numbers are
 * attached to, by name. Only names the list itself already shows, so a principal without the
 * Applications section learns nothing more.
 */
export async function applicationsWithNumbers(actor: Actor): Promise<ApplicationOption[]> {
  authorize(actor, { section: "numbers.list" });
  return db.application.findMany({
    where: { accountId: actor.accountId, phoneNumbers: { some: { accountId: actor.accountId, status: { in: ["active", "blocked"] } } } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** How many applications the attach pickers offer (by name); ours. */
export const ATTACH_TARGETS_MAX = 500;

/**
 * The applications a number can be attached to (numbers.attach), by name, at most
 * ATTACH_TARGETS_MAX. Attaching means choosing one, so holding numbers.attach reveals the
 * account's application names and ids even without the Applications section
 * (PhoneNumberManager's case: the seed grants it attaching, not the applications list).
 */
export async function attachTargets(actor: Actor): Promise<ApplicationOption[]> {
  authorize(actor, { section: "numbers.attach" });
  return db.application.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: ATTACH_TARGETS_MAX });
}

/** The sorts of an application's Numbers tab. */
export const APPLICATION_NUMBER_SORTS = ["number", "nextRenewalAt"] as const;

/**
 * An application's Numbers tab (application.phone_numbers): the account's numbers attached to
 * it, digits filter, sorted, paged. NOT_FOUND for an application of another account. Not
 * numbers.list: Support sees the tab without the account's numbers list.
 */
export async function listApplicationNumbers(
  actor: Actor,
  input: { applicationId: number; digits?: string; orderBy?: (typeof APPLICATION_NUMBER_SORTS)[number]; dir?: "asc" | "desc"; offset?: number; count?: number },
): Promise<{ items: AccountNumberDto[]; total: number }> {
  authorize(actor, { section: "application.phone_numbers" });
  const app = await findOwnApplication(db, actor, input.applicationId);
  const contains = input.digits ? parseInput(ZNumberPattern, input.digits) : "";
  const where: Prisma.PhoneNumberWhereInput = {
    accountId: actor.accountId,
    applicationId: app.id,
    status: { in: ["active", "blocked"] },
    ...(contains ? { number: ignoreCase({ contains }) } : {}),
  };
  const dir = input.dir ?? "asc";
  const [rows, total] = await Promise.all([
    db.phoneNumber.findMany({ where, select: ACCOUNT_NUMBER_SELECT, orderBy: [{ [input.orderBy ?? "number"]: dir }, { id: dir }], skip: input.offset ?? 0, take: Math.min(input.count ?? 20, 100) }),
    db.phoneNumber.count({ where }),
  ]);
  return { items: rows.map(toAccountNumberDto), total };
}

/** How many numbers the Attach numbers picker lists at once (narrowed by digits). */
export const ATTACHABLE_NUMBERS_MAX = 50;

/**
 * The Attach numbers picker of an application's Numbers tab (numbers.attach): the account's
 * active numbers attached to no application, by number, narrowed by digits, at most
 * ATTACHABLE_NUMBERS_MAX, with how many match in all.
 */
export async function attachableNumbers(actor: Actor, input: { digits?: string } = {}): Promise<{ items: AccountNumberDto[]; total: number }> {
  authorize(actor, { section: "numbers.attach" });
  const contains = input.digits ? parseInput(ZNumberPattern, input.digits) : "";
  const where: Prisma.PhoneNumberWhereInput = { accountId: actor.accountId, status: "active", applicationId: null, ...(contains ? { number: ignoreCase({ contains }) } : {}) };
  const [rows, total] = await Promise.all([
    db.phoneNumber.findMany({ where, select: ACCOUNT_NUMBER_SELECT, orderBy: [{ number: "asc" }], take: ATTACHABLE_NUMBERS_MAX }),
    db.phoneNumber.count({ where }),
  ]);
  return { items: rows.map(toAccountNumberDto), total };
}

/**
 * What a page that charges for numbers needs to say before it charges (the buy page, Reserved
 * and Restore on Blocked; `section` is the page's): the account's currency, whether it is
 * verified (numbers of verification-required countries are sold only then), and its funds, the
 * balance and the credit limit in minor units, only for principals that hold Billing
 * (docs/SECURITY.md: no balance without it; the others are told the total and the server's
 * answer).
 */
export async function numberMoneyContext(
  actor: Actor,
  section: "numbers.available" | "numbers.reserved" | "numbers.blocked" | "numbers.list" | "numbers.parameters" | "application.phone_numbers",
): Promise<{ currency: string; verified: boolean; funds: { balanceMinor: number; creditLimitMinor: number } | null }> {
  authorize(actor, { section });
  const [account, verified] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { currency: true, creditLimitMinor: true } }),
    isAccountVerified(db, actor.accountId),
  ]);
  const funds = can(actor, "billing") ? { balanceMinor: await accountBalanceMinor(actor.accountId), creditLimitMinor: account.creditLimitMinor } : null;
  return { currency: account.currency, verified, funds };
}

/** A number's settings page (numbers.parameters). */
export async function getAccountNumber(actor: Actor, input: NumberRef): Promise<AccountNumberDto> {
  authorize(actor, { section: "numbers.parameters", method: "SetPhoneNumberInfo" });
  const { numberId } = parseInput(ZNumberRef, input);
  return findOwnNumber(db, actor, numberId);
}

/**
 * The rules a number's calls can be routed by (its settings page, numbers.parameters): the rules
 * of `applicationId`, in their order, by id and name only (choosing one needs no rules section).
 */
export async function numberRuleChoices(actor: Actor, applicationId: number): Promise<{ id: number; name: string }[]> {
  authorize(actor, { section: "numbers.parameters" });
  return db.rule.findMany({ where: { accountId: actor.accountId, applicationId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}

/** IsAccountPhoneNumber: whether an E.164 number is one of the account's (active or blocked). */
export async function isAccountNumber(actor: Actor, e164: string): Promise<boolean> {
  authorize(actor, { section: "numbers.list", method: "IsAccountPhoneNumber" });
  const n = await db.phoneNumber.count({ where: { number: e164.trim(), accountId: actor.accountId, status: { in: ["active", "blocked"] } } });
  return n > 0;
}

/**
 * GetAccountPhoneNumberCountries and /numbers' country filter: the catalogue country codes the
 * account holds active or blocked numbers in (within applications, when given), A to Z. Without
 * applications, one EXISTS probe per catalogue country on the (accountId, countryCode, number,
 * status) index: a grouping read every number of the account (100,000 on the bench's /numbers).
 */
export async function accountNumberCountries(actor: Actor, applicationIds?: number[]): Promise<string[]> {
  authorize(actor, { section: "numbers.list", method: "GetAccountPhoneNumberCountries" });
  if (applicationIds) {
    const rows = await db.phoneNumber.groupBy({
      by: ["countryCode"],
      where: { accountId: actor.accountId, status: { in: ["active", "blocked"] }, applicationId: { in: applicationIds } },
      orderBy: { countryCode: "asc" },
    });
    return rows.map((r) => r.countryCode);
  }
  const probes = COUNTRIES.map(
    (c) => Prisma.sql`SELECT CAST(${c.code} AS TEXT) AS "code" WHERE EXISTS (SELECT 1 FROM "PhoneNumber" WHERE "accountId" = ${actor.accountId} AND "countryCode" = ${c.code} AND "status" IN ('active', 'blocked'))`,
  );
  const rows = await db.$queryRaw<{ code: string }[]>(Prisma.join(probes, " UNION ALL "));
  return rows.map((r) => r.code).sort();
}

/** /numbers/reserved (numbers.reserved): the account's live reservations, soonest to run out first. */
export async function listReservedNumbers(actor: Actor, clock: Clock = systemClock): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.reserved" });
  const rows = await db.phoneNumber.findMany({
    where: { accountId: actor.accountId, status: "reserved", reservedUntil: { gt: clock() } },
    select: ACCOUNT_NUMBER_SELECT,
    orderBy: [{ reservedUntil: "asc" }, { id: "asc" }],
  });
  return rows.map(toAccountNumberDto);
}

/** /numbers/blocked, first tab (numbers.blocked): numbers blocked for unpaid rent or missing verification. */
export async function listBlockedNumbers(actor: Actor): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.blocked" });
  const rows = await db.phoneNumber.findMany({
    where: { accountId: actor.accountId, status: "blocked" },
    select: ACCOUNT_NUMBER_SELECT,
    orderBy: [{ releaseAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toAccountNumberDto);
}

export type BlacklistEntryDto = { id: number; phone: string; isPrefix: boolean; reason: string; createdAt: Date };

export const blacklistEntryNotFound = () =>
  new AppError("NOT_FOUND", { message: "Blacklist entry not found", field: "entryId", reason: "blacklist_entry_not_found" });

/** /numbers/blocked, second tab, and GetPstnBlackList: the account's PSTN blacklist by number. */
export async function listBlacklist(actor: Actor, filter: { entryId?: number; phonePart?: string; offset?: number; count?: number } = {}): Promise<{ items: BlacklistEntryDto[]; total: number }> {
  authorize(actor, { section: "numbers.blocked", method: "GetPstnBlackList" });
  const where: Prisma.PstnBlacklistEntryWhereInput = {
    accountId: actor.accountId,
    ...(filter.entryId ? { id: filter.entryId } : {}),
    ...(filter.phonePart ? { phone: ignoreCase({ contains: filter.phonePart }) } : {}),
  };
  const [items, total] = await Promise.all([
    db.pstnBlacklistEntry.findMany({
      where,
      select: { id: true, phone: true, isPrefix: true, reason: true, createdAt: true },
      orderBy: [{ phone: "asc" }, { id: "asc" }],
      skip: filter.offset ?? 0,
      take: filter.count ?? 1000,
    }),
    db.pstnBlacklistEntry.count({ where }),
  ]);
  return { items, total };
}

/**
 * Whether the account's PSTN blacklist refuses a caller (the call simulator asks this for every
 * inbound call): an entry equal to the caller, or a prefix entry the caller starts with.
 */
export async function blacklistedBy(accountId: number, caller: string): Promise<BlacklistEntryDto | null> {
  const entries = await db.pstnBlacklistEntry.findMany({
    where: { accountId, OR: [{ phone: caller }, { isPrefix: true }] },
    select: { id: true, phone: true, isPrefix: true, reason: true, createdAt: true },
  });
  return entries.find((e) => e.phone === caller || (e.isPrefix && caller.startsWith(e.phone))) ?? null;
}

/** A country of the catalogue, or NOT_FOUND naming the field. */
export function catalogueCountry(code: string, field = "countryCode"): CatalogueCountry {
  const country = countryByCode(code);
  if (!country) throw new AppError("NOT_FOUND", { message: `No numbers are sold in '${code.slice(0, 8)}'`, field });
  return country;
}
