// Limits, prices and words of SIP registrations that client components need too (no zod, no
// database).

/** How many SIP registrations one account may hold (ours). */
export const MAX_SIP_REGISTRATIONS = 100;

/**
 * The monthly subscription of one SIP registration, minor units of the account's currency
 * (ours; the reference reserves "the subscription fee and taxes for the upcoming month" at
 * creation). Charged at creation and at every renewal, one month ahead.
 */
export const SIP_REGISTRATION_MONTHLY_PRICE_MINOR = 100;

/** The longest SIP user part, authentication name and password we accept. */
export const SIP_USERNAME_MAX = 64;
export const SIP_PASSWORD_MAX = 128;

/** What the panel and the API's filters call a registration's state. */
export type SipRegistrationState = "registered" | "failed" | "waiting" | "deactivated";

/**
 * A registration's state from its stored fields: deactivated (its month is unpaid) wins; a
 * non-persistent one that has not registered waits for its user's SDK login; otherwise the last
 * REGISTER's outcome.
 */
export function sipRegistrationState(r: { deactivated: boolean; successful: boolean; isPersistent: boolean; statusCode: number | null }): SipRegistrationState {
  if (r.deactivated) return "deactivated";
  if (r.successful) return "registered";
  if (!r.isPersistent && r.statusCode === null) return "waiting";
  return "failed";
}

export const SIP_REGISTRATION_STATE_LABELS: Record<SipRegistrationState, string> = {
  registered: "Registered",
  failed: "Failed",
  waiting: "Waiting for its user",
  deactivated: "Deactivated: unpaid",
};
