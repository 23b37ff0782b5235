import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { APPLICATION_SELECT, findOwnApplication, toApplicationDto, type ApplicationDto } from "@/lib/domains/applications/queries";
import { ZListDialogflowKeysInput, type ListDialogflowKeysInput } from "./schemas";

// Reads of the account's Dialogflow keys (section `application.dialogflow_agents`; API keys: the
// method's roles). Every where carries the account; the stored key file (`credentials`) is never
// selected here, so no reader can hand it out.

const KEY_SELECT = {
  id: true,
  projectId: true,
  clientEmail: true,
  privateKeyId: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  applications: { select: { application: { select: APPLICATION_SELECT } }, orderBy: { applicationId: "asc" } },
} as const satisfies Prisma.DialogflowKeySelect;

/** A key without its file: the project, the service account, the key id and the applications it is bound to (by id). */
export type DialogflowKeyDto = Omit<Prisma.DialogflowKeyGetPayload<{ select: typeof KEY_SELECT }>, "applications"> & { applications: ApplicationDto[] };

const KEY_REF_SELECT = { id: true, projectId: true, privateKeyId: true, description: true } as const satisfies Prisma.DialogflowKeySelect;

function toDto(row: Prisma.DialogflowKeyGetPayload<{ select: typeof KEY_SELECT }>, accountName: string): DialogflowKeyDto {
  const { applications, ...key } = row;
  return { ...key, applications: applications.map((a) => toApplicationDto(a.application, accountName)) };
}

export const dialogflowKeyNotFound = () =>
  new AppError("NOT_FOUND", { message: "Dialogflow key not found", field: "keyId", reason: "dialogflow_key_not_found" });

/** The actor's key (id, project, key id, description), or NOT_FOUND (640): another account's id reads as missing. */
export async function findOwnDialogflowKey(client: Tx | typeof db, actor: Actor, keyId: number): Promise<Prisma.DialogflowKeyGetPayload<{ select: typeof KEY_REF_SELECT }>> {
  const key = await client.dialogflowKey.findFirst({ where: { id: keyId, accountId: actor.accountId }, select: KEY_REF_SELECT });
  if (!key) throw dialogflowKeyNotFound();
  return key;
}

/** One key of the actor's account, with its applications, or NOT_FOUND (640). */
export async function getDialogflowKey(client: Tx | typeof db, actor: Actor, keyId: number): Promise<DialogflowKeyDto> {
  const row = await client.dialogflowKey.findFirst({ where: { id: keyId, accountId: actor.accountId }, select: KEY_SELECT });
  if (!row) throw dialogflowKeyNotFound();
  return toDto(row, actor.accountName);
}

/**
 * GetDialogflowKeys / the Dialogflow page: the account's keys by id, or the one `keyId`, or those
 * bound to `applicationId` (558 when the application is not the account's). At most 100 keys an
 * account (MAX_DIALOGFLOW_KEYS), so the list is not paged.
 */
export async function listDialogflowKeys(actor: Actor, input: ListDialogflowKeysInput = {}): Promise<DialogflowKeyDto[]> {
  authorize(actor, { section: "application.dialogflow_agents", method: "GetDialogflowKeys" });
  const p = parseInput(ZListDialogflowKeysInput, input);
  if (p.applicationId !== undefined) await findOwnApplication(db, actor, p.applicationId);
  const rows = await db.dialogflowKey.findMany({
    where: {
      accountId: actor.accountId,
      ...(p.keyId !== undefined ? { id: p.keyId } : {}),
      ...(p.applicationId !== undefined ? { applications: { some: { applicationId: p.applicationId } } } : {}),
    },
    orderBy: { id: "asc" },
    select: KEY_SELECT,
  });
  return rows.map((r) => toDto(r, actor.accountName));
}
