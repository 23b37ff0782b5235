import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit, type AuditPrincipal } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { addMonth } from "@/lib/core/day-range";
import { AppError, isAppError, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { resolveApplication } from "@/lib/domains/applications/queries";
import { findOwnAppUser } from "@/lib/domains/app-users/queries";
import { postLedgerEntry } from "@/lib/domains/billing/ledger";
import { findOwnRule, findOwnRuleByName, ruleNotFound } from "@/lib/domains/rules/queries";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { MAX_SIP_REGISTRATIONS, SIP_REGISTRATION_MONTHLY_PRICE_MINOR } from "./client-safe";
import { findOwnSipRegistration, SIP_REGISTRATION_SELECT, toSipRegistrationDto, type SipRegistrationDto } from "./queries";
import { register } from "./registrar";
import {
  ZBindSipRegistrationInput,
  ZCreateSipRegistrationInput,
  ZUpdateSipRegistrationInput,
  type BindSipRegistrationInput,
  type CreateSipRegistrationInput,
  type SipBindingInput,
  type UpdateSipRegistrationInput,
} from "./schemas";

// Changes to the account's SIP registrations. Creating, changing and deleting one is the
// account-wide page's (`sip_registrations`); binding one to an application's rule or user is the
// application page's (`application.sip_registrations`), also when Create or Update carries the
// binding. Each change is one transaction with its audit row; creating one charges its first
// month through the ledger in the same transaction (nothing is created when the balance cannot
// pay), and the billing day renews it monthly or deactivates it (renewSipRegistrations).

const taken = (sipUsername: string, proxy: string) =>
  new AppError("CONFLICT", { message: `The account already registers ${sipUsername}@${proxy}`, field: "sipUsername", reason: "sip_registration_taken" });

const needsUser = () =>
  new AppError("INVALID_INPUT", { message: "A non-persistent registration needs the user whose SDK login registers it", field: "userId", reason: "parameter_missing" });

/** Where a registration's calls go, resolved to the actor's own rows. All null: unbound. */
type Binding = { applicationId: number | null; ruleId: number | null; appUserId: number | null; names: { application?: string; rule?: string; user?: string } };
const UNBOUND: Binding = { applicationId: null, ruleId: null, appUserId: null, names: {} };

const bindingGiven = (b: SipBindingInput) => Object.values(b).some((v) => v !== undefined);

/**
 * The API's and the panel's binding fields -> the actor's application and its rule or user.
 * Binding is the application page's right: a caller without it is refused (FORBIDDEN). A rule
 * or user needs its application (parameter_missing); a rule and a user together are refused.
 */
async function resolveBinding(actor: Actor, b: SipBindingInput): Promise<Binding> {
  authorize(actor, { section: "application.sip_registrations", method: "BindSipRegistration" });
  const rule = b.ruleId !== undefined || b.ruleName !== undefined;
  const user = b.userId !== undefined || b.userName !== undefined;
  if (rule && user) throw new AppError("INVALID_INPUT", { message: "Bind to a rule or to a user, not both", field: "ruleId", reason: "exclusive_parameters" });
  const app = await resolveApplication(actor, { applicationId: b.applicationId as number | undefined, applicationName: b.applicationName });
  if (rule) {
    const r = b.ruleId !== undefined ? await findOwnRule(db, actor, b.ruleId as number) : await findOwnRuleByName(db, actor, app.id, b.ruleName!);
    if (r.applicationId !== app.id) throw ruleNotFound();
    return { applicationId: app.id, ruleId: r.id, appUserId: null, names: { application: app.name, rule: r.name } };
  }
  if (user) {
    const u = b.userId !== undefined ? await findOwnAppUser(db, actor, app.id, b.userId as number) : await userByName(actor, app.id, b.userName!);
    return { applicationId: app.id, ruleId: null, appUserId: u.id, names: { application: app.name, user: u.name } };
  }
  return { applicationId: app.id, ruleId: null, appUserId: null, names: { application: app.name } };
}

/** The application's user by name (stored lowercase), or NOT_FOUND naming userName. */
async function userByName(actor: Actor, applicationId: number, name: string): Promise<{ id: number; name: string }> {
  const row = await db.appUser.findFirst({ where: { applicationId, accountId: actor.accountId, name: name.trim().toLowerCase() }, select: { id: true, name: true } });
  if (!row) throw new AppError("NOT_FOUND", { message: `User '${name.trim().slice(0, 50)}' not found`, field: "userName", reason: "user_not_found" });
  return row;
}

/**
 * A user holds one registration at most: before binding it to `registrationId` (or a new one),
 * its other one is unbound (the reference's "automatically unbound"), with its own Logs row
 * naming the registration `taker` that took its place.
 */
async function takeUser(tx: Tx, actor: Actor, binding: Binding, registrationId?: number, taker?: string) {
  if (binding.appUserId === null) return;
  const previous = await tx.sipRegistration.findFirst({
    where: { accountId: actor.accountId, appUserId: binding.appUserId, ...(registrationId !== undefined ? { id: { not: registrationId } } : {}) },
    select: { id: true, sipUsername: true, proxy: true },
  });
  if (!previous) return;
  await tx.sipRegistration.update({ where: { id: previous.id }, data: { applicationId: null, ruleId: null, appUserId: null } });
  await audit(tx, actor, {
    action: "sip_registration.unbind",
    targetType: "sip_registration",
    targetId: previous.id,
    detail: { registrations: [`${previous.sipUsername}@${previous.proxy}`], ...binding.names, ...(taker ? { replacedBy: taker } : {}) },
  });
}

/** The subscription's ledger entry for the month from `period` (idempotent per registration and period). */
function chargeMonth(tx: Tx, accountId: number, r: { id: number; sipUsername: string; proxy: string; monthlyPriceMinor: number }, period: Date, clock: Clock) {
  return postLedgerEntry(
    tx,
    {
      accountId,
      amountMinor: -r.monthlyPriceMinor,
      kind: "sip_registration",
      memo: `SIP registration ${r.sipUsername}@${r.proxy}: the month from ${period.toISOString().slice(0, 10)}`,
      reference: { type: "sip_registration", id: r.id },
      idempotencyKey: `sipreg:${r.id}:${period.toISOString()}`,
    },
    clock,
  );
}

/**
 * CreateSipRegistration / "Create registration" on All SIP registrations: registers
 * `sipUsername` on `proxy` (the simulated registrar answers at once: registrar.ts) and charges
 * the first month (SIP_REGISTRATION_MONTHLY_PRICE_MINOR; insufficient_funds when the balance
 * cannot pay, and nothing is created). A non-persistent one needs a user. Errors: 648 when the
 * account already registers that user on that proxy, 649 at MAX_SIP_REGISTRATIONS.
 */
export async function createSipRegistration(actor: Actor, input: CreateSipRegistrationInput, clock: Clock = systemClock): Promise<SipRegistrationDto> {
  authorize(actor, { section: "sip_registrations", method: "CreateSipRegistration" });
  const { applicationId, applicationName, ruleId, ruleName, userId, userName, ...data } = parseInput(ZCreateSipRegistrationInput, input);
  const b = { applicationId, applicationName, ruleId, ruleName, userId, userName };
  const binding = bindingGiven(b) ? await resolveBinding(actor, b) : UNBOUND;
  if (!data.isPersistent && binding.appUserId === null) throw needsUser();
  const now = clock();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.sipRegistration.findFirst({ where: { accountId: actor.accountId, proxy: data.proxy, sipUsername: data.sipUsername }, select: { id: true } })) throw taken(data.sipUsername, data.proxy);
      if ((await tx.sipRegistration.count({ where: { accountId: actor.accountId } })) >= MAX_SIP_REGISTRATIONS) {
        throw new AppError("CONFLICT", { message: `The account may hold at most ${MAX_SIP_REGISTRATIONS} SIP registrations: delete one first`, field: "sipUsername", reason: "sip_registration_limit" });
      }
      await takeUser(tx, actor, binding, undefined, `${data.sipUsername}@${data.proxy}`);
      const row = await tx.sipRegistration.create({
        data: {
          accountId: actor.accountId,
          ...data,
          applicationId: binding.applicationId,
          ruleId: binding.ruleId,
          appUserId: binding.appUserId,
          ...register(data),
          lastUpdatedAt: now,
          monthlyPriceMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR,
          purchasedAt: now,
          nextRenewalAt: addMonth(now),
          createdAt: now,
        },
        select: { id: true },
      });
      await chargeMonth(tx, actor.accountId, { id: row.id, sipUsername: data.sipUsername, proxy: data.proxy, monthlyPriceMinor: SIP_REGISTRATION_MONTHLY_PRICE_MINOR }, now, clock);
      const created = await findOwnSipRegistration(tx, actor, row.id);
      await audit(tx, actor, {
        action: "sip_registration.create",
        targetType: "sip_registration",
        targetId: row.id,
        detail: { registration: `${created.sipUsername}@${created.proxy}`, persistent: created.isPersistent, status: created.statusCode, chargedMinor: created.monthlyPriceMinor, ...binding.names },
      });
      return created;
    });
  } catch (e) {
    rethrowUnique(e, () => taken(data.sipUsername, data.proxy));
  }
}

