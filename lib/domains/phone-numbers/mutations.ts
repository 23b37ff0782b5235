import "server-only";
// Changes to phone numbers: buy (AttachPhoneNumber), reserve, attach to an application
// (BindPhoneNumberToApplication), release (DeactivatePhoneNumber), settings (SetPhoneNumberInfo),
// the monthly renewal that charges rent or blocks the number, restoring a blocked number by paying,
// and the PSTN blacklist. Each runs in one transaction with its ledger entries and audit rows, so
// a purchase is all or nothing: one number the balance, the verification rule or a competing
// buyer refuses, and none is bought and nothing is charged.
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { assertCan } from "@/lib/access/matrix";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { addMonth, endOfUtcDay } from "@/lib/core/day-range";
import { AppError, conflict, isAppError, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication } from "@/lib/domains/applications/queries";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { findOwnRule, ruleNotFound } from "@/lib/domains/rules/queries";
import { renewSipRegistrations } from "@/lib/domains/sip-registrations/mutations";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { countryByCode } from "./catalogue";
import {
  ACCOUNT_NUMBER_SELECT,
  availableWhere,
  blacklistEntryNotFound,
  findOwnNumber,
  isAccountVerified,
  phoneNumberNotFound,
  toAccountNumberDto,
  type AccountNumberDto,
  type BlacklistEntryDto,
} from "./queries";
import {
  BLOCKED_GRACE_DAYS,
  RESERVATION_DAYS,
  ZAttachNumbersInput,
  ZBlacklistEntryInput,
  ZBuyNumbersInput,
  ZNumberIdsInput,
  ZNumberRef,
  ZNumberSettingsInput,
  ZReserveNumbersInput,
  ZUpdateBlacklistEntryInput,
  type AttachNumbersInput,
  type BlacklistEntryInput,
  type BuyNumbersInput,
  type NumberIdsInput,
  type NumberRef,
  type NumberSettingsInput,
  type ReserveNumbersInput,
  type UpdateBlacklistEntryInput,
} from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;


/** The columns that make a number the account's, cleared when it goes back to the catalogue. */
const RELEASED = {
  status: "available",
  accountId: null,
  reservedUntil: null,
  purchasedAt: null,
  nextRenewalAt: null,
  autoRenew: true,
  smsEnabled: false,
  label: "",
  applicationId: null,
  ruleId: null,
  blockedReason: null,
  blockedAt: null,
  releaseAt: null,
  incomingSmsCallbackUrl: "",
} as const;

const unavailable = (number: string) =>
  new AppError("CONFLICT", { message: `${number} is no longer available`, field: "numberIds", reason: "phone_number_unavailable" });

/** Panel actors need numbers.all_actions to act on several numbers at once (docs/PRODUCT.md section 9). */
function assertBulk(actor: Actor, count: number) {
  if (count > 1 && actor.kind !== "key") assertCan(actor, "numbers.all_actions");
}

type Candidate = { id: number; number: string; countryCode: string; setupPriceMinor: number; monthlyPriceMinor: number };
const CANDIDATE_SELECT = { id: true, number: true, countryCode: true, setupPriceMinor: true, monthlyPriceMinor: true } as const;

/** The numbers a purchase names, each available to this account (free, its own reservation, or a lapsed one). */
async function purchaseCandidates(tx: Tx, actor: Actor, data: ReturnType<typeof ZBuyNumbersInput.parse>, now: Date): Promise<Candidate[]> {
  if ("regionId" in data) {
    const rows = await tx.phoneNumber.findMany({ where: { AND: [availableWhere(now), { regionId: data.regionId }] }, select: CANDIDATE_SELECT, orderBy: { number: "asc" }, take: data.count });
    if (rows.length < data.count) {
      throw new AppError("CONFLICT", { message: `Only ${rows.length} numbers of this region are available`, field: "count", reason: "phone_number_unavailable" });
    }
    return rows;
  }
  const byId = "numberIds" in data;
  const keys: (number | string)[] = [...new Set<number | string>(byId ? data.numberIds : data.numbers)];
  const rows = await tx.phoneNumber.findMany({ where: byId ? { id: { in: keys as number[] } } : { number: { in: keys as string[] } }, select: { ...CANDIDATE_SELECT, status: true, accountId: true, reservedUntil: true } });
  const found = new Map(rows.map((r) => [byId ? r.id : r.number, r]));
  return keys.map((k) => {
    const r = found.get(k);
    if (!r) throw phoneNumberNotFound(byId ? "numberIds" : "numbers");
    const free = r.status === "available" || (r.status === "reserved" && (r.accountId === actor.accountId || (r.reservedUntil !== null && r.reservedUntil <= now)));
    if (!free) throw unavailable(r.number);
    return r;
  });
}

