import "server-only";
import { db } from "@/lib/core/db";
import type { PanelActor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError, invalid, notFound } from "@/lib/core/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { listActiveSessions, revokeAllSessions } from "@/lib/auth/sessions";
import { beginPasswordRecheck, loginKey, passwordRecheckSucceeded } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/core/validate";
import type { Tx } from "@/lib/core/db";
import { findLoginRow, updateLoginRow, type LoginRow, type LoginRowUpdate } from "@/lib/auth/login-row";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, setupFingerprint, totpUri } from "@/lib/auth/two-step";
import {
  ZChangeOwnPasswordInput,
  ZConfirmTwoStepInput,
  ZCurrentPasswordInput,
  ZEndSessionInput,
  type ChangeOwnPasswordInput,
  type ConfirmTwoStepInput,
  type CurrentPasswordInput,
  type EndSessionInput,
} from "./schemas";
import { sessionHandle } from "./session-handle";

const principalOf = (actor: PanelActor) => ({ accountId: actor.accountId, subuserId: actor.subuserId });

/** The actor's own login row (the owner's Account, or the subuser's own Subuser row). */
const ownLogin = (actor: PanelActor): Promise<LoginRow | null> => findLoginRow(db, principalOf(actor));

/** Writes the actor's own login row; NOT_FOUND when it is gone meanwhile (the transaction rolls back). */
async function updateOwnLogin(tx: Tx, actor: PanelActor, data: LoginRowUpdate): Promise<void> {
  if (!(await updateLoginRow(tx, principalOf(actor), data))) throw notFound("Your login");
}

/** Replaces the login's recovery codes with ten new ones; returns them (the only time they are readable). */
async function replaceRecoveryCodes(tx: Tx, actor: PanelActor, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: principalOf(actor) });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ ...principalOf(actor), codeHash: hashRecoveryCode(c), createdAt: now })) });
  return codes;
}

/**
 * Setting up one's own two-step verification: holders of Profile, and a subuser whose account
 * requires the verification before anything else (PanelActor.twoStepDue: it holds no section,
 * and a PhoneNumberManager has no Profile at all).
 */
function authorizeSetup(actor: PanelActor): void {
  if (!actor.twoStepDue) authorize(actor, { section: "profile" });
}

/** A refusal for the login's two-step state (already on, not on, no setup pending): the form's error. */
const stateConflict = (message: string) => new AppError("CONFLICT", { message });

/**
 * Refuses unless `currentPassword` is the actor's own (the field is named in the error). Each try
 * counts on the login's throttle key as a login attempt would (lib/auth/throttle.ts
 * beginPasswordRecheck), and a wrong one is audited ("profile.password_check", failed): a
 * stolen session cannot guess the password unseen and without limit.
 */
async function checkCurrentPassword(actor: PanelActor, currentPassword: string, clock: Clock = systemClock): Promise<void> {
  const hash = (await ownLogin(actor))?.passwordHash;
  if (!hash) throw notFound("Your login");
  const key = loginKey(actor.accountId, actor.kind === "owner" ? "#owner" : actor.name);
  if (!(await beginPasswordRecheck(db, key, clock))) throw invalid("currentPassword", "Too many wrong passwords: wait a few minutes and try again");
  if (!(await verifyPassword(hash, currentPassword))) {
    await audit(db, actor, { action: "profile.password_check", outcome: "failed" });
    throw invalid("currentPassword", "The current password is wrong");
  }
  await passwordRecheckSucceeded(db, key);
}

/**
 * One's own password (the owner's Account row or the subuser's own row). The current password
 * is required. Every other session of the principal ends; this one stays alive: the credVersion
 * bump is copied onto its row in the same transaction.
 */
export async function changeOwnPassword(actor: PanelActor, input: ChangeOwnPasswordInput, clock: Clock = systemClock): Promise<void> {
  authorize(actor, { section: "profile" });
  const { currentPassword, newPassword } = parseInput(ZChangeOwnPasswordInput, input);
  await checkCurrentPassword(actor, currentPassword);
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await updateOwnLogin(tx, actor, { passwordHash, credVersion: { increment: 1 } });
    const credVersion = (await findLoginRow(tx, principalOf(actor)))?.credVersion;
    if (credVersion === undefined) throw notFound("Your login");
    await tx.session.updateMany({ where: { id: actor.sessionId, ...principalOf(actor), revokedAt: null }, data: { credVersion } });
    await revokeAllSessions(tx, principalOf(actor), clock(), actor.sessionId);
    await audit(tx, actor, { action: "profile.password", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId });
  });
}

/** Ends one of one's own live sessions, named by its handle; another principal's reads as not found. */
export async function endSession(actor: PanelActor, input: EndSessionInput, clock: Clock = systemClock): Promise<{ current: boolean }> {
  authorize(actor, { section: "profile" });
  const { handle } = parseInput(ZEndSessionInput, input);
  const live = await listActiveSessions(db, principalOf(actor), clock);
  const target = live.find((s) => sessionHandle(s.id) === handle);
  if (!target) throw notFound("Session", "handle");
  await db.$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id: target.id, ...principalOf(actor), revokedAt: null }, data: { revokedAt: clock() } });
    await audit(tx, actor, { action: "session.revoke", targetType: "session", targetId: handle, detail: { ip: target.ip, userAgent: target.userAgent } });
  });
  return { current: target.id === actor.sessionId };
}