/**
 * UpdateSipRegistration / "Edit" on All SIP registrations: changes the fields given (the
 * password only when one is sent) and registers again when the PBX account changed; binding
 * fields rebind it (the application page's right). Deactivated registrations stay deactivated.
 */
export async function updateSipRegistration(actor: Actor, input: UpdateSipRegistrationInput, clock: Clock = systemClock): Promise<SipRegistrationDto> {
  authorize(actor, { section: "sip_registrations", method: "UpdateSipRegistration" });
  const { sipRegistrationId, applicationId, applicationName, ruleId, ruleName, userId, userName, ...changes } = parseInput(ZUpdateSipRegistrationInput, input);
  const b = { applicationId, applicationName, ruleId, ruleName, userId, userName };
  const binding = bindingGiven(b) ? await resolveBinding(actor, b) : null;
  const now = clock();
  const before = await findOwnSipRegistration(db, actor, sipRegistrationId);
  const sipUsername = changes.sipUsername ?? before.sipUsername;
  const proxy = changes.proxy ?? before.proxy;
  if (!before.isPersistent && binding && binding.appUserId === null) throw needsUser();
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.sipRegistration.findFirst({ where: { id: sipRegistrationId, accountId: actor.accountId }, select: { password: true, isPersistent: true, outboundProxy: true, deactivated: true } });
      if (!current) throw new AppError("NOT_FOUND", { message: "SIP registration not found", field: "sipRegistrationId", reason: "sip_registration_not_found" });
      if ((sipUsername !== before.sipUsername || proxy !== before.proxy) && (await tx.sipRegistration.findFirst({ where: { accountId: actor.accountId, proxy, sipUsername, id: { not: sipRegistrationId } }, select: { id: true } }))) {
        throw taken(sipUsername, proxy);
      }
      const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== undefined && (k === "password" ? changes.password !== current.password : changes[k] !== before[k]));
      const next = { proxy, outboundProxy: changes.outboundProxy ?? current.outboundProxy, password: changes.password ?? current.password, isPersistent: current.isPersistent };
      if (binding) await takeUser(tx, actor, binding, sipRegistrationId, `${sipUsername}@${proxy}`);
      await tx.sipRegistration.update({
        where: { id: sipRegistrationId },
        data: {
          ...changes,
          ...(binding ? { applicationId: binding.applicationId, ruleId: binding.ruleId, appUserId: binding.appUserId } : {}),
          ...(changed.length && !current.deactivated ? { ...register(next), lastUpdatedAt: now } : {}),
        },
      });
      const after = await findOwnSipRegistration(tx, actor, sipRegistrationId);
      await audit(tx, actor, {
        action: "sip_registration.update",
        targetType: "sip_registration",
        targetId: sipRegistrationId,
        detail: { registration: `${after.sipUsername}@${after.proxy}`, changed, ...(binding ? { boundTo: binding.names } : {}), status: after.statusCode },
      });
      return after;
    });
  } catch (e) {
    rethrowUnique(e, () => taken(sipUsername, proxy));
  }
}