/**
 * AttachPhoneNumber / the buy page: buys every named number or none. Each number costs its setup
 * fee plus its first month's rent, charged as one ledger entry per number; verification-required
 * countries need a verified account (FORBIDDEN-like CONFLICT "verification_required"); a number
 * taken meanwhile fails the whole purchase ("phone_number_unavailable").
 */
export async function buyNumbers(actor: Actor, input: BuyNumbersInput, clock: Clock = systemClock): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.purchase", method: "AttachPhoneNumber" });
  const data = parseInput(ZBuyNumbersInput, input);
  return db.$transaction(async (tx) => {
    const now = clock();
    const candidates = await purchaseCandidates(tx, actor, data, now);
    const needsVerification = candidates.filter((c) => countryByCode(c.countryCode)?.verificationRequired);
    if (needsVerification.length > 0 && !(await isAccountVerified(tx, actor.accountId))) {
      throw new AppError("CONFLICT", {
        message: `Numbers in ${[...new Set(needsVerification.map((c) => countryByCode(c.countryCode)?.name ?? c.countryCode))].join(", ")} can be bought only by a verified account: complete the account verification on the Billing page first.`,
        field: "numberIds",
        reason: "verification_required",
      });
    }
    for (const c of candidates) {
      // Conditional on the number still being buyable: of two buyers racing for it, one wins.
      const taken = await tx.phoneNumber.updateMany({
        where: { id: c.id, OR: [availableWhere(now), { status: "reserved", accountId: actor.accountId }] },
        data: { ...RELEASED, status: "active", accountId: actor.accountId, purchasedAt: now, nextRenewalAt: addMonth(now) },
      });
      if (taken.count !== 1) throw unavailable(c.number);
      const price = c.setupPriceMinor + c.monthlyPriceMinor;
      if (price > 0) {
        await postLedgerEntry(
          tx,
          { accountId: actor.accountId, amountMinor: -price, kind: "number_purchase", memo: `${c.number}: setup fee and first month's rent`, reference: { type: "phone_number", id: c.id } },
          clock,
        );
      }
      await audit(tx, actor, { action: "number.buy", targetType: "phone_number", targetId: c.id, detail: { number: c.number, chargedMinor: price } });
    }
    const rows = await tx.phoneNumber.findMany({ where: { id: { in: candidates.map((c) => c.id) }, accountId: actor.accountId }, select: ACCOUNT_NUMBER_SELECT, orderBy: { number: "asc" } });
    return rows.map(toAccountNumberDto);
  });
}

/** Reserve from the buy page (numbers.reserved, PhoneNumberManager's): held for RESERVATION_DAYS, free of charge. All or nothing. */
export async function reserveNumbers(actor: Actor, input: ReserveNumbersInput, clock: Clock = systemClock): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.reserved" });
  const { numberIds } = parseInput(ZReserveNumbersInput, input);
  return db.$transaction(async (tx) => {
    const now = clock();
    const until = new Date(now.getTime() + RESERVATION_DAYS * DAY_MS);
    for (const id of new Set(numberIds)) {
      const row = await tx.phoneNumber.findUnique({ where: { id }, select: { number: true } });
      if (!row) throw phoneNumberNotFound("numberIds");
      const held = await tx.phoneNumber.updateMany({ where: { AND: [{ id }, availableWhere(now)] }, data: { ...RELEASED, status: "reserved", accountId: actor.accountId, reservedUntil: until } });
      if (held.count !== 1) throw unavailable(row.number);
      await audit(tx, actor, { action: "number.reserve", targetType: "phone_number", targetId: id, detail: { number: row.number, until: until.toISOString() } });
    }
    const rows = await tx.phoneNumber.findMany({ where: { id: { in: numberIds }, accountId: actor.accountId }, select: ACCOUNT_NUMBER_SELECT, orderBy: { number: "asc" } });
    return rows.map(toAccountNumberDto);
  });
}

