// The Push certificates page's row: a credential of the account as this application's page shows
// it (nothing it signs with: the DTO has none). Dates as ISO strings; the expiry's state is
// worked out on the server at render time.
import { DAY_MS } from "@/lib/core/day-range";
import type { PushCredentialDto } from "@/lib/domains/push-credentials/queries";
import { isApple, PUSH_CERT_EXPIRY_WARNING_DAYS, PUSH_PROVIDER_LABELS, pushCredentialName, type PushProvider } from "@/lib/domains/push-credentials/client-safe";

export type PushCredentialRow = {
  id: number;
  /** Provider, bundle and environment: how dialogs, menus and toasts name the credential. */
  name: string;
  provider: PushProvider;
  providerLabel: string;
  bundle: string;
  /** Apple only; null for the other providers. */
  environment: "Production" | "Sandbox" | null;
  /** ISO string (Apple), or null. */
  expiresAt: string | null;
  /** Whole days left (negative once expired), or null without an expiry. */
  daysLeft: number | null;
  /** The certificate's file name, the Firebase project, or the Huawei client and app ids. */
  detail: string;
  senderId: string | null;
  /** Huawei: the ids the Replace dialog starts from (not secret). */
  huaweiClientId: string | null;
  huaweiApplicationId: string | null;
  /** The account's other applications the credential is bound to, by name. */
  otherApplications: string[];
  /** ISO string. */
  createdAt: string;
};

export function pushCredentialRow(c: PushCredentialDto, applicationId: number, now: Date): PushCredentialRow {
  const apple = isApple(c.provider);
  return {
    id: c.id,
    name: pushCredentialName(c),
    provider: c.provider,
    providerLabel: PUSH_PROVIDER_LABELS[c.provider],
    bundle: c.bundle,
    environment: apple ? (c.isDevMode ? "Sandbox" : "Production") : null,
    expiresAt: c.expiresAt?.toISOString() ?? null,
    daysLeft: c.expiresAt ? Math.floor((c.expiresAt.getTime() - now.getTime()) / DAY_MS) : null,
    detail: apple ? (c.certFileName ?? "") : c.provider === "GOOGLE" ? `Project ${c.projectId ?? ""}` : `Client ${c.huaweiClientId ?? ""}, app ${c.huaweiApplicationId ?? ""}`,
    senderId: c.senderId,
    huaweiClientId: c.huaweiClientId,
    huaweiApplicationId: c.huaweiApplicationId,
    otherApplications: c.applications.filter((a) => a.id !== applicationId).map((a) => a.name),
    createdAt: c.createdAt.toISOString(),
  };
}

/** Whether the row's certificate needs attention soon (PUSH_CERT_EXPIRY_WARNING_DAYS). */
export const expiresSoon = (r: Pick<PushCredentialRow, "daysLeft">): boolean => r.daysLeft !== null && r.daysLeft < PUSH_CERT_EXPIRY_WARNING_DAYS;