/**
 * BindSipRegistration / the application page's Bind and Unbind: `bind` (the default) points one
 * registration at the application's rule or user (a user holds one registration: its previous
 * one is unbound); unbinding frees one registration, or with no id every registration bound to
 * the application (and to the rule or user, when named). Returns how many changed.
 */
export async function bindSipRegistration(actor: Actor, input: BindSipRegistrationInput): Promise<number> {
  authorize(actor, { section: "application.sip_registrations", method: "BindSipRegistration" });
  const { sipRegistrationId, bind, ...b } = parseInput(ZBindSipRegistrationInput, input);
  if (bind) {
    const binding = await resolveBinding(actor, b);
    const before = await findOwnSipRegistration(db, actor, sipRegistrationId!);
    if (!before.isPersistent && binding.appUserId === null) throw needsUser();
    return db.$transaction(async (tx) => {
      await takeUser(tx, actor, binding, before.id, `${before.sipUsername}@${before.proxy}`);
      await tx.sipRegistration.updateMany({ where: { id: before.id, accountId: actor.accountId }, data: { applicationId: binding.applicationId, ruleId: binding.ruleId, appUserId: binding.appUserId } });
      await audit(tx, actor, { action: "sip_registration.bind", targetType: "sip_registration", targetId: before.id, detail: { registration: `${before.sipUsername}@${before.proxy}`, ...binding.names } });
      return 1;
    });
  }
  const scope = bindingGiven(b) ? await resolveBinding(actor, b) : null;
  const one = sipRegistrationId !== undefined ? await findOwnSipRegistration(db, actor, sipRegistrationId) : null;
  return db.$transaction(async (tx) => {
    const rows = await tx.sipRegistration.findMany({
      where: {
        accountId: actor.accountId,
        applicationId: { not: null },
        ...(one ? { id: one.id } : {}),
        ...(scope ? { applicationId: scope.applicationId } : {}),
        ...(scope?.ruleId ? { ruleId: scope.ruleId } : {}),
        ...(scope?.appUserId ? { appUserId: scope.appUserId } : {}),
      },
      select: { id: true, sipUsername: true, proxy: true },
    });
    if (rows.length === 0) return 0;
    await tx.sipRegistration.updateMany({ where: { accountId: actor.accountId, id: { in: rows.map((r) => r.id) } }, data: { applicationId: null, ruleId: null, appUserId: null } });
    await audit(tx, actor, {
      action: "sip_registration.unbind",
      targetType: "sip_registration",
      targetId: rows.length === 1 ? rows[0]!.id : "",
      detail: { registrations: rows.map((r) => `${r.sipUsername}@${r.proxy}`), ...(scope ? scope.names : {}) },
    });
    return rows.length;
  });
}