/** Let a reservation go: the number is available to everyone again. */
export async function releaseReservation(actor: Actor, input: NumberRef): Promise<void> {
  authorize(actor, { section: "numbers.reserved" });
  const { numberId } = parseInput(ZNumberRef, input);
  await db.$transaction(async (tx) => {
    const n = await findOwnNumber(tx, actor, numberId, { reserved: true });
    await tx.phoneNumber.updateMany({ where: { id: n.id, accountId: actor.accountId, status: "reserved" }, data: RELEASED });
    await audit(tx, actor, { action: "number.reservation_release", targetType: "phone_number", targetId: n.id, detail: { number: n.number } });
  });
}

/** The application's rule `ruleId`, or NOT_FOUND (rule_not_found): another application's or account's reads as missing. */
async function ruleOfApplication(tx: Tx, actor: Actor, applicationId: number, ruleId: number): Promise<{ id: number; name: string }> {
  const rule = await findOwnRule(tx, actor, ruleId);
  if (rule.applicationId !== applicationId) throw ruleNotFound();
  return rule;
}

/** BindPhoneNumberToApplication / Attach and Detach (numbers.attach; several at once need numbers.all_actions in the panel). */
export async function attachNumbers(actor: Actor, input: AttachNumbersInput): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.attach", method: "BindPhoneNumberToApplication" });
  const { numberIds, applicationId, ruleId } = parseInput(ZAttachNumbersInput, input);
  assertBulk(actor, new Set(numberIds).size);
  return db.$transaction(async (tx) => {
    const app = applicationId === null ? null : await findOwnApplication(tx, actor, applicationId);
    if (!app && ruleId) throw new AppError("INVALID_INPUT", { message: "A detached number has no rule: choose an application for the rule", field: "ruleId" });
    const rule = app && ruleId ? await ruleOfApplication(tx, actor, app.id, ruleId) : null;
    const out: AccountNumberDto[] = [];
    for (const id of new Set(numberIds)) {
      const before = await findOwnNumber(tx, actor, id);
      const keepsRule = ruleId === undefined && app !== null && before.applicationId === app.id;
      await tx.phoneNumber.updateMany({
        where: { id, accountId: actor.accountId },
        data: { applicationId: app?.id ?? null, ...(keepsRule ? {} : { ruleId: rule?.id ?? null }) },
      });
      await audit(tx, actor, {
        action: app ? "number.attach" : "number.detach",
        targetType: "phone_number",
        targetId: id,
        detail: { number: before.number, ...(app ? { application: app.name, ...(rule ? { rule: rule.name } : {}) } : { from: before.applicationName }) },
      });
      out.push(await findOwnNumber(tx, actor, id));
    }
    return out;
  });
}

/** DeactivatePhoneNumber / Release: the number goes back to the catalogue at once, without refund. */
export async function deactivateNumbers(actor: Actor, input: NumberIdsInput): Promise<void> {
  authorize(actor, { section: "numbers.deactivate", method: "DeactivatePhoneNumber" });
  const { numberIds } = parseInput(ZNumberIdsInput, input);
  assertBulk(actor, new Set(numberIds).size);
  await db.$transaction(async (tx) => {
    for (const id of new Set(numberIds)) {
      const n = await findOwnNumber(tx, actor, id);
      await tx.phoneNumber.updateMany({ where: { id, accountId: actor.accountId }, data: RELEASED });
      await audit(tx, actor, { action: "number.release", targetType: "phone_number", targetId: id, detail: { number: n.number } });
    }
  });
}

/**
 * A number's settings (numbers.parameters) and SetPhoneNumberInfo: label, auto-renew, SMS on or
 * off (only where the number supports SMS), the inbound SMS callback URL, the rule of its
 * application that answers its calls (PRODUCT.md: number → rule → scenario). Several at once need
 * numbers.all_actions in the panel (the bulk "enable SMS").
 */
export async function updateNumberSettings(actor: Actor, input: NumberSettingsInput): Promise<AccountNumberDto[]> {
  authorize(actor, { section: "numbers.parameters", method: "SetPhoneNumberInfo" });
  const { numberIds, ...changes } = parseInput(ZNumberSettingsInput, input);
  assertBulk(actor, new Set(numberIds).size);
  return db.$transaction(async (tx) => {
    const out: AccountNumberDto[] = [];
    for (const id of new Set(numberIds)) {
      const before = await findOwnNumber(tx, actor, id);
      if (changes.smsEnabled && !before.smsSupported) {
        throw new AppError("INVALID_INPUT", { message: `${before.number} does not support SMS`, field: "smsEnabled" });
      }
      if (changes.ruleId) {
        if (before.applicationId === null) throw new AppError("INVALID_INPUT", { message: `${before.number} is not attached to an application: attach it first, then choose one of its rules`, field: "ruleId" });
        await ruleOfApplication(tx, actor, before.applicationId, changes.ruleId);
      }
      await tx.phoneNumber.updateMany({ where: { id, accountId: actor.accountId }, data: changes });
      await audit(tx, actor, { action: "number.update", targetType: "phone_number", targetId: id, detail: { number: before.number, changes } });
      out.push(await findOwnNumber(tx, actor, id));
    }
    return out;
  });
}