/** "End all other sessions": every live session of the principal but this one. */
export async function endOtherSessions(actor: PanelActor, clock: Clock = systemClock): Promise<{ ended: number }> {
  authorize(actor, { section: "profile" });
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({
      where: { ...principalOf(actor), id: { not: actor.sessionId }, revokedAt: null, expiresAt: { gt: clock() } },
      data: { revokedAt: clock() },
    });
    await audit(tx, actor, { action: "session.revoke_others", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId, detail: { ended: count } });
    return { ended: count };
  });
}

/**
 * What an authenticator app needs to add the login: the otpauth:// URI (the QR code's text) and
 * its secret for typing in (base32); and the setup's fingerprint, which its confirm sends back.
 */
export type TwoStepSetup = { uri: string; secret: string; fingerprint: string };

/**
 * Starts turning two-step verification on (lib/auth/two-step.ts): a new secret, kept as pending
 * until a code confirms it, so a setup abandoned half-way changes nothing about logging in.
 * CONFLICT when it is already on. Not audited: nothing about the login has changed yet.
 */
export async function startTwoStep(actor: PanelActor): Promise<TwoStepSetup> {
  authorizeSetup(actor);
  const own = await ownLogin(actor);
  if (!own) throw notFound("Your login");
  if (own.totpSecret) throw stateConflict("Two-step verification is already on. Turn it off first to move it to another app.");
  const secret = newTotpSecret();
  await db.$transaction((tx) => updateOwnLogin(tx, actor, { totpPendingSecret: secret }));
  const label = actor.kind === "owner" ? actor.accountName : `${actor.name}@${actor.accountName}`;
  return { uri: totpUri(secret, label), secret, fingerprint: setupFingerprint(secret) };
}

/** The refusal of a confirm whose setup a newer one replaced: its code cannot match, and the phone's clock is not why. */
export const SETUP_REPLACED = "This setup was replaced by a newer one (another tab or window). Use the QR code shown there, or start again.";

/**
 * Finishes turning two-step verification on with the first code the app shows for the pending
 * secret (this 30-second step or one either side). Makes ten recovery codes and returns them:
 * they are readable this once. INVALID_INPUT (code) for a wrong code; CONFLICT when no setup is
 * pending, or when the pending one is not the one confirmed (its fingerprint differs: a newer
 * setup, in another tab or window, replaced it). Audited as "profile.two_step_on".
 */
export async function confirmTwoStep(actor: PanelActor, input: ConfirmTwoStepInput, clock: Clock = systemClock): Promise<{ recoveryCodes: string[] }> {
  authorizeSetup(actor);
  const { code, fingerprint } = parseInput(ZConfirmTwoStepInput, input);
  const own = await ownLogin(actor);
  if (!own) throw notFound("Your login");
  if (own.totpSecret) throw stateConflict("Two-step verification is already on.");
  if (!own.totpPendingSecret) throw stateConflict("Start again from the first button, and scan the new QR code it shows.");
  if (setupFingerprint(own.totpPendingSecret) !== fingerprint) throw stateConflict(SETUP_REPLACED);
  const now = clock();
  const step = matchTotp(own.totpPendingSecret, code, now.getTime());
  if (step === null) throw invalid("code", "That is not the code the app shows now: check the phone's clock is right, and that you scanned this page's QR code");
  const secret = own.totpPendingSecret;
  return db.$transaction(async (tx) => {
    await updateOwnLogin(tx, actor, { totpSecret: secret, totpPendingSecret: null, totpLastStep: step });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor, now);
    await audit(tx, actor, { action: "profile.two_step_on", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId });
    return { recoveryCodes };
  });
}

/**
 * Turns two-step verification off (the current password is asked again): the secret and every
 * recovery code go. INVALID_INPUT (currentPassword) when wrong; CONFLICT when it is not on.
 * Audited as "profile.two_step_off".
 */
export async function turnOffTwoStep(actor: PanelActor, input: CurrentPasswordInput): Promise<void> {
  authorize(actor, { section: "profile" });
  const { currentPassword } = parseInput(ZCurrentPasswordInput, input);
  await checkCurrentPassword(actor, currentPassword);
  if (!(await ownLogin(actor))?.totpSecret) throw stateConflict("Two-step verification is not on.");
  await db.$transaction(async (tx) => {
    await updateOwnLogin(tx, actor, { totpSecret: null, totpPendingSecret: null });
    await tx.recoveryCode.deleteMany({ where: principalOf(actor) });
    await audit(tx, actor, { action: "profile.two_step_off", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId });
  });
}

/**
 * Ten new recovery codes in place of the old ones, used or not (the current password is asked
 * again); returns them, readable this once. CONFLICT when two-step verification is not on.
 * Audited as "profile.recovery_codes".
 */
export async function renewRecoveryCodes(actor: PanelActor, input: CurrentPasswordInput, clock: Clock = systemClock): Promise<{ recoveryCodes: string[] }> {
  authorize(actor, { section: "profile" });
  const { currentPassword } = parseInput(ZCurrentPasswordInput, input);
  await checkCurrentPassword(actor, currentPassword);
  if (!(await ownLogin(actor))?.totpSecret) throw stateConflict("Two-step verification is not on.");
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, actor, clock());
    await audit(tx, actor, { action: "profile.recovery_codes", targetType: actor.kind, targetId: actor.subuserId ?? actor.accountId });
    return { recoveryCodes };
  });
}
