import "server-only";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { AppError, rethrowUnique } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication, findOwnApplications } from "@/lib/domains/applications/queries";
import { dialogflowKeyName, MAX_DIALOGFLOW_KEYS } from "./client-safe";
import { findOwnDialogflowKey, getDialogflowKey, type DialogflowKeyDto } from "./queries";
import {
  readServiceAccountKey,
  ZAddDialogflowKeyInput,
  ZBindDialogflowKeyInput,
  ZDialogflowKeyRef,
  ZSetDialogflowKeyInput,
  type AddDialogflowKeyInput,
  type BindDialogflowKeyInput,
  type DialogflowKeyRef,
  type ServiceAccountKey,
  type SetDialogflowKeyInput,
} from "./schemas";

// Changes to the account's Dialogflow keys: section `application.dialogflow_agents` (API keys:
// the method's roles). Each is one transaction with its audit row. The audit row names the
// project, the key id and the service account, never the key file. A key file is in the account
// once (its private_key_id): adding it again is refused, pointing at binding it instead.

const SECTION = "application.dialogflow_agents";

const keyTaken = (name: string) =>
  new AppError("CONFLICT", {
    message: `This key (${name}) is already in the account: give it to this application with "Use an existing key" (BindDialogflowKeys)`,
    field: "credentials",
    reason: "dialogflow_key_taken",
  });

/** AddDialogflowKey / the page's Add key: stores the key file and binds the key to the application. */
export async function addDialogflowKey(actor: Actor, input: AddDialogflowKeyInput): Promise<DialogflowKeyDto> {
  authorize(actor, { section: SECTION, method: "AddDialogflowKey" });
  const data = parseInput(ZAddDialogflowKeyInput, input);
  // Checked by the schema: read again for its fields.
  const { projectId, clientEmail, privateKeyId, json } = readServiceAccountKey(data.credentials) as ServiceAccountKey;
  const name = dialogflowKeyName({ projectId, privateKeyId });
  try {
    return await db.$transaction(async (tx) => {
      const app = await findOwnApplication(tx, actor, data.applicationId);
      if (await tx.dialogflowKey.findFirst({ where: { accountId: actor.accountId, privateKeyId }, select: { id: true } })) throw keyTaken(name);
      if ((await tx.dialogflowKey.count({ where: { accountId: actor.accountId } })) >= MAX_DIALOGFLOW_KEYS) {
        throw new AppError("CONFLICT", { message: `An account may hold at most ${MAX_DIALOGFLOW_KEYS} Dialogflow keys: delete one first`, field: "credentials", reason: "dialogflow_key_limit" });
      }
      const key = await tx.dialogflowKey.create({
        data: { accountId: actor.accountId, projectId, clientEmail, privateKeyId, description: data.description, credentials: json },
        select: { id: true },
      });
      await tx.dialogflowKeyApplication.create({ data: { keyId: key.id, applicationId: app.id, accountId: actor.accountId } });
      await audit(tx, actor, {
        action: "dialogflow_key.create",
        targetType: "dialogflow_key",
        targetId: key.id,
        detail: { name, projectId, clientEmail, application: app.name, applicationId: app.id, description: data.description },
      });
      return getDialogflowKey(tx, actor, key.id);
    });
  } catch (e) {
    // Two adds of one file at once: the unique (accountId, privateKeyId) index stops the second.
    rethrowUnique(e, () => keyTaken(name));
  }
}

/** SetDialogflowKey / the page's Edit: the description. */
export async function setDialogflowKey(actor: Actor, input: SetDialogflowKeyInput): Promise<DialogflowKeyDto> {
  authorize(actor, { section: SECTION, method: "SetDialogflowKey" });
  const data = parseInput(ZSetDialogflowKeyInput, input);
  return db.$transaction(async (tx) => {
    const key = await findOwnDialogflowKey(tx, actor, data.keyId);
    await tx.dialogflowKey.updateMany({ where: { id: key.id, accountId: actor.accountId }, data: { description: data.description } });
    await audit(tx, actor, {
      action: "dialogflow_key.update",
      targetType: "dialogflow_key",
      targetId: key.id,
      detail: { name: dialogflowKeyName(key), projectId: key.projectId, description: data.description, previousDescription: key.description },
    });
    return getDialogflowKey(tx, actor, key.id);
  });
}

/** DelDialogflowKey / the page's Delete: the key and every binding, from every application. */
export async function deleteDialogflowKey(actor: Actor, input: DialogflowKeyRef): Promise<void> {
  authorize(actor, { section: SECTION, method: "DelDialogflowKey" });
  const data = parseInput(ZDialogflowKeyRef, input);
  await db.$transaction(async (tx) => {
    const key = await getDialogflowKey(tx, actor, data.keyId);
    await tx.dialogflowKeyApplication.deleteMany({ where: { keyId: key.id, accountId: actor.accountId } });
    await tx.dialogflowKey.deleteMany({ where: { id: key.id, accountId: actor.accountId } });
    await audit(tx, actor, {
      action: "dialogflow_key.delete",
      targetType: "dialogflow_key",
      targetId: key.id,
      detail: { name: dialogflowKeyName(key), projectId: key.projectId, clientEmail: key.clientEmail, applications: key.applications.map((a) => a.name) },
    });
  });
}

/**
 * BindDialogflowKeys / the page's "Use an existing key" and "Remove from this application": binds
 * the key to (or unbinds it from) each application. Binding one already bound, or unbinding one
 * not bound, changes nothing and is no error; a key left with no application stays in the
 * account until deleted. Returns the key as it is afterwards.
 */
export async function bindDialogflowKey(actor: Actor, input: BindDialogflowKeyInput): Promise<DialogflowKeyDto> {
  authorize(actor, { section: SECTION, method: "BindDialogflowKeys" });
  const data = parseInput(ZBindDialogflowKeyInput, input);
  return db.$transaction(async (tx) => {
    const key = await findOwnDialogflowKey(tx, actor, data.keyId);
    const apps = await findOwnApplications(tx, actor, data.applicationIds);
    const bound = new Set(
      (await tx.dialogflowKeyApplication.findMany({ where: { keyId: key.id, applicationId: { in: data.applicationIds } }, select: { applicationId: true } })).map((b) => b.applicationId),
    );
    const changed = apps.filter((a) => bound.has(a.id) !== data.bind);
    if (data.bind) {
      for (const a of changed) await tx.dialogflowKeyApplication.create({ data: { keyId: key.id, applicationId: a.id, accountId: actor.accountId } });
    } else if (changed.length > 0) {
      await tx.dialogflowKeyApplication.deleteMany({ where: { keyId: key.id, accountId: actor.accountId, applicationId: { in: changed.map((a) => a.id) } } });
    }
    if (changed.length > 0) {
      await audit(tx, actor, {
        action: data.bind ? "dialogflow_key.bind" : "dialogflow_key.unbind",
        targetType: "dialogflow_key",
        targetId: key.id,
        detail: { name: dialogflowKeyName(key), projectId: key.projectId, applications: changed.map((a) => a.name) },
      });
    }
    return getDialogflowKey(tx, actor, key.id);
  });
}