/** Restore a number blocked for unpaid rent (numbers.blocked): pays one month now and starts a new period. */
export async function restoreBlockedNumber(actor: Actor, input: NumberRef, clock: Clock = systemClock): Promise<AccountNumberDto> {
  authorize(actor, { section: "numbers.blocked" });
  const { numberId } = parseInput(ZNumberRef, input);
  return db.$transaction(async (tx) => {
    const n = await findOwnNumber(tx, actor, numberId);
    if (n.status !== "blocked") throw new AppError("CONFLICT", { message: `${n.number} is not blocked`, field: "numberId" });
    if (n.blockedReason === "verification" && !(await isAccountVerified(tx, actor.accountId))) {
      throw new AppError("CONFLICT", { message: `${n.number} is blocked until the account is verified`, field: "numberId", reason: "verification_required" });
    }
    const now = clock();
    await postLedgerEntry(
      tx,
      { accountId: actor.accountId, amountMinor: -n.monthlyPriceMinor, kind: "number_rent", memo: `${n.number}: rent (restored)`, reference: { type: "phone_number", id: n.id } },
      clock,
    );
    await tx.phoneNumber.updateMany({
      where: { id: n.id, accountId: actor.accountId, status: "blocked" },
      data: { status: "active", blockedReason: null, blockedAt: null, releaseAt: null, nextRenewalAt: addMonth(now) },
    });
    await audit(tx, actor, { action: "number.restore", targetType: "phone_number", targetId: n.id, detail: { number: n.number, chargedMinor: n.monthlyPriceMinor } });
    return findOwnNumber(tx, actor, n.id);
  });
}

/** Numbers renewed, blocked and released, lapsed reservations, SIP registrations renewed and deactivated, and everything charged (minor units). */
export type RenewalReport = { renewed: number; blocked: number; released: number; reservationsLapsed: number; sipRenewed: number; sipDeactivated: number; chargedMinor: number };

const SYSTEM = (accountId: number): AuditPrincipal => ({ accountId, actorType: "system", actorId: "billing", actorName: "billing", ip: "" });

/**
 * The billing day, as of clock(): lapsed reservations go back to the catalogue; every active
 * number whose renewal is due pays its month's rent (idempotent per number and period, so a
 * re-run never charges twice) or, when the balance cannot cover it, is blocked for
 * BLOCKED_GRACE_DAYS; a number without auto-renew is released at its renewal date; blocked
 * numbers past their grace period are released. One transaction per number. `accountId` limits
 * the run to one account (the demo's "Run billing day").
 */