/** DeleteSipRegistration / "Delete" on All SIP registrations: unregisters and removes it (the month paid is not refunded). */
export async function deleteSipRegistration(actor: Actor, input: { sipRegistrationId: number | string }): Promise<void> {
  authorize(actor, { section: "sip_registrations", method: "DeleteSipRegistration" });
  const { sipRegistrationId } = parseInput(ZUpdateSipRegistrationInput.pick({ sipRegistrationId: true }), input);
  const before = await findOwnSipRegistration(db, actor, sipRegistrationId);
  await db.$transaction(async (tx) => {
    await tx.sipRegistration.deleteMany({ where: { id: before.id, accountId: actor.accountId } });
    await audit(tx, actor, { action: "sip_registration.delete", targetType: "sip_registration", targetId: before.id, detail: { registration: `${before.sipUsername}@${before.proxy}` } });
  });
}

/**
 * "Pay and restore" on All SIP registrations (the panel only): a deactivated registration pays
 * a month from now and registers again; insufficient_funds leaves it deactivated.
 */
export async function restoreSipRegistration(actor: Actor, input: { sipRegistrationId: number | string }, clock: Clock = systemClock): Promise<SipRegistrationDto> {
  authorize(actor, { section: "sip_registrations" });
  const { sipRegistrationId } = parseInput(ZUpdateSipRegistrationInput.pick({ sipRegistrationId: true }), input);
  const now = clock();
  return db.$transaction(async (tx) => {
    const r = await tx.sipRegistration.findFirst({
      where: { id: sipRegistrationId, accountId: actor.accountId },
      select: { id: true, sipUsername: true, proxy: true, outboundProxy: true, password: true, isPersistent: true, deactivated: true, monthlyPriceMinor: true, nextRenewalAt: true },
    });
    if (!r) throw new AppError("NOT_FOUND", { message: "SIP registration not found", field: "sipRegistrationId", reason: "sip_registration_not_found" });
    if (!r.deactivated) throw new AppError("CONFLICT", { message: `${r.sipUsername}@${r.proxy} is not deactivated`, field: "sipRegistrationId" });
    // The month paid is the one that went unpaid when it has not begun yet (a billing day run
    // ahead of time), else the month from now: never a month the registration already paid for.
    const from = r.nextRenewalAt > now ? r.nextRenewalAt : now;
    await chargeMonth(tx, actor.accountId, r, from, clock);
    await tx.sipRegistration.update({ where: { id: r.id }, data: { deactivated: false, nextRenewalAt: addMonth(from), ...register(r), lastUpdatedAt: now } });
    await audit(tx, actor, { action: "sip_registration.restore", targetType: "sip_registration", targetId: r.id, detail: { registration: `${r.sipUsername}@${r.proxy}`, chargedMinor: r.monthlyPriceMinor } });
    const row = await tx.sipRegistration.findUniqueOrThrow({ where: { id: r.id }, select: SIP_REGISTRATION_SELECT });
    return toSipRegistrationDto(row);
  });
}

