import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { DAY_MS } from "@/lib/core/day-range";
import { findOwnApplication, findOwnApplications } from "@/lib/domains/applications/queries";
import { raiseAccountNotification } from "@/lib/domains/notifications/mutations";
import { MAX_PUSH_CREDENTIALS, PUSH_CERT_EXPIRY_WARNING_DAYS, pushCredentialName, pushSlot } from "./client-safe";
import { findOwnPushCredential, getPushCredential, type PushCredentialDto } from "./queries";
import {
  isPushProblem,
  pushMaterial,
  ZAddPushCredentialInput,
  ZBindPushCredentialInput,
  ZPushCredentialRef,
  ZSetPushCredentialInput,
  type AddPushCredentialInput,
  type BindPushCredentialInput,
  type PushCredentialRef,
  type PushMaterial,
  type PushProblem,
  type SetPushCredentialInput,
} from "./schemas";

// Changes to the account's push credentials: section `application.push_certificates` (API keys:
// the method's roles). Each is one transaction with its audit row, which names the provider, the
// bundle and the applications, never a certificate, key or secret. A credential is in the
// account once (its fingerprint): adding it again is refused, pointing at binding it instead.
// An application holds one credential per slot (provider, bundle, APNs environment).

const SECTION = "application.push_certificates";

const invalid = (p: PushProblem) => new AppError("INVALID_INPUT", { message: p.message, field: p.field, reason: p.reason });

/** The material, or INVALID_INPUT naming the field (651). */
function materialOrThrow(m: PushMaterial | PushProblem): PushMaterial {
  if (isPushProblem(m)) throw invalid(m);
  return m;
}

/** The input that identifies a provider's credential (its fingerprint's source), for the "already in the account" error. */
const IDENTITY_FIELD: Record<PushMaterial["provider"], string> = { APPLE: "certContent", APPLE_VOIP: "certContent", GOOGLE: "serviceAccountFile", HUAWEI: "huaweiClientId" };

const credentialTaken = (m: PushMaterial) =>
  new AppError("CONFLICT", {
    message: `This credential (${pushCredentialName(m)}) is already in the account: to use it in another application, choose it there under "Use an existing credential"`,
    field: IDENTITY_FIELD[m.provider],
    reason: "push_credential_taken",
  });

/**
 * CONFLICT (654) when one of the applications already holds another credential in `slot`
 * (lib/domains/push-credentials/client-safe.ts pushSlot); `except` is the credential being bound.
 */
async function assertSlotsFree(tx: Tx, accountId: number, apps: readonly { id: number; name: string }[], slot: string, except: number | null): Promise<void> {
  if (apps.length === 0) return;
  const taken = await tx.pushCredentialApplication.findFirst({
    where: { accountId, slot, applicationId: { in: apps.map((a) => a.id) }, ...(except !== null ? { credentialId: { not: except } } : {}) },
    select: { applicationId: true, credential: { select: { id: true, provider: true, bundle: true, isDevMode: true } } },
  });
  if (taken) {
    const app = apps.find((a) => a.id === taken.applicationId)!;
    throw new AppError("CONFLICT", {
      message: `${app.name} already has ${pushCredentialName(taken.credential)}: replace its certificate or key instead, or remove it from ${app.name} first`,
      field: "applicationId",
      reason: "push_slot_taken",
    });
  }
}

/** The audit detail every push credential row carries. */
const describe = (m: { provider: string; bundle: string; isDevMode: boolean }) => ({ name: pushCredentialName(m), provider: m.provider, bundle: m.bundle, isDevMode: m.isDevMode });

/** AddPushCredential / the page's Add: checks the provider's fields, stores them, and binds the credential to the application when one is given. */
export async function addPushCredential(actor: Actor, input: AddPushCredentialInput): Promise<PushCredentialDto> {
  authorize(actor, { section: SECTION, method: "AddPushCredential" });
  const { provider, applicationId, ...fields } = parseInput(ZAddPushCredentialInput, input);
  const m = materialOrThrow(pushMaterial(provider, fields));
  try {
    return await db.$transaction(async (tx) => {
      const app = applicationId !== undefined ? await findOwnApplication(tx, actor, applicationId) : null;
      if (await tx.pushCredential.findFirst({ where: { accountId: actor.accountId, fingerprint: m.fingerprint }, select: { id: true } })) throw credentialTaken(m);
      if ((await tx.pushCredential.count({ where: { accountId: actor.accountId } })) >= MAX_PUSH_CREDENTIALS) {
        throw new AppError("CONFLICT", { message: `An account may hold at most ${MAX_PUSH_CREDENTIALS} push credentials: delete one first`, field: "provider", reason: "push_credential_limit" });
      }
      if (app) await assertSlotsFree(tx, actor.accountId, [app], pushSlot(m), null);
      const created = await tx.pushCredential.create({ data: { accountId: actor.accountId, ...m }, select: { id: true } });
      if (app) await tx.pushCredentialApplication.create({ data: { credentialId: created.id, applicationId: app.id, accountId: actor.accountId, slot: pushSlot(m) } });
      // A certificate that already expires within the warning's window says so at once, not at the next hourly run.
      if (expiringSoon(m.expiresAt, new Date())) await warnOnce(tx, created.id, new Date());
      await audit(tx, actor, {
        action: "push_credential.create",
        targetType: "push_credential",
        targetId: created.id,
        detail: { ...describe(m), expiresAt: m.expiresAt?.toISOString() ?? null, application: app?.name ?? null, applicationId: app?.id ?? null },
      });
      return getPushCredential(tx, actor, created.id);
    });
  } catch (e) {
    // Two adds of one credential at once: the unique (accountId, fingerprint) index stops the second.
    rethrowUnique(e, () => credentialTaken(m));
  }
}