export async function runRenewals(clock: Clock = systemClock, opts: { accountId?: number } = {}): Promise<RenewalReport> {
  const now = clock();
  const scope = opts.accountId !== undefined ? { accountId: opts.accountId } : {};
  const report: RenewalReport = { renewed: 0, blocked: 0, released: 0, reservationsLapsed: 0, sipRenewed: 0, sipDeactivated: 0, chargedMinor: 0 };
  const lapsed = await db.phoneNumber.updateMany({ where: { ...scope, status: "reserved", reservedUntil: { lte: now } }, data: RELEASED });
  report.reservationsLapsed = lapsed.count;

  const due = await db.phoneNumber.findMany({
    where: { ...scope, status: "active", nextRenewalAt: { lte: now } },
    select: { id: true, number: true, accountId: true, autoRenew: true, monthlyPriceMinor: true, nextRenewalAt: true },
    orderBy: { nextRenewalAt: "asc" },
  });
  for (const n of due) {
    const accountId = n.accountId!;
    const period = n.nextRenewalAt!;
    await db.$transaction(async (tx) => {
      if (!n.autoRenew) {
        await tx.phoneNumber.updateMany({ where: { id: n.id, accountId, status: "active" }, data: RELEASED });
        await audit(tx, SYSTEM(accountId), { action: "number.release_not_renewed", targetType: "phone_number", targetId: n.id, detail: { number: n.number } });
        report.released += 1;
        return;
      }
      try {
        const entry = await postLedgerEntry(
          tx,
          {
            accountId,
            amountMinor: -n.monthlyPriceMinor,
            kind: "number_rent",
            memo: `${n.number}: rent from ${period.toISOString().slice(0, 10)}`,
            reference: { type: "phone_number", id: n.id },
            idempotencyKey: `rent:${n.id}:${period.toISOString()}`,
          },
          clock,
        );
        await tx.phoneNumber.updateMany({ where: { id: n.id, accountId, status: "active" }, data: { nextRenewalAt: addMonth(period) } });
        if (entry.created) {
          await audit(tx, SYSTEM(accountId), { action: "number.renew", targetType: "phone_number", targetId: n.id, detail: { number: n.number, chargedMinor: n.monthlyPriceMinor } });
          report.chargedMinor += n.monthlyPriceMinor;
        }
        report.renewed += 1;
      } catch (e) {
        if (!isAppError(e) || e.reason !== "insufficient_funds") throw e;
        await blockForUnpaidRent(tx, accountId, n, now);
        report.blocked += 1;
      }
    });
  }

  const expired = await db.phoneNumber.findMany({ where: { ...scope, status: "blocked", releaseAt: { lte: now } }, select: { id: true, number: true, accountId: true } });
  for (const n of expired) {
    await db.$transaction(async (tx) => {
      await tx.phoneNumber.updateMany({ where: { id: n.id, status: "blocked" }, data: RELEASED });
      await audit(tx, SYSTEM(n.accountId!), { action: "number.release_blocked", targetType: "phone_number", targetId: n.id, detail: { number: n.number } });
    });
    report.released += 1;
  }

  const sip = await renewSipRegistrations(clock, opts);
  report.sipRenewed = sip.renewed;
  report.sipDeactivated = sip.deactivated;
  report.chargedMinor += sip.chargedMinor;
  return report;
}

async function blockForUnpaidRent(tx: Tx, accountId: number, n: { id: number; number: string; monthlyPriceMinor: number }, now: Date) {
  const releaseAt = new Date(now.getTime() + BLOCKED_GRACE_DAYS * DAY_MS);
  await tx.phoneNumber.updateMany({ where: { id: n.id, accountId, status: "active" }, data: { status: "blocked", blockedReason: "unpaid", blockedAt: now, releaseAt } });
  await audit(tx, SYSTEM(accountId), { action: "number.block", targetType: "phone_number", targetId: n.id, detail: { number: n.number, reason: "unpaid", rentMinor: n.monthlyPriceMinor, releaseAt: releaseAt.toISOString() } });
  const detail = { number: n.number, numberId: n.id, rentMinor: n.monthlyPriceMinor, releaseAt: releaseAt.toISOString() };
  await raiseAccountNotification(tx, { accountId, kind: "number_blocked", detail, createdAt: now });
}

/**
 * "Run billing day" (the demo's button on Billing): the renewals of the actor's own account as of
 * the end of the next UTC day one of its numbers or SIP registrations falls due (or now, when none
 * is due later), everything due that day in one run, so the effect of
 * a month's rent, and of a balance that cannot pay it, can be seen without waiting a month.
 */
export async function runBillingDay(actor: Actor, clock: Clock = systemClock): Promise<RenewalReport & { asOf: Date }> {
  authorize(actor, { section: "billing" });
  const [next, nextSip] = await Promise.all([
    db.phoneNumber.findFirst({
      where: { accountId: actor.accountId, status: { in: ["active", "blocked"] } },
      select: { nextRenewalAt: true, releaseAt: true, status: true },
      orderBy: [{ nextRenewalAt: "asc" }],
    }),
    db.sipRegistration.findFirst({ where: { accountId: actor.accountId, deactivated: false }, select: { nextRenewalAt: true }, orderBy: { nextRenewalAt: "asc" } }),
  ]);
  const now = clock();
  const dates = [next?.status === "blocked" ? next.releaseAt : next?.nextRenewalAt, nextSip?.nextRenewalAt].filter((d): d is Date => d instanceof Date);
  // The whole UTC day of the next due date: everything falling due that day renews in one run.
  const due = dates.length ? endOfUtcDay(new Date(Math.min(...dates.map((d) => d.getTime())))) : undefined;
  const asOf = due && due > now ? due : now;
  const report = await runRenewals(() => asOf, { accountId: actor.accountId });
  await audit(db, actor, { action: "billing.run_day", targetType: "account", targetId: actor.accountId, detail: { asOf: asOf.toISOString(), ...report } });
  return { ...report, asOf };
}