export type SipRenewalReport = { renewed: number; deactivated: number; chargedMinor: number };

const BILLING = (accountId: number): AuditPrincipal => ({ accountId, actorType: "system", actorId: "billing", actorName: "billing", ip: "" });

/**
 * The billing day's part for SIP registrations, as of clock(): every active registration whose
 * renewal is due pays its next month (idempotent per registration and period) or, when the
 * balance cannot cover it, is deactivated (unregistered until "Pay and restore"; a notification
 * for the account and the webhook event sip_registration_deactivated say so). One
 * transaction per registration; `accountId` limits the run to one account.
 */
export async function renewSipRegistrations(clock: Clock = systemClock, opts: { accountId?: number } = {}): Promise<SipRenewalReport> {
  const now = clock();
  const report: SipRenewalReport = { renewed: 0, deactivated: 0, chargedMinor: 0 };
  const due = await db.sipRegistration.findMany({
    where: { ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}), deactivated: false, nextRenewalAt: { lte: now } },
    select: { id: true, accountId: true, sipUsername: true, proxy: true, monthlyPriceMinor: true, nextRenewalAt: true },
    orderBy: { nextRenewalAt: "asc" },
  });
  for (const r of due) {
    await db.$transaction(async (tx) => {
      try {
        const entry = await chargeMonth(tx, r.accountId, r, r.nextRenewalAt, clock);
        await tx.sipRegistration.updateMany({ where: { id: r.id, deactivated: false }, data: { nextRenewalAt: addMonth(r.nextRenewalAt) } });
        if (entry.created) {
          await audit(tx, BILLING(r.accountId), { action: "sip_registration.renew", targetType: "sip_registration", targetId: r.id, detail: { registration: `${r.sipUsername}@${r.proxy}`, chargedMinor: r.monthlyPriceMinor } });
          report.chargedMinor += r.monthlyPriceMinor;
        }
        report.renewed += 1;
      } catch (e) {
        if (!isAppError(e) || e.reason !== "insufficient_funds") throw e;
        await tx.sipRegistration.updateMany({
          where: { id: r.id },
          data: { deactivated: true, successful: false, statusCode: null, errorMessage: "Deactivated: the month's subscription could not be paid", lastUpdatedAt: now },
        });
        await audit(tx, BILLING(r.accountId), { action: "sip_registration.deactivate", targetType: "sip_registration", targetId: r.id, detail: { registration: `${r.sipUsername}@${r.proxy}`, reason: "unpaid", priceMinor: r.monthlyPriceMinor } });
        // Everyone with Notifications is told, and the webhook when it receives the event.
        const account = await tx.account.findUniqueOrThrow({ where: { id: r.accountId }, select: { currency: true } });
        const detail = { registration: `${r.sipUsername}@${r.proxy}`, priceMinor: r.monthlyPriceMinor, currency: account.currency };
        await raiseAccountNotification(tx, { accountId: r.accountId, kind: "sip_registration_deactivated", sectionId: "sip_registrations", detail, createdAt: now });
        report.deactivated += 1;
      }
    });
  }
  return report;
}
