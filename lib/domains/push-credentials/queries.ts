import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { AppError } from "@/lib/core/errors";
import { parseInput } from "@/lib/core/validate";
import { APPLICATION_SELECT, findOwnApplication, toApplicationDto, type ApplicationDto } from "@/lib/domains/applications/queries";
import type { PushProvider } from "./client-safe";
import { ZListPushCredentialsInput, type ListPushCredentialsInput, type StoredPushCredential } from "./schemas";

// Reads of the account's push credentials (section `application.push_certificates`; API keys:
// the method's roles). Every where carries the account. What the platform signs with (`secret`,
// `certPassword`) is selected only by the mutations that replace it, never here, so no reader
// can hand it out; the certificate alone (no key) is read only when GetPushCredential asks with_cert.

const CREDENTIAL_SELECT = {
  id: true,
  provider: true,
  bundle: true,
  isDevMode: true,
  certFileName: true,
  expiresAt: true,
  projectId: true,
  senderId: true,
  huaweiClientId: true,
  huaweiApplicationId: true,
  createdAt: true,
  updatedAt: true,
  applications: { select: { application: { select: APPLICATION_SELECT } }, orderBy: { applicationId: "asc" } },
} as const satisfies Prisma.PushCredentialSelect;

type Row = Prisma.PushCredentialGetPayload<{ select: typeof CREDENTIAL_SELECT }>;

/**
 * A credential without what it signs with: provider, bundle, APNs environment, the Apple
 * certificate's file name and expiry (UTC), the Google project and sender id, the Huawei ids,
 * and the applications it is bound to (by id). `certificate` (DER base64, no key) only when asked.
 */
export type PushCredentialDto = Omit<Row, "applications" | "provider"> & { provider: PushProvider; applications: ApplicationDto[]; certificate?: string | null };

function toDto(row: Row & { certificate?: string | null }, accountName: string): PushCredentialDto {
  const { applications, provider, ...c } = row;
  return { ...c, provider: provider as PushProvider, applications: applications.map((a) => toApplicationDto(a.application, accountName)) };
}

export const pushCredentialNotFound = () =>
  new AppError("NOT_FOUND", { message: "Push credential not found", field: "credentialId", reason: "push_credential_not_found" });

/** The actor's credential with everything stored (for the mutations that replace it), or NOT_FOUND (650). */
export async function findOwnPushCredential(client: Tx | typeof db, actor: Actor, credentialId: number): Promise<StoredPushCredential & { id: number }> {
  const c = await client.pushCredential.findFirst({
    where: { id: credentialId, accountId: actor.accountId },
    select: {
      id: true,
      provider: true,
      bundle: true,
      isDevMode: true,
      certFileName: true,
      certPassword: true,
      certificate: true,
      expiresAt: true,
      projectId: true,
      senderId: true,
      huaweiClientId: true,
      huaweiApplicationId: true,
      secret: true,
      fingerprint: true,
    },
  });
  if (!c) throw pushCredentialNotFound();
  return c;
}

/** One credential of the actor's account, with its applications, or NOT_FOUND (650). */
export async function getPushCredential(client: Tx | typeof db, actor: Actor, credentialId: number): Promise<PushCredentialDto> {
  const row = await client.pushCredential.findFirst({ where: { id: credentialId, accountId: actor.accountId }, select: CREDENTIAL_SELECT });
  if (!row) throw pushCredentialNotFound();
  return toDto(row, actor.accountName);
}

/**
 * GetPushCredential / the Push certificates page: the account's credentials by id, narrowed to
 * one `credentialId`, one `provider` or those bound to `applicationId` (558 when the application
 * is not the account's); `withCert` adds the Apple certificates (no keys). At most 100 an account
 * (MAX_PUSH_CREDENTIALS), so the list is not paged.
 */
export async function listPushCredentials(actor: Actor, input: ListPushCredentialsInput = {}): Promise<PushCredentialDto[]> {
  authorize(actor, { section: "application.push_certificates", method: "GetPushCredential" });
  const p = parseInput(ZListPushCredentialsInput, input);
  if (p.applicationId !== undefined) await findOwnApplication(db, actor, p.applicationId);
  const rows = await db.pushCredential.findMany({
    where: {
      accountId: actor.accountId,
      ...(p.credentialId !== undefined ? { id: p.credentialId } : {}),
      ...(p.provider !== undefined ? { provider: p.provider } : {}),
      ...(p.applicationId !== undefined ? { applications: { some: { applicationId: p.applicationId } } } : {}),
    },
    orderBy: { id: "asc" },
    select: { ...CREDENTIAL_SELECT, certificate: p.withCert },
  });
  return rows.map((r) => toDto(r, actor.accountName));
}