/**
 * Verification rejected or withdrawn: numbers in countries that require verification are
 * blocked (reason "verification") until the account is verified again and the owner restores
 * them. Called in the verification change's transaction.
 */
export async function blockUnverifiedNumbers(tx: Tx, accountId: number, now: Date): Promise<number> {
  const countries = (await tx.phoneNumber.findMany({ where: { accountId, status: "active" }, select: { countryCode: true }, distinct: ["countryCode"] }))
    .map((r) => r.countryCode)
    .filter((c) => countryByCode(c)?.verificationRequired);
  if (countries.length === 0) return 0;
  const releaseAt = new Date(now.getTime() + 30 * DAY_MS);
  const r = await tx.phoneNumber.updateMany({ where: { accountId, status: "active", countryCode: { in: countries } }, data: { status: "blocked", blockedReason: "verification", blockedAt: now, releaseAt } });
  return r.count;
}

// The PSTN blacklist (numbers.blocked's second tab, AddPstnBlackListItem and friends).

const entryTaken = () => conflict("phone", "This number or prefix is already on the blacklist");

export async function addBlacklistEntry(actor: Actor, input: BlacklistEntryInput): Promise<BlacklistEntryDto> {
  authorize(actor, { section: "numbers.blocked", method: "AddPstnBlackListItem" });
  const data = parseInput(ZBlacklistEntryInput, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.pstnBlacklistEntry.findFirst({ where: { accountId: actor.accountId, phone: data.phone }, select: { id: true } })) throw entryTaken();
      const row = await tx.pstnBlacklistEntry.create({
        data: { accountId: actor.accountId, ...data },
        select: { id: true, phone: true, isPrefix: true, reason: true, createdAt: true },
      });
      await audit(tx, actor, { action: "blacklist.add", targetType: "pstn_blacklist", targetId: row.id, detail: data });
      return row;
    });
  } catch (e) {
    rethrowUnique(e, entryTaken);
  }
}

export async function updateBlacklistEntry(actor: Actor, input: UpdateBlacklistEntryInput): Promise<BlacklistEntryDto> {
  authorize(actor, { section: "numbers.blocked", method: "SetPstnBlackListItem" });
  const { entryId, ...changes } = parseInput(ZUpdateBlacklistEntryInput, input);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.pstnBlacklistEntry.findFirst({ where: { id: entryId, accountId: actor.accountId } });
      if (!before) throw blacklistEntryNotFound();
      if (changes.phone && changes.phone !== before.phone && (await tx.pstnBlacklistEntry.findFirst({ where: { accountId: actor.accountId, phone: changes.phone }, select: { id: true } }))) {
        throw entryTaken();
      }
      await tx.pstnBlacklistEntry.updateMany({ where: { id: entryId, accountId: actor.accountId }, data: changes });
      await audit(tx, actor, { action: "blacklist.update", targetType: "pstn_blacklist", targetId: entryId, detail: { phone: before.phone, changes } });
      return tx.pstnBlacklistEntry.findFirstOrThrow({ where: { id: entryId, accountId: actor.accountId }, select: { id: true, phone: true, isPrefix: true, reason: true, createdAt: true } });
    });
  } catch (e) {
    rethrowUnique(e, entryTaken);
  }
}

export async function deleteBlacklistEntry(actor: Actor, input: { entryId: unknown }): Promise<void> {
  authorize(actor, { section: "numbers.blocked", method: "DelPstnBlackListItem" });
  const { entryId } = parseInput(ZUpdateBlacklistEntryInput.pick({ entryId: true }), input);
  await db.$transaction(async (tx) => {
    const before = await tx.pstnBlacklistEntry.findFirst({ where: { id: entryId, accountId: actor.accountId } });
    if (!before) throw blacklistEntryNotFound();
    await tx.pstnBlacklistEntry.deleteMany({ where: { id: entryId, accountId: actor.accountId } });
    await audit(tx, actor, { action: "blacklist.delete", targetType: "pstn_blacklist", targetId: entryId, detail: { phone: before.phone } });
  });
}