/**
 * SetPushCredential / the page's Replace: the fields given replace the stored ones (a renewed
 * certificate, a new key file, a new Huawei secret, the APNs environment); provider and bundle
 * stay. The bindings follow a changed environment when no application holds another
 * credential in the new slot (654).
 */
export async function setPushCredential(actor: Actor, input: SetPushCredentialInput): Promise<PushCredentialDto> {
  authorize(actor, { section: SECTION, method: "SetPushCredential" });
  const { credentialId, ...fields } = parseInput(ZSetPushCredentialInput, input);
  const current = await findOwnPushCredential(db, actor, credentialId);
  const m = materialOrThrow(pushMaterial(current.provider as PushMaterial["provider"], fields, current));
  try {
    return await db.$transaction(async (tx) => {
      // Read again inside the transaction: a delete in between answers 650.
      await findOwnPushCredential(tx, actor, credentialId);
      if (m.fingerprint !== current.fingerprint && (await tx.pushCredential.findFirst({ where: { accountId: actor.accountId, fingerprint: m.fingerprint }, select: { id: true } }))) {
        throw credentialTaken(m);
      }
      const slot = pushSlot(m);
      if (slot !== pushSlot(current)) {
        const bindings = await tx.pushCredentialApplication.findMany({ where: { credentialId, accountId: actor.accountId }, select: { application: { select: { id: true, name: true } } } });
        await assertSlotsFree(tx, actor.accountId, bindings.map((b) => b.application), slot, credentialId);
        await tx.pushCredentialApplication.updateMany({ where: { credentialId, accountId: actor.accountId }, data: { slot } });
      }
      // A new certificate (another expiry) is warned about again when its time comes.
      const renewed = m.expiresAt?.getTime() !== current.expiresAt?.getTime();
      await tx.pushCredential.updateMany({ where: { id: credentialId, accountId: actor.accountId }, data: { ...m, ...(renewed ? { expiryWarnedAt: null } : {}) } });
      if (renewed && expiringSoon(m.expiresAt, new Date())) await warnOnce(tx, credentialId, new Date());
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== undefined && fields[k] !== "");
      await audit(tx, actor, {
        action: "push_credential.update",
        targetType: "push_credential",
        targetId: credentialId,
        detail: { ...describe(m), changed, expiresAt: m.expiresAt?.toISOString() ?? null, previousExpiresAt: current.expiresAt?.toISOString() ?? null },
      });
      return getPushCredential(tx, actor, credentialId);
    });
  } catch (e) {
    rethrowUnique(e, () => credentialTaken(m));
  }
}

/** DelPushCredential / the page's Delete: the credential and its bindings, from every application. */
export async function deletePushCredential(actor: Actor, input: PushCredentialRef): Promise<void> {
  authorize(actor, { section: SECTION, method: "DelPushCredential" });
  const data = parseInput(ZPushCredentialRef, input);
  await db.$transaction(async (tx) => {
    const c = await getPushCredential(tx, actor, data.credentialId);
    await tx.pushCredentialApplication.deleteMany({ where: { credentialId: c.id, accountId: actor.accountId } });
    await tx.pushCredential.deleteMany({ where: { id: c.id, accountId: actor.accountId } });
    await audit(tx, actor, {
      action: "push_credential.delete",
      targetType: "push_credential",
      targetId: c.id,
      detail: { ...describe(c), applications: c.applications.map((a) => a.name) },
    });
  });
}

/**
 * BindPushCredential / the page's "Use an existing credential" and "Remove from this
 * application": binds each credential to (or unbinds it from) each application, all or nothing.
 * Already so is no error; a slot held by another credential is (654). A credential left with no
 * application stays in the account until deleted.
 */
export async function bindPushCredential(actor: Actor, input: BindPushCredentialInput): Promise<void> {
  authorize(actor, { section: SECTION, method: "BindPushCredential" });
  const data = parseInput(ZBindPushCredentialInput, input);
  try {
    await bindInTransaction(actor, data);
  } catch (e) {
    // Two binds into one application's slot at once: the unique (applicationId, slot) index stops the second.
    rethrowUnique(e, () => new AppError("CONFLICT", { message: "Another push credential took this slot of the application meanwhile: reload and try again", field: "applicationId", reason: "push_slot_taken" }));
  }
}

