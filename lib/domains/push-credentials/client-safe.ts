// Push credentials' providers and limits, for client components (no zod, no node-forge).

/**
 * The providers, with the Management API's push_provider_name and push_provider_id (the names
 * are the reference's PushCredentialInfo values; the numeric ids are ours, in this order).
 */
export const PUSH_PROVIDERS = ["APPLE", "GOOGLE", "APPLE_VOIP", "HUAWEI"] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];

/** push_provider_id of a provider: 1 APPLE, 2 GOOGLE, 3 APPLE_VOIP, 4 HUAWEI (ours). */
export const pushProviderId = (p: PushProvider): number => PUSH_PROVIDERS.indexOf(p) + 1;

/** The order the Add dialog offers them in: the two Apple ones together. */
export const PUSH_PROVIDER_MENU: readonly PushProvider[] = ["APPLE", "APPLE_VOIP", "GOOGLE", "HUAWEI"];

/** How the panel names each provider. */
export const PUSH_PROVIDER_LABELS: Record<PushProvider, string> = {
  APPLE: "Apple (APNs)",
  APPLE_VOIP: "Apple VoIP (PushKit)",
  GOOGLE: "Google (Firebase Cloud Messaging)",
  HUAWEI: "Huawei (Push Kit)",
};

export const isApple = (p: PushProvider): boolean => p === "APPLE" || p === "APPLE_VOIP";

/** Ours: a .p12 of one certificate and its key is 3 to 6 kB; anything past this is not one. */
export const PUSH_CERT_MAX_BYTES = 64 * 1024;
/** Ours: credentials per account, so a runaway script cannot fill the table. */
export const MAX_PUSH_CREDENTIALS = 100;
/** Ours: an Apple certificate this close to its expiry is flagged on the page (days). */
export const PUSH_CERT_EXPIRY_WARNING_DAYS = 30;

/**
 * The one slot a credential takes in each application it is bound to: an application holds one
 * credential per provider, bundle and (for Apple) APNs environment, so the platform never has two
 * to choose from for one build of a mobile app.
 */
export function pushSlot(c: { provider: string; bundle: string; isDevMode: boolean }): string {
  return `${c.provider}|${c.bundle}|${c.isDevMode ? "sandbox" : "production"}`;
}

/**
 * How the panel and the Logs name a credential: provider, bundle and, for Apple, the
 * environment ("Apple (APNs) com.example.app, sandbox"); "any app" when no bundle was given.
 */
export function pushCredentialName(c: { provider: string; bundle: string; isDevMode: boolean }): string {
  const label = PUSH_PROVIDER_LABELS[c.provider as PushProvider] ?? c.provider;
  const env = isApple(c.provider as PushProvider) ? `, ${c.isDevMode ? "sandbox" : "production"}` : "";
  return `${label} ${c.bundle || "any app"}${env}`;
}