async function bindInTransaction(actor: Actor, data: z.output<typeof ZBindPushCredentialInput>): Promise<void> {
  await db.$transaction(async (tx) => {
    const apps = await findOwnApplications(tx, actor, data.applicationIds);
    for (const credentialId of data.credentialIds) {
      const c = await findOwnPushCredential(tx, actor, credentialId);
      const bound = new Set(
        (await tx.pushCredentialApplication.findMany({ where: { credentialId, applicationId: { in: data.applicationIds } }, select: { applicationId: true } })).map((b) => b.applicationId),
      );
      const changed = apps.filter((a) => bound.has(a.id) !== data.bind);
      if (changed.length === 0) continue;
      const slot = pushSlot(c);
      if (data.bind) {
        await assertSlotsFree(tx, actor.accountId, changed, slot, credentialId);
        for (const a of changed) await tx.pushCredentialApplication.create({ data: { credentialId, applicationId: a.id, accountId: actor.accountId, slot } });
      } else {
        await tx.pushCredentialApplication.deleteMany({ where: { credentialId, accountId: actor.accountId, applicationId: { in: changed.map((a) => a.id) } } });
      }
      await audit(tx, actor, {
        action: data.bind ? "push_credential.bind" : "push_credential.unbind",
        targetType: "push_credential",
        targetId: credentialId,
        detail: { ...describe(c), applications: changed.map((a) => a.name) },
      });
    }
  });
}

/** The latest expiry (UTC) the warning covers at `now`: PUSH_CERT_EXPIRY_WARNING_DAYS ahead. */
const expiryCutoff = (now: Date): Date => new Date(now.getTime() + PUSH_CERT_EXPIRY_WARNING_DAYS * DAY_MS);

/** Ours: due credentials handled per run, so one run stays short; the next run takes the rest. */
const EXPIRY_WARNING_BATCH = 500;

/**
 * The hourly expiry warning (the call scheduler runs it, lib/domains/calls/scheduler.ts): every
 * Apple certificate that expires within PUSH_CERT_EXPIRY_WARNING_DAYS of `now` (UTC), or has
 * expired, and was not warned about yet raises one push_certificate_expiring notification (and
 * its webhook event) naming the credential, its expiry and the first application it serves.
 * Exactly once per certificate across app servers: each is claimed with a conditional update in
 * the notification's transaction; replacing the certificate (setPushCredential) re-arms it. Adding
 * or replacing a certificate already inside the window warns at once, in that change's transaction.
 * Returns how many were raised. `accountId` limits it to one account (tests).
 */
export async function warnExpiringPushCertificates(now: Date, opts: { accountId?: number } = {}): Promise<number> {
  const due = await db.pushCredential.findMany({
    where: { expiryWarnedAt: null, expiresAt: { not: null, lte: expiryCutoff(now) }, ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}) },
    orderBy: { expiresAt: "asc" },
    take: EXPIRY_WARNING_BATCH,
    select: { id: true },
  });
  let raised = 0;
  for (const c of due) {
    if (await db.$transaction((tx) => warnOnce(tx, c.id, now))) raised += 1;
  }
  return raised;
}

/** Whether `expiresAt` falls within the expiry warning's window of `now` (or has passed). */
const expiringSoon = (expiresAt: Date | null, now: Date): boolean => expiresAt !== null && expiresAt <= expiryCutoff(now);

/**
 * Claims the credential's expiry warning (a conditional update: only while not warned) and, when
 * this call won the claim, raises the notification in `tx`. Returns whether it raised one.
 */
async function warnOnce(tx: Tx, credentialId: number, now: Date): Promise<boolean> {
  const c = await tx.pushCredential.findUnique({
    where: { id: credentialId },
    select: { accountId: true, provider: true, bundle: true, isDevMode: true, expiresAt: true, applications: { select: { applicationId: true }, orderBy: { applicationId: "asc" }, take: 1 } },
  });
  if (!c || !expiringSoon(c.expiresAt, now)) return false;
  const claimed = await tx.pushCredential.updateMany({ where: { id: credentialId, expiryWarnedAt: null, expiresAt: c.expiresAt }, data: { expiryWarnedAt: now } });
  if (claimed.count === 0) return false;
  const detail = { credential: pushCredentialName(c), credentialId, expiresAt: c.expiresAt!.toISOString(), ...(c.applications[0] ? { applicationId: c.applications[0].applicationId } : {}) };
  await raiseAccountNotification(tx, { accountId: c.accountId, kind: "push_certificate_expiring", sectionId: "application.push_certificates", detail, createdAt: now });
  return true;
}
